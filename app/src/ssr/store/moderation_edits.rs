//! Facilitators' changes to anonymous feedback, proposals and survivors' words on claims:
//! hide words, translate, change state, mark spam, reply in the thread, make a proposal a
//! draft recommendation. Each is one write transaction with its audit event; the survivor's
//! original words are never changed.
use chrono::Datelike;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait,
    QueryFilter, QuerySelect, sea_query::Expr,
};
use uuid::Uuid;

use super::{
    claim_check_tallies,
    survivor::{append_message, touch_thread},
};
use crate::{
    domain::{
        check::Verdict,
        curation::{Source, TranslationState},
        feedback::ModerationState,
        redaction,
        reference::{next_survivor_reference, survivor_reference_prefix},
        status::Status,
    },
    ssr::{
        audit::{self, Event},
        db::begin_write,
        entities::{claim_check, feedback, proposal, recommendation, thread},
        seal::Sealer,
        state::AppState,
        tallies,
    },
    views::moderation::ItemKind,
};

/// The item as it stands, for deciding an edit; `None` when there is no such item.
pub async fn load(
    db: &impl ConnectionTrait,
    sealer: &Sealer,
    kind: ItemKind,
    id: Uuid,
) -> Result<Option<Current>, DbErr> {
    Ok(match kind {
        ItemKind::Feedback => feedback::Entity::find_by_id(id)
            .one(db)
            .await?
            .map(|f| Current {
                kept: redaction::kept_list(f.kept_flags.as_deref()),
                original: sealer.open_or_log(f.text_original.as_deref()),
                redacted: f.text_redacted,
                state: f.moderation_state,
            }),
        ItemKind::Proposal => proposal::Entity::find_by_id(id)
            .one(db)
            .await?
            .map(|p| Current {
                kept: redaction::kept_list(p.kept_flags.as_deref()),
                original: sealer.open_or_log(Some(&p.text_original)),
                redacted: p.text_redacted,
                state: p.moderation_state,
            }),
        ItemKind::Check => claim_check::Entity::find_by_id(id)
            .one(db)
            .await?
            .map(|c| Current {
                kept: redaction::kept_list(c.kept_flags.as_deref()),
                original: sealer.open_or_log(c.text_original.as_deref()),
                redacted: c.text_redacted,
                state: c.moderation_state,
            }),
    })
}

/// What one action changes on an item. `None` leaves a column as it is.
#[derive(Default)]
pub struct Edit {
    pub redacted: Option<Option<String>>,
    pub translated: Option<String>,
    pub state: Option<ModerationState>,
    /// The flags kept as not identifying, one per line.
    pub kept: Option<String>,
}

/// The item as it stands, for deciding an edit.
pub struct Current {
    pub original: Option<String>,
    pub redacted: Option<String>,
    pub state: ModerationState,
    pub kept: Vec<String>,
}

impl Current {
    /// What readers would see if it were published now.
    pub fn public_copy(&self) -> &str {
        self.redacted
            .as_deref()
            .or(self.original.as_deref())
            .unwrap_or_default()
    }

    /// The finder's flags in the public copy that nobody has hidden or kept yet.
    pub fn undecided(&self) -> Vec<redaction::Suggestion> {
        let places = super::moderation::place_names();
        let places: Vec<&str> = places.iter().map(String::as_str).collect();
        redaction::undecided(self.public_copy(), &self.kept, &places)
    }
}

/// What became of one action on one item.
pub enum Changed {
    Done,
    Missing,
    /// Publishing refused: the public copy still has flags nobody decided.
    Undecided,
}

/// One action on one item: the edit `decide` makes of it and its audit event, in one
/// transaction. `decide` answers `None` to refuse (the publication gate).
pub async fn change(
    state: &AppState,
    actor: i32,
    action: &str,
    kind: ItemKind,
    id: Uuid,
    decide: impl FnOnce(Current) -> Option<Edit>,
) -> Result<Changed, DbErr> {
    let txn = begin_write(&state.db).await?;
    let Some(current) = load(&txn, &state.sealer, kind, id).await? else {
        return Ok(Changed::Missing);
    };
    let Some(edit) = decide(current) else {
        return Ok(Changed::Undecided);
    };
    update(&txn, kind, id, edit).await?;
    touch(&txn, state, kind, id).await?;
    audit_item(&txn, state, actor, action, kind, id).await?;
    txn.commit().await?;
    Ok(Changed::Done)
}

/// A decision on an item keeps its thread (and the survivor's words) for another retention
/// period.
pub async fn touch(
    db: &impl ConnectionTrait,
    state: &AppState,
    kind: ItemKind,
    id: Uuid,
) -> Result<(), DbErr> {
    let today = state.clock.today();
    match kind {
        ItemKind::Feedback => touch_thread(db, Some(id), None, today).await,
        ItemKind::Proposal => touch_thread(db, None, Some(id), today).await,
        // No thread: its words are kept as long as the recommendation asks.
        ItemKind::Check => Ok(()),
    }
}

/// Sets the columns `edit` names.
pub async fn update(
    db: &impl ConnectionTrait,
    kind: ItemKind,
    id: Uuid,
    edit: Edit,
) -> Result<(), DbErr> {
    let Edit {
        redacted,
        translated,
        state: new_state,
        kept,
    } = edit;
    macro_rules! apply {
        ($entity:ident) => {{
            let mut q = $entity::Entity::update_many().filter($entity::Column::Id.eq(id));
            if let Some(r) = redacted {
                q = q.col_expr($entity::Column::TextRedacted, Expr::value(r));
            }
            if let Some(t) = translated {
                let t = (!t.trim().is_empty()).then(|| t.trim().to_string());
                q = q.col_expr($entity::Column::TextTranslated, Expr::value(t));
            }
            if let Some(s) = new_state {
                q = q.col_expr($entity::Column::ModerationState, Expr::value(s.code()));
            }
            if let Some(k) = kept {
                q = q.col_expr($entity::Column::KeptFlags, Expr::value(k));
            }
            q.exec(db).await?;
        }};
    }
    match kind {
        ItemKind::Feedback => {
            // Moving in or out of spam changes the counts, in this same transaction.
            let before = match new_state {
                Some(_) => feedback::Entity::find_by_id(id).one(db).await?,
                None => None,
            };
            apply!(feedback);
            if let (Some(row), Some(to)) = (before, new_state) {
                let from = row.moderation_state;
                tallies::restate(db, &row, from, to).await?;
            }
        }
        ItemKind::Proposal => apply!(proposal),
        ItemKind::Check => {
            // Spam is not counted, as with feedback: moving in or out of it moves the counts.
            let before = match new_state {
                Some(_) => claim_check::Entity::find_by_id(id).one(db).await?,
                None => None,
            };
            apply!(claim_check);
            if let (Some(row), Some(to)) = (before, new_state) {
                let spam = ModerationState::Spam;
                let delta = match (row.moderation_state == spam, to == spam) {
                    (false, true) => -1,
                    (true, false) => 1,
                    _ => 0,
                };
                if let (Some(verdict), true) = (Verdict::parse(&row.verdict), delta != 0) {
                    claim_check_tallies::add(db, row.recommendation_id, verdict, delta).await?;
                }
            }
        }
    }
    Ok(())
}

/// New items become "being reviewed" at the first thing a facilitator does with them.
pub fn reviewing(current: ModerationState) -> Option<ModerationState> {
    (current == ModerationState::New).then_some(ModerationState::Reviewing)
}

pub async fn audit_item(
    db: &impl ConnectionTrait,
    state: &AppState,
    actor: i32,
    action: &str,
    kind: ItemKind,
    id: Uuid,
) -> Result<(), DbErr> {
    audit::record(
        db,
        &state.clock,
        Event {
            actor_id: Some(actor),
            action,
            object_type: kind.code(),
            object_id: id.to_string(),
        },
    )
    .await
}

/// Marks every item as spam, in one transaction.
pub async fn mark_spam(
    state: &AppState,
    actor: i32,
    items: &[(ItemKind, Uuid)],
) -> Result<(), DbErr> {
    let txn = begin_write(&state.db).await?;
    for (kind, id) in items {
        let spam = Edit {
            state: Some(ModerationState::Spam),
            ..Edit::default()
        };
        update(&txn, *kind, *id, spam).await?;
        audit_item(&txn, state, actor, "state_spam", *kind, *id).await?;
    }
    txn.commit().await
}

/// A facilitator's answer in the item's receipt thread, with its audit event and the item's
/// move to "being reviewed", in one transaction.
pub async fn reply(
    state: &AppState,
    actor: i32,
    kind: ItemKind,
    id: Uuid,
    body: &str,
) -> Result<Changed, DbErr> {
    let txn = begin_write(&state.db).await?;
    let which = match kind {
        ItemKind::Feedback => thread::Column::FeedbackId.eq(id),
        ItemKind::Proposal => thread::Column::ProposalId.eq(id),
        // A survivor's word on a claim has no thread to answer in.
        ItemKind::Check => return Ok(Changed::Missing),
    };
    let found = thread::Entity::find().filter(which).one(&txn).await?;
    let (Some(found), Some(item)) = (found, load(&txn, &state.sealer, kind, id).await?) else {
        return Ok(Changed::Missing);
    };
    append_message(
        &txn,
        &state.clock,
        &state.sealer,
        found.id,
        Some(actor),
        body,
    )
    .await?;
    let edit = Edit {
        state: reviewing(item.state),
        ..Edit::default()
    };
    update(&txn, kind, id, edit).await?;
    touch(&txn, state, kind, id).await?;
    audit_item(&txn, state, actor, "reply", kind, id).await?;
    txn.commit().await?;
    Ok(Changed::Done)
}

/// What became of making a proposal a draft recommendation.
pub enum Promoted {
    /// The draft recommendation's id (an earlier one, when the proposal already had one).
    Made(i32),
    Missing,
    /// Nothing hidden yet: a draft is made from the public copy only.
    RedactFirst,
    /// The public copy still has flags nobody decided.
    Undecided,
}

/// Makes a draft recommendation from a proposal's public copy, numbered `SP-<year>-<n>`,
/// and links the two.
pub async fn promote(state: &AppState, actor: i32, id: Uuid) -> Result<Promoted, DbErr> {
    let kind = ItemKind::Proposal;
    let txn = begin_write(&state.db).await?;
    let Some(p) = proposal::Entity::find_by_id(id).one(&txn).await? else {
        return Ok(Promoted::Missing);
    };
    if let Some(existing) = p.recommendation_id {
        return Ok(Promoted::Made(existing));
    }
    let Some(text) = p.text_redacted.clone() else {
        return Ok(Promoted::RedactFirst);
    };
    let gate = load(&txn, &state.sealer, kind, id).await?;
    if gate.is_some_and(|item| !item.undecided().is_empty()) {
        return Ok(Promoted::Undecided);
    }
    let made = state.clock.now();
    let year = state.clock.today().year();
    let used: Vec<String> = recommendation::Entity::find()
        .select_only()
        .column(recommendation::Column::Reference)
        .filter(recommendation::Column::Reference.starts_with(survivor_reference_prefix(year)))
        .into_tuple()
        .all(&txn)
        .await?;
    let reference = next_survivor_reference(year, used.iter().map(String::as_str));
    let title: String = text.chars().take(80).collect();
    let (km, en) = if p.text_lang == "km" {
        (Some(text.clone()), p.text_translated.clone())
    } else {
        (p.text_translated.clone(), Some(text.clone()))
    };
    let title_other = |t: &Option<String>| t.as_ref().map(|s| s.chars().take(80).collect());
    let (title_km, title_en) = if p.text_lang == "km" {
        (Some(title.clone()), title_other(&p.text_translated))
    } else {
        (title_other(&p.text_translated), Some(title.clone()))
    };
    let rec = recommendation::ActiveModel {
        reference: Set(reference),
        forum_id: Set(None),
        source: Set(Source::SurvivorProposal),
        theme: Set(p.theme),
        title_km: Set(title_km),
        title_en: Set(title_en),
        body_km: Set(km),
        body_en: Set(en),
        original_lang: Set(p.text_lang.clone()),
        translation_state: Set(if p.text_translated.is_some() {
            TranslationState::Human
        } else {
            TranslationState::Missing
        }),
        status: Set(Status::Draft),
        published_on: Set(None),
        earliest_open_due_on: Set(None),
        canonical_id: Set(None),
        is_demo: Set(false),
        created_at: Set(made),
        updated_at: Set(made),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    proposal::Entity::update_many()
        .col_expr(proposal::Column::RecommendationId, Expr::value(rec.id))
        .filter(proposal::Column::Id.eq(id))
        .exec(&txn)
        .await?;
    audit_item(&txn, state, actor, "promote", kind, id).await?;
    txn.commit().await?;
    Ok(Promoted::Made(rec.id))
}
