//! The publication gate. While the finder flags anything in an item's public copy (a phone
//! number, a name after "my name is", a village), the item cannot be published or become a
//! draft recommendation: the facilitator decides each flag, hide it or keep it as not
//! identifying, and only when none is left undecided does "publish" go through. The server
//! holds the rule (`moderation::set_state` refuses too); this form is how a person meets it.
//! The audit records how many flags were hidden and kept, never which words.
use axum::{
    Form,
    extract::{Path, State, rejection::FormRejection},
};
use sea_orm::DbErr;
use tower_sessions::Session;

use super::{
    Answered, Pairs,
    moderation::{finish, open_item, refused},
};
use crate::{
    domain::{feedback::ModerationState, redaction},
    refusal::Refusal,
    ssr::{
        audit,
        db::begin_write,
        state::AppState,
        store::moderation_edits::{Changed, Current, Edit, load, touch, update},
    },
};

/// One decision per flag shown: `flag-N` holds the flagged text, `decide-N` is `hide` or
/// `keep`. With `publish=1`, publishes once nothing is left undecided.
pub async fn decide(
    State(state): State<AppState>,
    Path((lang, kind, id)): Path<(String, String, String)>,
    session: Session,
    form: Result<Form<Pairs>, FormRejection>,
) -> Answered {
    let (lang, form, signed_in, kind, id) =
        open_item(&state, &session, &lang, form, (&kind, &id)).await?;
    let mut hide = Vec::new();
    let mut keep = Vec::new();
    for n in 0..200 {
        let flag = form.one(&format!("flag-{n}")).trim().to_string();
        if flag.is_empty() {
            break;
        }
        match form.one(&format!("decide-{n}")) {
            "hide" => hide.push(flag),
            "keep" => keep.push(flag),
            _ => return Ok(refused(lang.code(), kind, id, Refusal::FlagsChoose)),
        }
    }
    let publish = form.one("publish") == "1";
    let result = async {
        let txn = begin_write(&state.db).await?;
        let Some(item) = load(&txn, &state.sealer, kind, id).await? else {
            return Ok(Changed::Missing);
        };
        let copy = redaction::hide_flagged(item.public_copy(), &hide);
        let mut kept = item.kept.clone();
        for k in &keep {
            if !kept.contains(k) {
                kept.push(k.clone());
            }
        }
        let decided = Current {
            original: item.original.clone(),
            redacted: Some(copy.clone()),
            state: item.state,
            kept: kept.clone(),
        };
        let done = decided.undecided().is_empty();
        let edit = Edit {
            redacted: Some(Some(copy)),
            kept: Some(kept.join("\n")),
            state: match (publish && done, item.state) {
                (true, _) => Some(ModerationState::Published),
                (false, ModerationState::New) => Some(ModerationState::Reviewing),
                _ => None,
            },
            ..Edit::default()
        };
        update(&txn, kind, id, edit).await?;
        touch(&txn, &state, kind, id).await?;
        let action = if publish && done {
            "state_published"
        } else {
            "flags_decided"
        };
        audit::record_with_detail(
            &txn,
            &state.clock,
            audit::Event {
                actor_id: Some(signed_in.actor.user_id),
                action,
                object_type: kind.code(),
                object_id: id.to_string(),
            },
            format!("hidden {} kept {}", hide.len(), keep.len()),
        )
        .await?;
        txn.commit().await?;
        Ok::<_, DbErr>(if done || !publish {
            Changed::Done
        } else {
            Changed::Undecided
        })
    }
    .await;
    let done = if publish {
        "done=state"
    } else {
        "done=redacted"
    };
    Ok(finish(lang, kind, id, result, done))
}
