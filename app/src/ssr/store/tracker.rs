//! Reads for the public tracker, recommendation and forum pages.
use std::{
    collections::{HashMap, HashSet},
    time::Instant,
};

use chrono::{Datelike, Days, NaiveDate};
use sea_orm::{
    Condition, PaginatorTrait, QueryOrder, QuerySelect,
    prelude::*,
    sea_query::{ExprTrait, Query},
};

use super::convert::{bilingual, forum_ref, optional, org_ref};
use crate::{
    domain::{
        province::Province,
        status::{Position, Stage, Status, is_overdue},
        theme::Theme,
    },
    error::AppError,
    ssr::{
        entities::{
            forum, organisation, progress_update, recommendation, recommendation_body, response,
        },
        filter_choices::FilterChoices,
        state::AppState,
    },
    views::tracker::{
        BodyTimeline, EntryContext, ForumDetail, PAGE_SIZE, RecommendationDetail,
        RecommendationSummary, TimelineEntry, TrackerFilter, TrackerPage,
    },
};

/// What the public may see: published and not merged into another.
pub fn public() -> Condition {
    Condition::all()
        .add(recommendation::Column::Status.ne(Status::Draft.code()))
        .add(recommendation::Column::PublishedOn.is_not_null())
        .add(recommendation::Column::CanonicalId.is_null())
}

/// The SQL twin of `domain::status::is_overdue`.
fn overdue(today: NaiveDate, after_days: u32) -> Condition {
    let cutoff = today
        .checked_sub_days(Days::new(u64::from(after_days)))
        .unwrap_or(NaiveDate::MIN);
    Condition::any()
        .add(
            Condition::all()
                .add(recommendation::Column::Status.eq(Status::AwaitingResponse.code()))
                .add(recommendation::Column::PublishedOn.lt(cutoff)),
        )
        .add(
            Condition::all()
                .add(
                    recommendation::Column::Status
                        .is_in([Status::Answered.code(), Status::InProgress.code()]),
                )
                .add(recommendation::Column::EarliestOpenDueOn.lt(today)),
        )
}

/// The public recommendations the filters select (the cursor aside), for the tracker page,
/// its CSV download and the open data API.
pub async fn filtered(
    state: &AppState,
    f: &TrackerFilter,
) -> Result<Select<recommendation::Entity>, AppError> {
    let mut query = recommendation::Entity::find().filter(public());
    if let Some(theme) = f.theme {
        query = query.filter(recommendation::Column::Theme.eq(theme.code()));
    }
    if let Some(status) = f.status {
        query = query.filter(recommendation::Column::Status.eq(status.code()));
    }
    if let Some(forum_id) = f.forum {
        query = query.filter(recommendation::Column::ForumId.eq(forum_id));
    }
    if let Some(body) = f.body {
        query = query.filter(
            recommendation::Column::Id.in_subquery(
                Query::select()
                    .column(recommendation_body::Column::RecommendationId)
                    .from(recommendation_body::Entity)
                    .and_where(recommendation_body::Column::OrganisationId.eq(body))
                    .to_owned(),
            ),
        );
    }
    if let Some(year) = f.year {
        let first = NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or(NaiveDate::MIN);
        let next = NaiveDate::from_ymd_opt(year + 1, 1, 1).unwrap_or(NaiveDate::MAX);
        query = query
            .filter(recommendation::Column::PublishedOn.gte(first))
            .filter(recommendation::Column::PublishedOn.lt(next));
    }
    if f.overdue {
        query = query.filter(overdue(
            state.clock.today(),
            state.overdue_after_days().await?,
        ));
    }
    Ok(query)
}

pub async fn page(state: &AppState, f: &TrackerFilter) -> Result<TrackerPage, AppError> {
    let db = &state.db;
    let mut query = filtered(state, f).await?;
    // Every match, not just this page: "N recommendations match".
    let matching = query.clone().count(db).await?;
    if let Some(after) = f.after {
        query = query.filter(recommendation::Column::Id.lt(after));
    }
    let mut rows = query
        .order_by_desc(recommendation::Column::Id)
        .limit(PAGE_SIZE + 1)
        .all(db)
        .await?;
    let next_after = if rows.len() as u64 > PAGE_SIZE {
        rows.truncate(PAGE_SIZE as usize);
        rows.last().map(|r| r.id)
    } else {
        None
    };

    let items = summaries(state, rows).await?;
    let FilterChoices {
        forums,
        bodies,
        years,
    } = filter_choices(state).await?;
    Ok(TrackerPage {
        items,
        matching,
        next_after,
        forums,
        bodies,
        years,
    })
}

/// The filter box's choices, from the server's short-lived copy when it has one.
async fn filter_choices(state: &AppState) -> Result<FilterChoices, DbErr> {
    let now = Instant::now();
    let seen = state.writes.seen();
    if let Some(choices) = state.filter_choices.fresh(now, seen) {
        return Ok(choices);
    }
    let db = &state.db;
    let forums = forum::Entity::find()
        .order_by_desc(forum::Column::StartsOn)
        .all(db)
        .await?
        .iter()
        .map(forum_ref)
        .collect();
    // One index probe per organisation, not a pass over every link.
    let bodies = organisation::Entity::find()
        .filter(Expr::exists(
            Query::select()
                .expr(Expr::val(1))
                .from(recommendation_body::Entity)
                .and_where(
                    Expr::col((
                        recommendation_body::Entity,
                        recommendation_body::Column::OrganisationId,
                    ))
                    .equals((organisation::Entity, organisation::Column::Id)),
                )
                .to_owned(),
        ))
        .order_by_asc(organisation::Column::Code)
        .all(db)
        .await?
        .iter()
        .map(org_ref)
        .collect();
    let choices = FilterChoices {
        forums,
        bodies,
        years: publication_years(db).await?,
    };
    state.filter_choices.keep(now, seen, choices.clone());
    Ok(choices)
}

/// The years with public recommendations, newest first: the first and last publication day,
/// then one indexed probe per year between them (never a scan of every recommendation).
async fn publication_years(db: &impl ConnectionTrait) -> Result<Vec<i32>, DbErr> {
    let published = || {
        recommendation::Entity::find()
            .filter(public())
            .select_only()
            .column(recommendation::Column::PublishedOn)
    };
    let first = published()
        .order_by_asc(recommendation::Column::PublishedOn)
        .into_tuple::<Option<NaiveDate>>()
        .one(db)
        .await?
        .flatten();
    let last = published()
        .order_by_desc(recommendation::Column::PublishedOn)
        .into_tuple::<Option<NaiveDate>>()
        .one(db)
        .await?
        .flatten();
    let (Some(first), Some(last)) = (first, last) else {
        return Ok(Vec::new());
    };
    let mut years = Vec::new();
    for year in (first.year()..=last.year()).rev() {
        let start = NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or(NaiveDate::MIN);
        let end = NaiveDate::from_ymd_opt(year + 1, 1, 1).unwrap_or(NaiveDate::MAX);
        let any = published()
            .filter(recommendation::Column::PublishedOn.gte(start))
            .filter(recommendation::Column::PublishedOn.lt(end))
            .into_tuple::<Option<NaiveDate>>()
            .one(db)
            .await?;
        if any.is_some() {
            years.push(year);
        }
    }
    Ok(years)
}

/// Summaries for a set of rows, with their forums and bodies loaded in two queries.
pub async fn summaries(
    state: &AppState,
    rows: Vec<recommendation::Model>,
) -> Result<Vec<RecommendationSummary>, AppError> {
    let db = &state.db;
    let ids: Vec<i32> = rows.iter().map(|r| r.id).collect();
    let forum_ids: HashSet<i32> = rows.iter().filter_map(|r| r.forum_id).collect();

    let forums: HashMap<i32, forum::Model> = forum::Entity::find()
        .filter(forum::Column::Id.is_in(forum_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|f| (f.id, f))
        .collect();
    let links = recommendation_body::Entity::find()
        .filter(recommendation_body::Column::RecommendationId.is_in(ids))
        .all(db)
        .await?;
    let orgs: HashMap<i32, organisation::Model> = organisation::Entity::find()
        .filter(
            organisation::Column::Id.is_in(
                links
                    .iter()
                    .map(|l| l.organisation_id)
                    .collect::<HashSet<_>>(),
            ),
        )
        .all(db)
        .await?
        .into_iter()
        .map(|o| (o.id, o))
        .collect();
    let mut bodies_of: HashMap<i32, Vec<&organisation::Model>> = HashMap::new();
    for link in &links {
        if let Some(org) = orgs.get(&link.organisation_id) {
            bodies_of
                .entry(link.recommendation_id)
                .or_default()
                .push(org);
        }
    }

    let today = state.clock.today();
    let overdue_after_days = state.overdue_after_days().await?;
    Ok(rows
        .into_iter()
        .map(|r| {
            let status = Status::parse(&r.status).unwrap_or(Status::AwaitingResponse);
            let mut bodies: Vec<_> = bodies_of
                .get(&r.id)
                .map(|v| v.iter().map(|o| org_ref(o)).collect())
                .unwrap_or_default();
            bodies.sort_by_key(|b| b.id);
            RecommendationSummary {
                id: r.id,
                overdue: is_overdue(
                    status,
                    r.published_on,
                    r.earliest_open_due_on,
                    overdue_after_days,
                    today,
                ),
                theme: Theme::parse(&r.theme).unwrap_or(Theme::Protection),
                status,
                title: bilingual(r.title_km, r.title_en, &r.original_lang),
                forum: r.forum_id.and_then(|id| forums.get(&id)).map(forum_ref),
                bodies,
                reference: r.reference,
                is_demo: r.is_demo,
            }
        })
        .collect())
}

/// Published (merged or not): what a recommendation page and the API may show.
fn published() -> Condition {
    Condition::all()
        .add(recommendation::Column::Status.ne(Status::Draft.code()))
        .add(recommendation::Column::PublishedOn.is_not_null())
}

pub async fn detail(state: &AppState, id: i32) -> Result<RecommendationDetail, AppError> {
    let db = &state.db;
    let rec = recommendation::Entity::find_by_id(id)
        .filter(published())
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let text = bilingual(rec.body_km.clone(), rec.body_en.clone(), &rec.original_lang);
    let published_on = rec.published_on;
    let merged_into = match rec.canonical_id {
        Some(c) => recommendation::Entity::find_by_id(c)
            .one(db)
            .await?
            .map(|r| (r.id, r.reference)),
        None => None,
    };
    let duplicates: Vec<(i32, String)> = recommendation::Entity::find()
        .filter(recommendation::Column::CanonicalId.eq(id))
        .order_by_asc(recommendation::Column::Reference)
        .all(db)
        .await?
        .into_iter()
        .map(|r| (r.id, r.reference))
        .collect();
    // A merged duplicate's answers stay visible on the recommendation it now points to.
    let sources: HashMap<i32, Option<String>> = std::iter::once((id, None))
        .chain(duplicates.iter().map(|(d, r)| (*d, Some(r.clone()))))
        .collect();
    let ids: Vec<i32> = sources.keys().copied().collect();

    let responses = response::Entity::find()
        .filter(response::Column::RecommendationId.is_in(ids.clone()))
        .order_by_asc(response::Column::RespondedOn)
        .order_by_asc(response::Column::Id)
        .all(db)
        .await?;
    let updates = progress_update::Entity::find()
        .filter(progress_update::Column::RecommendationId.is_in(ids))
        .order_by_asc(progress_update::Column::ReportedOn)
        .order_by_asc(progress_update::Column::Id)
        .all(db)
        .await?;
    let response_days: HashMap<i32, NaiveDate> =
        responses.iter().map(|r| (r.id, r.responded_on)).collect();
    let update_days: HashMap<i32, NaiveDate> =
        updates.iter().map(|u| (u.id, u.reported_on)).collect();

    let summary = summaries(state, vec![rec])
        .await?
        .pop()
        .ok_or(AppError::NotFound)?;
    let mut timelines: Vec<BodyTimeline> = summary
        .bodies
        .iter()
        .map(|body| BodyTimeline {
            body: body.clone(),
            entries: Vec::new(),
        })
        .collect();
    let mut index: HashMap<i32, usize> = timelines
        .iter()
        .enumerate()
        .map(|(i, t)| (t.body.id, i))
        .collect();

    // An answer from a body no longer addressed is still history: keep it.
    let mut missing: HashSet<i32> = responses
        .iter()
        .map(|r| r.organisation_id)
        .chain(updates.iter().map(|u| u.organisation_id))
        .filter(|org| !index.contains_key(org))
        .collect();
    if !missing.is_empty() {
        for org in organisation::Entity::find()
            .filter(organisation::Column::Id.is_in(missing.drain()))
            .all(db)
            .await?
        {
            index.insert(org.id, timelines.len());
            timelines.push(BodyTimeline {
                body: org_ref(&org),
                entries: Vec::new(),
            });
        }
    }

    for r in responses {
        let Some(&i) = index.get(&r.organisation_id) else {
            continue;
        };
        let context = EntryContext {
            corrects_on: r.corrects_id.and_then(|c| response_days.get(&c).copied()),
            via: sources.get(&r.recommendation_id).cloned().flatten(),
        };
        timelines[i].entries.push(TimelineEntry::Response {
            position: Position::parse(&r.position).unwrap_or(Position::Noted),
            text: optional(r.text_km, r.text_en, &r.original_lang),
            commitment: optional(r.commitment_km, r.commitment_en, &r.original_lang),
            due_on: r.due_on,
            on: r.responded_on,
            context,
        });
    }
    for u in updates {
        let Some(&i) = index.get(&u.organisation_id) else {
            continue;
        };
        let context = EntryContext {
            corrects_on: u.corrects_id.and_then(|c| update_days.get(&c).copied()),
            via: sources.get(&u.recommendation_id).cloned().flatten(),
        };
        timelines[i].entries.push(TimelineEntry::Progress {
            stage: Stage::parse(&u.stage).unwrap_or(Stage::NotStarted),
            note: optional(u.note_km, u.note_en, &u.original_lang),
            on: u.reported_on,
            context,
        });
    }
    for t in &mut timelines {
        // Stable: on the same day a response comes before the progress it led to.
        t.entries.sort_by_key(TimelineEntry::on);
    }

    Ok(RecommendationDetail {
        summary,
        text,
        published_on,
        timelines,
        merged_into,
        duplicates,
    })
}

pub async fn forum(state: &AppState, id: i32) -> Result<ForumDetail, AppError> {
    let db = &state.db;
    let f = forum::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let rows = recommendation::Entity::find()
        .filter(public())
        .filter(recommendation::Column::ForumId.eq(id))
        .order_by_asc(recommendation::Column::Reference)
        .all(db)
        .await?;
    let recommendations = summaries(state, rows).await?;
    let status_counts = Status::PUBLIC
        .iter()
        .map(|s| {
            let n = recommendations.iter().filter(|r| r.status == *s).count() as u64;
            (*s, n)
        })
        .collect();
    Ok(ForumDetail {
        id: f.id,
        title: bilingual(f.title_km, f.title_en, &f.original_lang),
        province: Province::parse(&f.province),
        starts_on: f.starts_on,
        ends_on: f.ends_on,
        organisers: optional(f.organisers_km, f.organisers_en, &f.original_lang),
        participants: f.participants,
        summary: optional(f.summary_km, f.summary_en, &f.original_lang),
        is_demo: f.is_demo,
        status_counts,
        recommendations,
    })
}

/// How many recommendations the public can see (for the home page).
pub async fn public_count(state: &AppState) -> Result<u64, AppError> {
    Ok(recommendation::Entity::find()
        .filter(public())
        .count(&state.db)
        .await?)
}
