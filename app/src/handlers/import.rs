//! Importing a forum's recommendations from CSV: the file is sent, kept in the session and
//! shown row by row with its problems; "import" saves every row in one transaction, and only
//! when every row is valid. A forum's outcome document, pasted, becomes such a file: one row
//! per numbered item.
use axum::{
    Form,
    extract::{Multipart, Path, State, rejection::FormRejection},
    response::{IntoResponse, Redirect, Response},
};
use tower_sessions::Session;

use crate::{
    domain::{
        curation::{normal_reference, valid_reference},
        khmer::to_ascii_digits,
        lang::Lang,
        role::Action,
    },
    handlers::{Answered, Pairs, curation::tell_bodies, refuse},
    refusal::Refusal,
    ssr::{
        audit::{self, Event},
        auth::guard::{authorize_form, open_form},
        db::begin_write,
        entities::forum,
        flash,
        state::AppState,
        store::{
            curation_changes::{self, Change, Refused},
            curation_import::{
                MAX_BYTES, OUTCOME_TYPED, PENDING_IMPORT, PendingImport, outcome_csv, preview,
            },
        },
    },
    views::curation::OutcomeInput,
};
use sea_orm::EntityTrait;

fn back(lang: Lang, outcome: &str) -> Response {
    Redirect::to(&format!("/{}/curate/import{outcome}", lang.code())).into_response()
}

/// The forum a form names (Latin or Khmer digits), when it exists.
async fn known_forum(state: &AppState, typed: &str) -> Option<i32> {
    let id = to_ascii_digits(typed.trim()).parse::<i32>().ok()?;
    forum::Entity::find_by_id(id)
        .one(&state.db)
        .await
        .ok()
        .flatten()
        .map(|f| f.id)
}

fn refused(lang: Lang, why: Refusal) -> Response {
    refuse(&format!("/{}/curate/import", lang.code()), why)
}

/// The file and the forum it came from.
pub async fn upload(
    State(state): State<AppState>,
    Path(lang): Path<String>,
    session: Session,
    mut multipart: Multipart,
) -> Response {
    let lang = Lang::parse(&lang).unwrap_or_default();
    let (mut csrf, mut forum_raw, mut file, mut too_big) =
        (String::new(), String::new(), None, false);
    while let Ok(Some(field)) = multipart.next_field().await {
        let name = field.name().unwrap_or_default().to_string();
        let Ok(bytes) = field.bytes().await else {
            too_big = true;
            break;
        };
        match name.as_str() {
            "csrf" => csrf = String::from_utf8_lossy(&bytes).into_owned(),
            "forum" => forum_raw = String::from_utf8_lossy(&bytes).into_owned(),
            "file" if bytes.len() > MAX_BYTES => too_big = true,
            "file" => file = Some(bytes),
            _ => {}
        }
    }
    if let Err(response) =
        authorize_form(&session, &state, lang, &csrf, Action::CurateRecommendations).await
    {
        return response;
    }
    if too_big {
        return refused(lang, Refusal::FileTooBig);
    }
    let Some(forum_id) = known_forum(&state, &forum_raw).await else {
        return refused(lang, Refusal::ForumMissing);
    };
    let Some(bytes) = file.filter(|b| !b.is_empty()) else {
        return refused(lang, Refusal::NoFile);
    };
    let Ok(csv) = String::from_utf8(bytes.to_vec()) else {
        return refused(lang, Refusal::NotUtf8);
    };
    let pending = PendingImport {
        forum_id: Some(forum_id),
        csv,
    };
    if session.insert(PENDING_IMPORT, &pending).await.is_err() {
        return refused(lang, Refusal::Internal);
    }
    back(lang, "")
}

/// Saves every row of the waiting file, or nothing.
pub async fn confirm(
    State(state): State<AppState>,
    Path(lang): Path<String>,
    session: Session,
    form: Result<Form<Pairs>, FormRejection>,
) -> Answered {
    let (lang, form, signed_in) =
        open_form(&state, &session, &lang, form, Action::CurateRecommendations).await?;
    let Some(pending) = session
        .get::<PendingImport>(PENDING_IMPORT)
        .await
        .ok()
        .flatten()
    else {
        return Ok(back(lang, ""));
    };
    let publish = form.one("publish") == "1";
    let change = Change {
        clock: &state.clock,
        actor_id: signed_in.actor.user_id,
    };
    let done = async {
        let txn = begin_write(&state.db).await?;
        // Checked again inside the transaction: the database may have changed since.
        let Some(rows) = preview(&txn, &pending).await?.ready else {
            return Ok(None);
        };
        let mut tell = Vec::new();
        for row in &rows {
            let id = curation_changes::create(&txn, &change, row).await?;
            if publish {
                tell.push((id, curation_changes::publish(&txn, &change, id).await?));
            }
        }
        let event = Event {
            actor_id: Some(signed_in.actor.user_id),
            action: "import",
            object_type: "forum",
            object_id: format!("{}:{}", pending.forum_id.unwrap_or_default(), rows.len()),
        };
        audit::record(&txn, &state.clock, event).await?;
        txn.commit().await?;
        Ok::<_, Refused>(Some((rows.len(), tell)))
    }
    .await;
    match done {
        Ok(Some((count, tell))) => {
            let _ = session.remove::<PendingImport>(PENDING_IMPORT).await;
            for (id, bodies) in tell {
                tell_bodies(&state, id, bodies);
            }
            Ok(Redirect::to(&format!("/{}/curate?imported={count}", lang.code())).into_response())
        }
        Ok(None) | Err(Refused::ReferenceTaken) => Err(refused(lang, Refusal::ImportInvalid)),
        Err(_) => Err(refused(lang, Refusal::Internal)),
    }
}

/// A forum's outcome document, pasted: split into one row per numbered item and kept as the
/// file waiting for review. Refused, the form comes back as typed.
pub async fn outcome(
    State(state): State<AppState>,
    Path(lang): Path<String>,
    session: Session,
    form: Result<Form<Pairs>, FormRejection>,
) -> Answered {
    let (lang, form, _) =
        open_form(&state, &session, &lang, form, Action::CurateRecommendations).await?;
    let typed = OutcomeInput {
        forum: form.one("forum").to_string(),
        document: form.one("document").to_string(),
        original_lang: form.one("original_lang").to_string(),
        theme: form.one("theme").to_string(),
        prefix: form.one("prefix").to_string(),
        bodies: form.one("bodies").to_string(),
    };
    let keep_and_refuse = async |why: Refusal| {
        flash::put(&session, OUTCOME_TYPED, &typed).await;
        refused(lang, why)
    };
    let Some(forum_id) = known_forum(&state, &typed.forum).await else {
        return Err(keep_and_refuse(Refusal::ForumMissing).await);
    };
    // The prefix and a number must make a reference (`SR-2026` and 12 make `SR-2026-12`).
    if !valid_reference(&format!("{}-1", normal_reference(&typed.prefix))) {
        return Err(keep_and_refuse(Refusal::OutcomePrefix).await);
    }
    if typed.document.len() > MAX_BYTES {
        return Err(keep_and_refuse(Refusal::FileTooBig).await);
    }
    let Some(csv) = outcome_csv(&typed) else {
        return Err(keep_and_refuse(Refusal::OutcomeEmpty).await);
    };
    let pending = PendingImport {
        forum_id: Some(forum_id),
        csv,
    };
    if session.insert(PENDING_IMPORT, &pending).await.is_err() {
        return Err(keep_and_refuse(Refusal::Internal).await);
    }
    Ok(back(lang, ""))
}

/// Forgets the waiting file.
pub async fn cancel(
    State(state): State<AppState>,
    Path(lang): Path<String>,
    session: Session,
    form: Result<Form<Pairs>, FormRejection>,
) -> Answered {
    let (lang, _, _) =
        open_form(&state, &session, &lang, form, Action::CurateRecommendations).await?;
    let _ = session.remove::<PendingImport>(PENDING_IMPORT).await;
    Ok(back(lang, ""))
}
