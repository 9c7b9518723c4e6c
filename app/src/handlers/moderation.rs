//! What facilitators do with anonymous feedback and proposals: hide identifying words,
//! translate, publish or keep unpublished, mark spam in bulk, answer in the receipt thread,
//! and turn a proposal into a draft recommendation. Each is one transaction and one audit
//! event; the survivor's original words are never changed.
use axum::{
    Form,
    extract::{Path, State, rejection::FormRejection},
    response::{IntoResponse, Redirect, Response},
};
use chrono::Datelike;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait,
    PaginatorTrait, QueryFilter, sea_query::Expr,
};
use tower_sessions::Session;
use uuid::Uuid;

use crate::{
    domain::{
        feedback::ModerationState, lang::Lang, redaction, role::Action, status::Status,
        submission::check_reply,
    },
    handlers::Pairs,
    ssr::{
        audit::{self, Event},
        auth::{guard::open_form, session::SignedIn},
        db::begin_write,
        entities::{feedback, proposal, recommendation, thread},
        queries::survivor::{append_message, touch_thread},
        seal::Sealer,
        state::AppState,
        tallies,
    },
    views::moderation::ItemKind,
};

pub(super) fn item_path(lang: &str, kind: ItemKind, id: Uuid) -> String {
    format!("/{lang}/moderation/{}/{id}", kind.code())
}

pub(super) fn back(lang: &str, kind: ItemKind, id: Uuid, outcome: &str) -> Response {
    Redirect::to(&format!("{}?{outcome}", item_path(lang, kind, id))).into_response()
}

fn parse_item(kind: &str, id: &str) -> Option<(ItemKind, Uuid)> {
    Some((ItemKind::parse(kind)?, Uuid::parse_str(id).ok()?))
}

/// What every form on one item starts with: `open_form` for a facilitator, then the item's
/// kind and id from the address (404 when they make no sense).
pub(super) async fn open_item(
    state: &AppState,
    session: &Session,
    lang: &str,
    form: Result<Form<Pairs>, FormRejection>,
    (kind, id): (&str, &str),
) -> Result<(Lang, Pairs, SignedIn, ItemKind, Uuid), Response> {
    let (lang, form, signed_in) =
        open_form(state, session, lang, form, Action::ModerateFeedback).await?;
    match parse_item(kind, id) {
        Some((kind, id)) => Ok((lang, form, signed_in, kind, id)),
        None => Err(crate::handlers::not_found(lang)),
    }
}

/// The item as it stands, for deciding an edit; `None` when there is no such item.
pub(super) async fn load(
    db: &impl ConnectionTrait,
    sealer: &Sealer,
    kind: ItemKind,
    id: Uuid,
) -> Result<Option<Current>, DbErr> {
    let state = |s: &str| ModerationState::parse(s).unwrap_or(ModerationState::New);
    Ok(match kind {
        ItemKind::Feedback => feedback::Entity::find_by_id(id)
            .one(db)
            .await?
            .map(|f| Current {
                kept: redaction::kept_list(f.kept_flags.as_deref()),
                original: sealer.open_or_log(f.text_original.as_deref()),
                redacted: f.text_redacted,
                state: state(&f.moderation_state),
            }),
        ItemKind::Proposal => proposal::Entity::find_by_id(id)
            .one(db)
            .await?
            .map(|p| Current {
                kept: redaction::kept_list(p.kept_flags.as_deref()),
                original: sealer.open_or_log(Some(&p.text_original)),
                redacted: p.text_redacted,
                state: state(&p.moderation_state),
            }),
    })
}

/// What one action changes on an item. `None` leaves a column as it is.
#[derive(Default)]
pub(super) struct Edit {
    pub redacted: Option<Option<String>>,
    pub translated: Option<String>,
    pub state: Option<ModerationState>,
    /// The flags kept as not identifying, one per line.
    pub kept: Option<String>,
}

/// The item as it stands, for deciding an edit.
pub(super) struct Current {
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
        let places = crate::ssr::queries::moderation::place_names();
        let places: Vec<&str> = places.iter().map(String::as_str).collect();
        redaction::undecided(self.public_copy(), &self.kept, &places)
    }
}

/// What became of one action on one item.
pub(super) enum Changed {
    Done,
    Missing,
    /// Publishing refused: the public copy still has flags nobody decided.
    Undecided,
}

/// One action on one item: the edit `decide` makes of it and its audit event, in one
/// transaction. `decide` answers `None` to refuse (the publication gate).
async fn change(
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
pub(super) async fn touch(
    db: &impl ConnectionTrait,
    state: &AppState,
    kind: ItemKind,
    id: Uuid,
) -> Result<(), DbErr> {
    let today = state.clock.today();
    match kind {
        ItemKind::Feedback => touch_thread(db, Some(id), None, today).await,
        ItemKind::Proposal => touch_thread(db, None, Some(id), today).await,
    }
}

/// Sets the columns `edit` names.
pub(super) async fn update(
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
                let from =
                    ModerationState::parse(&row.moderation_state).unwrap_or(ModerationState::New);
                tallies::restate(db, &row, from, to).await?;
            }
        }
        ItemKind::Proposal => apply!(proposal),
    }
    Ok(())
}

/// New items become "being reviewed" at the first thing a facilitator does with them.
fn reviewing(current: ModerationState) -> Option<ModerationState> {
    (current == ModerationState::New).then_some(ModerationState::Reviewing)
}

pub(super) async fn audit_item(
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

/// Hides the chosen parts (ticked suggestions, and other words typed one per line) in the
/// copy others may read. Starts from the current copy, or from the original when asked.
pub async fn redact(
    State(state): State<AppState>,
    Path((lang, kind, id)): Path<(String, String, String)>,
    session: Session,
    form: Result<Form<Pairs>, FormRejection>,
) -> Response {
    let (lang, form, signed_in, kind, id) =
        match open_item(&state, &session, &lang, form, (&kind, &id)).await {
            Ok(opened) => opened,
            Err(response) => return response,
        };
    let mut parts: Vec<String> = form.all("part").map(str::to_string).collect();
    parts.extend(form.one("other").lines().map(|l| l.trim().to_string()));
    let restart = form.one("restart") == "1";
    // The audit says that words were hidden, never which: they may identify someone.
    let result = change(
        &state,
        signed_in.actor.user_id,
        "redact",
        kind,
        id,
        |item| {
            let base = match (restart, item.redacted) {
                (false, Some(copy)) => copy,
                _ => item.original.unwrap_or_default(),
            };
            Some(Edit {
                redacted: Some(Some(redaction::redact(&base, &parts).0)),
                state: reviewing(item.state),
                ..Edit::default()
            })
        },
    )
    .await;
    finish(lang, kind, id, result, "done=redacted")
}

/// Saves the translation of the public copy into the other language.
pub async fn translate(
    State(state): State<AppState>,
    Path((lang, kind, id)): Path<(String, String, String)>,
    session: Session,
    form: Result<Form<Pairs>, FormRejection>,
) -> Response {
    let (lang, form, signed_in, kind, id) =
        match open_item(&state, &session, &lang, form, (&kind, &id)).await {
            Ok(opened) => opened,
            Err(response) => return response,
        };
    let text = form.one("translated").to_string();
    if text.len() >= crate::domain::submission::MAX_TEXT_BYTES {
        return back(lang.code(), kind, id, "error=too-long");
    }
    let result = change(
        &state,
        signed_in.actor.user_id,
        "translate",
        kind,
        id,
        |item| {
            Some(Edit {
                translated: Some(text),
                state: reviewing(item.state),
                ..Edit::default()
            })
        },
    )
    .await;
    finish(lang, kind, id, result, "done=translated")
}

pub(super) fn finish(
    lang: Lang,
    kind: ItemKind,
    id: Uuid,
    result: Result<Changed, DbErr>,
    done: &str,
) -> Response {
    match result {
        Ok(Changed::Done) => back(lang.code(), kind, id, done),
        Ok(Changed::Missing) => crate::handlers::not_found(lang),
        Ok(Changed::Undecided) => back(lang.code(), kind, id, "error=flags#gate"),
        Err(e) => {
            tracing::error!(error = %e, "moderation change not saved");
            back(lang.code(), kind, id, "error=internal")
        }
    }
}

/// Publishes, keeps unpublished, or puts back under review. Publishing makes the public copy
/// from the original when nothing was hidden, and is refused while the finder flags anything
/// in that copy that nobody has hidden or kept (the gate, `publication_gate`).
pub async fn set_state(
    State(state): State<AppState>,
    Path((lang, kind, id)): Path<(String, String, String)>,
    session: Session,
    form: Result<Form<Pairs>, FormRejection>,
) -> Response {
    let (lang, form, signed_in, kind, id) =
        match open_item(&state, &session, &lang, form, (&kind, &id)).await {
            Ok(opened) => opened,
            Err(response) => return response,
        };
    let Some(new_state) = ModerationState::parse(form.one("state")) else {
        return back(lang.code(), kind, id, "error=state");
    };
    let action = format!("state_{}", new_state.code());
    let result = change(&state, signed_in.actor.user_id, &action, kind, id, |item| {
        let publishing = new_state == ModerationState::Published;
        if publishing && !item.undecided().is_empty() {
            return None;
        }
        Some(Edit {
            redacted: (publishing && item.redacted.is_none()).then_some(item.original),
            state: Some(new_state),
            ..Edit::default()
        })
    })
    .await;
    finish(lang, kind, id, result, "done=state")
}

/// Marks every ticked item of the queue as spam, in one transaction.
pub async fn mark_spam(
    State(state): State<AppState>,
    Path(lang): Path<String>,
    session: Session,
    form: Result<Form<Pairs>, FormRejection>,
) -> Response {
    let (lang, form, signed_in) =
        match open_form(&state, &session, &lang, form, Action::ModerateFeedback).await {
            Ok(opened) => opened,
            Err(response) => return response,
        };
    let items: Vec<(ItemKind, Uuid)> = form
        .all("item")
        .filter_map(|v| v.split_once(':'))
        .filter_map(|(k, i)| parse_item(k, i))
        .collect();
    let queue = format!("/{}/moderation", lang.code());
    if items.is_empty() {
        return Redirect::to(&format!("{queue}?error=none-chosen")).into_response();
    }
    let result: Result<(), DbErr> = async {
        let txn = begin_write(&state.db).await?;
        for (kind, id) in &items {
            let spam = Edit {
                state: Some(ModerationState::Spam),
                ..Edit::default()
            };
            update(&txn, *kind, *id, spam).await?;
            audit_item(
                &txn,
                &state,
                signed_in.actor.user_id,
                "state_spam",
                *kind,
                *id,
            )
            .await?;
        }
        txn.commit().await
    }
    .await;
    match result {
        Ok(()) => Redirect::to(&format!("{queue}?spam={}", items.len())).into_response(),
        Err(e) => {
            tracing::error!(error = %e, "spam marks not saved");
            Redirect::to(&format!("{queue}?error=internal")).into_response()
        }
    }
}

/// A facilitator's answer in the receipt thread; the survivor reads it with their code.
pub async fn reply(
    State(state): State<AppState>,
    Path((lang, kind, id)): Path<(String, String, String)>,
    session: Session,
    form: Result<Form<Pairs>, FormRejection>,
) -> Response {
    let (lang, form, signed_in, kind, id) =
        match open_item(&state, &session, &lang, form, (&kind, &id)).await {
            Ok(opened) => opened,
            Err(response) => return response,
        };
    let body = match check_reply(form.one("body")) {
        Ok(body) => body,
        Err(_) => return back(lang.code(), kind, id, "error=reply"),
    };
    let found = thread::Entity::find()
        .filter(match kind {
            ItemKind::Feedback => thread::Column::FeedbackId.eq(id),
            ItemKind::Proposal => thread::Column::ProposalId.eq(id),
        })
        .one(&state.db)
        .await;
    let thread_id = match found {
        Ok(Some(t)) => t.id,
        Ok(None) => return crate::handlers::not_found(lang),
        Err(_) => return back(lang.code(), kind, id, "error=internal"),
    };
    let user = signed_in.actor.user_id;
    let saved = append_message(
        &state.db,
        &state.clock,
        &state.sealer,
        thread_id,
        Some(user),
        &body,
    )
    .await;
    let audited = change(&state, user, "reply", kind, id, |item| {
        Some(Edit {
            state: reviewing(item.state),
            ..Edit::default()
        })
    });
    match saved {
        Ok(()) => {
            if let Err(e) = audited.await {
                tracing::error!(error = %e, "reply audit not saved");
            }
            back(lang.code(), kind, id, "done=replied")
        }
        Err(_) => back(lang.code(), kind, id, "error=internal"),
    }
}

/// Makes a draft recommendation from a proposal's public copy, and links the two.
pub async fn promote(
    State(state): State<AppState>,
    Path((lang, id)): Path<(String, String)>,
    session: Session,
    form: Result<Form<Pairs>, FormRejection>,
) -> Response {
    let (lang, _form, signed_in) =
        match open_form(&state, &session, &lang, form, Action::CurateRecommendations).await {
            Ok(opened) => opened,
            Err(response) => return response,
        };
    let Ok(id) = Uuid::parse_str(&id) else {
        return crate::handlers::not_found(lang);
    };
    let kind = ItemKind::Proposal;
    let result: Result<Result<i32, &'static str>, DbErr> = async {
        let txn = begin_write(&state.db).await?;
        let Some(p) = proposal::Entity::find_by_id(id).one(&txn).await? else {
            return Ok(Err("missing"));
        };
        if let Some(existing) = p.recommendation_id {
            return Ok(Ok(existing));
        }
        let Some(text) = p.text_redacted.clone() else {
            return Ok(Err("redact-first"));
        };
        let gate = load(&txn, &state.sealer, kind, id).await?;
        if gate.is_some_and(|item| !item.undecided().is_empty()) {
            return Ok(Err("flags"));
        }
        let made = state.clock.now();
        let year = state.clock.today().year();
        let mut n = recommendation::Entity::find()
            .filter(recommendation::Column::Source.eq("survivor_proposal"))
            .count(&txn)
            .await?
            + 1;
        let reference = loop {
            let candidate = format!("SP-{year}-{n:03}");
            let taken = recommendation::Entity::find()
                .filter(recommendation::Column::Reference.eq(&candidate))
                .count(&txn)
                .await?
                > 0;
            if !taken {
                break candidate;
            }
            n += 1;
        };
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
            source: Set("survivor_proposal".to_string()),
            theme: Set(p.theme.clone()),
            title_km: Set(title_km),
            title_en: Set(title_en),
            body_km: Set(km),
            body_en: Set(en),
            original_lang: Set(p.text_lang.clone()),
            translation_state: Set(if p.text_translated.is_some() {
                "human"
            } else {
                "missing"
            }
            .to_string()),
            status: Set(Status::Draft.code().to_string()),
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
        audit_item(&txn, &state, signed_in.actor.user_id, "promote", kind, id).await?;
        txn.commit().await?;
        Ok(Ok(rec.id))
    }
    .await;
    match result {
        Ok(Ok(_)) => back(lang.code(), kind, id, "done=promoted"),
        Ok(Err("missing")) => crate::handlers::not_found(lang),
        Ok(Err("flags")) => back(lang.code(), kind, id, "error=flags#gate"),
        Ok(Err(_)) => back(lang.code(), kind, id, "error=redact-first"),
        Err(e) => {
            tracing::error!(error = %e, "draft recommendation not made");
            back(lang.code(), kind, id, "error=internal")
        }
    }
}
