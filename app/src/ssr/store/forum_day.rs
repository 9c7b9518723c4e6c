//! A forum on its day: facilitators add drafts as the groups speak, put them in order, merge
//! two that say the same, mark the day's priorities, and at the end publish the whole set
//! (the forum and every draft) in one write transaction. Nothing is public before that.
//! A merged draft is kept, pointing at the one it joined (`canonical_id`), like any merge.
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseTransaction, DbErr, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder,
};
use tower_sessions::Session;

use super::{
    convert::{bilingual, org_ref},
    curation_changes::{self, Change},
    search_index,
    tracker::public,
};
use crate::{
    domain::{
        curation::{CheckedRecommendation, MAX_TEXT, Source, TranslationState},
        lang::Lang,
        outcome::title_of,
        role::Action,
        theme::Theme,
    },
    error::AppError,
    ssr::{
        audit::{self, Event},
        auth::guard::authorize,
        db::begin_write,
        entities::{forum, organisation, recommendation, recommendation_body},
        flash,
        state::AppState,
    },
    views::forum_day::{CaptureInput, DayDraft, ForumDayView},
};

/// The session key of a refused quick-add form, as typed.
pub const CAPTURE_TYPED: &str = "capture_typed";
/// Longest name of a discussion group.
const MAX_GROUP: usize = 60;

/// Why a change to the day was refused.
pub enum Refused {
    NotFound,
    /// A field is missing or strange; the key of the message.
    Field(&'static str),
    /// Some drafts are addressed to nobody, and no body was chosen for them.
    Unaddressed,
    Db(DbErr),
}

impl From<DbErr> for Refused {
    fn from(e: DbErr) -> Self {
        Refused::Db(e)
    }
}

impl From<curation_changes::Refused> for Refused {
    fn from(e: curation_changes::Refused) -> Self {
        match e {
            curation_changes::Refused::Db(e) => Refused::Db(e),
            _ => Refused::NotFound,
        }
    }
}

/// The forum's drafts, in the day's order (then as added).
pub(super) async fn drafts(
    txn: &impl sea_orm::ConnectionTrait,
    forum_id: i32,
) -> Result<Vec<recommendation::Model>, DbErr> {
    let mut rows = recommendation::Entity::find()
        .filter(recommendation::Column::ForumId.eq(forum_id))
        .filter(recommendation::Column::PublishedOn.is_null())
        .filter(recommendation::Column::CanonicalId.is_null())
        .order_by_asc(recommendation::Column::Id)
        .all(txn)
        .await?;
    rows.sort_by_key(|r| r.day_order.unwrap_or(i32::MAX));
    Ok(rows)
}

pub async fn view(state: &AppState, session: &Session, id: i32) -> Result<ForumDayView, AppError> {
    let signed_in = authorize(session, state, Action::CurateRecommendations).await?;
    let db = &state.db;
    let f = forum::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let rows = drafts(db, id).await?;
    let addressed: Vec<i32> = recommendation_body::Entity::find()
        .filter(recommendation_body::Column::RecommendationId.is_in(rows.iter().map(|r| r.id)))
        .all(db)
        .await?
        .into_iter()
        .map(|b| b.recommendation_id)
        .collect();
    let public_count = recommendation::Entity::find()
        .filter(public())
        .filter(recommendation::Column::ForumId.eq(id))
        .count(db)
        .await?;
    let typed = flash::take(session, CAPTURE_TYPED)
        .await
        .unwrap_or(CaptureInput {
            lang: Lang::Km.code().into(),
            ..Default::default()
        });
    Ok(ForumDayView {
        forum_id: f.id,
        title: bilingual(f.title_km, f.title_en, &f.original_lang),
        published: f.published_at.is_some(),
        drafts: rows
            .into_iter()
            .map(|r| DayDraft {
                id: r.id,
                addressed: addressed.contains(&r.id),
                theme: r.theme,
                title: bilingual(r.title_km, r.title_en, &r.original_lang),
                text: bilingual(r.body_km, r.body_en, &r.original_lang),
                group: r.discussion_group,
                is_priority: r.is_priority,
                votes: r.day_votes,
                phone_votes: r.phone_votes,
                reference: r.reference,
            })
            .collect(),
        public_count,
        organisations: organisation::Entity::find()
            .order_by_asc(organisation::Column::Code)
            .all(db)
            .await?
            .iter()
            .map(org_ref)
            .collect(),
        typed,
        csrf: signed_in.auth.csrf,
    })
}

/// Adds a draft as a group speaks: its text (the title is its first sentence), language,
/// theme and group. Its reference is the forum's: `F<forum>-<n>`. Its id.
pub async fn add(
    state: &AppState,
    actor_id: i32,
    forum_id: i32,
    typed: &CaptureInput,
) -> Result<i32, Refused> {
    let text = typed.text.trim();
    if text.is_empty() {
        return Err(Refused::Field("day-error-text"));
    }
    if text.chars().count() > MAX_TEXT {
        return Err(Refused::Field("curate-error-too-long"));
    }
    let lang =
        Lang::parse(typed.lang.trim()).ok_or(Refused::Field("curate-error-original-lang"))?;
    let theme = Theme::parse(typed.theme.trim()).ok_or(Refused::Field("curate-error-theme"))?;
    let group = Some(typed.group.trim().to_string()).filter(|g| !g.is_empty());
    if group
        .as_ref()
        .is_some_and(|g| g.chars().count() > MAX_GROUP)
    {
        return Err(Refused::Field("curate-error-too-long"));
    }
    let txn = begin_write(&state.db).await?;
    forum::Entity::find_by_id(forum_id)
        .one(&txn)
        .await?
        .ok_or(Refused::NotFound)?;
    let taken = recommendation::Entity::find()
        .filter(recommendation::Column::Reference.starts_with(format!("F{forum_id}-")))
        .count(&txn)
        .await?;
    let mut n = taken + 1;
    let reference = loop {
        let candidate = format!("F{forum_id}-{n}");
        let exists = recommendation::Entity::find()
            .filter(recommendation::Column::Reference.eq(&candidate))
            .count(&txn)
            .await?;
        if exists == 0 {
            break candidate;
        }
        n += 1;
    };
    let title = title_of(text, crate::domain::curation::MAX_TITLE);
    let (title_km, title_en, body_km, body_en) = match lang {
        Lang::Km => (Some(title), None, Some(text.to_string()), None),
        Lang::En => (None, Some(title), None, Some(text.to_string())),
    };
    let checked = CheckedRecommendation {
        reference,
        forum_id: Some(forum_id),
        source: Source::Forum,
        theme,
        title_km,
        title_en,
        body_km,
        body_en,
        original_lang: lang,
        translation_state: TranslationState::Missing,
        bodies: Vec::new(),
    };
    let change = Change {
        clock: &state.clock,
        actor_id,
    };
    let id = curation_changes::create(&txn, &change, &checked).await?;
    let last = drafts(&txn, forum_id)
        .await?
        .iter()
        .filter_map(|r| r.day_order)
        .max()
        .unwrap_or(0);
    let Some(rec) = recommendation::Entity::find_by_id(id).one(&txn).await? else {
        return Err(Refused::NotFound);
    };
    let mut active: recommendation::ActiveModel = rec.into();
    active.discussion_group = Set(group);
    active.day_order = Set(Some(last + 1));
    active.update(&txn).await?;
    txn.commit().await?;
    Ok(id)
}

/// What a facilitator does to one draft of the day.
pub enum Step {
    Up,
    Down,
    /// Marks it one of the day's priorities, or unmarks it.
    Priority,
    /// Takes the next draft's words into this one; the next one is gone.
    MergeNext,
}

/// Does `step` to draft `rec` of forum `forum_id`.
pub async fn change(
    state: &AppState,
    actor_id: i32,
    forum_id: i32,
    rec: i32,
    step: Step,
) -> Result<(), Refused> {
    let txn = begin_write(&state.db).await?;
    let mut rows = drafts(&txn, forum_id).await?;
    let at = rows
        .iter()
        .position(|r| r.id == rec)
        .ok_or(Refused::NotFound)?;
    let action = match step {
        Step::Up | Step::Down => {
            let other = match step {
                Step::Up => at.checked_sub(1),
                _ => Some(at + 1).filter(|i| *i < rows.len()),
            };
            if let Some(other) = other {
                rows.swap(at, other);
            }
            renumber(&txn, &rows).await?;
            "day_reordered"
        }
        Step::Priority => {
            let row = rows.swap_remove(at);
            let flag = !row.is_priority;
            let mut active: recommendation::ActiveModel = row.into();
            active.is_priority = Set(flag);
            active.update(&txn).await?;
            "day_priority"
        }
        Step::MergeNext => {
            let next = rows
                .get(at + 1)
                .cloned()
                .ok_or(Refused::Field("day-error-no-next"))?;
            merge_into(&txn, &rows[at], &next).await?;
            "day_merged"
        }
    };
    let event = Event {
        actor_id: Some(actor_id),
        action,
        object_type: "recommendation",
        object_id: rec.to_string(),
    };
    audit::record(&txn, &state.clock, event).await?;
    txn.commit().await?;
    Ok(())
}

/// Numbers the drafts 1, 2, 3… in this order.
async fn renumber(txn: &DatabaseTransaction, rows: &[recommendation::Model]) -> Result<(), DbErr> {
    for (i, row) in rows.iter().enumerate() {
        let place = Some(i as i32 + 1);
        if row.day_order != place {
            let mut active: recommendation::ActiveModel = row.clone().into();
            active.day_order = Set(place);
            active.update(txn).await?;
        }
    }
    Ok(())
}

/// The words of `next` join `first` (each language after a blank line), and `next` points at
/// `first` as a merged draft: kept, with its history, but never shown or published on its own.
/// A priority stays a priority.
async fn merge_into(
    txn: &DatabaseTransaction,
    first: &recommendation::Model,
    next: &recommendation::Model,
) -> Result<(), DbErr> {
    let join = |a: &Option<String>, b: &Option<String>| match (a, b) {
        (Some(a), Some(b)) => Some(format!("{a}\n\n{b}")),
        (a, b) => a.clone().or_else(|| b.clone()),
    };
    let mut active: recommendation::ActiveModel = first.clone().into();
    active.body_km = Set(join(&first.body_km, &next.body_km));
    active.body_en = Set(join(&first.body_en, &next.body_en));
    active.title_km = Set(first.title_km.clone().or_else(|| next.title_km.clone()));
    active.title_en = Set(first.title_en.clone().or_else(|| next.title_en.clone()));
    active.is_priority = Set(first.is_priority || next.is_priority);
    active.update(txn).await?;
    let mut merged: recommendation::ActiveModel = next.clone().into();
    merged.canonical_id = Set(Some(first.id));
    merged.day_order = Set(None);
    merged.update(txn).await?;
    search_index::refresh_recommendation(txn, first.id).await?;
    Ok(())
}

/// Publishes the day's set: drafts addressed to nobody are addressed to `bodies` first (a
/// set with such drafts and no bodies chosen is refused), then every draft and the forum are
/// published. The drafts published, with the bodies to tell.
pub async fn publish_set(
    state: &AppState,
    actor_id: i32,
    forum_id: i32,
    bodies: &[i32],
) -> Result<Vec<(i32, Vec<i32>)>, Refused> {
    let txn = begin_write(&state.db).await?;
    let Some(f) = forum::Entity::find_by_id(forum_id).one(&txn).await? else {
        return Err(Refused::NotFound);
    };
    let known = organisation::Entity::find()
        .filter(organisation::Column::Id.is_in(bodies.iter().copied()))
        .count(&txn)
        .await?;
    if known != bodies.len() as u64 {
        return Err(Refused::Field("form-error-unknown-choice"));
    }
    let rows = drafts(&txn, forum_id).await?;
    if rows.is_empty() {
        return Err(Refused::Field("day-error-nothing"));
    }
    let change = Change {
        clock: &state.clock,
        actor_id,
    };
    let mut told = Vec::new();
    for row in &rows {
        let has = recommendation_body::Entity::find()
            .filter(recommendation_body::Column::RecommendationId.eq(row.id))
            .count(&txn)
            .await?;
        if has == 0 {
            if bodies.is_empty() {
                return Err(Refused::Unaddressed);
            }
            for org in bodies {
                recommendation_body::ActiveModel {
                    recommendation_id: Set(row.id),
                    organisation_id: Set(*org),
                }
                .insert(&txn)
                .await?;
            }
        }
        told.push((
            row.id,
            curation_changes::publish(&txn, &change, row.id).await?,
        ));
    }
    if f.published_at.is_none() {
        let mut active: forum::ActiveModel = f.into();
        active.published_at = Set(Some(state.clock.now()));
        active.update(&txn).await?;
        search_index::refresh_forum(&txn, forum_id).await?;
    }
    let event = Event {
        actor_id: Some(actor_id),
        action: "forum_set_published",
        object_type: "forum",
        object_id: format!("{forum_id}:{}", rows.len()),
    };
    audit::record(&txn, &state.clock, event).await?;
    txn.commit().await?;
    Ok(told)
}
