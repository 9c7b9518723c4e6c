//! Reads for the public tracker, recommendation and forum pages.
use std::collections::{HashMap, HashSet};

use chrono::{Datelike, Days, NaiveDate};
use sea_orm::{
    Condition, PaginatorTrait, QueryOrder, QuerySelect,
    prelude::*,
    sea_query::{ExprTrait, Query},
};

use super::{
    convert::{bilingual, forum_ref, org_ref},
    search_index,
};
use crate::{
    domain::status::{Status, is_overdue},
    error::AppError,
    ssr::{
        entities::{forum, organisation, recommendation, recommendation_body},
        kept_reads::FilterChoices,
        state::AppState,
    },
    views::tracker::{PAGE_SIZE, RecommendationSummary, TrackerFilter, TrackerPage},
};

/// What the public may see: published and not merged into another (the SQL twin of
/// `domain::status::is_public`).
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
    if let Some(q) = search_index::query_of(f) {
        query = query.filter(
            search_index::matches(
                &state.db,
                search_index::RECOMMENDATION,
                recommendation::Column::Id,
                &q,
            )
            .await?,
        );
    }
    if let Some(theme) = f.theme {
        query = query.filter(recommendation::Column::Theme.eq(theme.code()));
    }
    if let Some(status) = f.status {
        query = query.filter(recommendation::Column::Status.eq(status.code()));
    }
    // Only a published forum: a draft's id selects nothing, so it confirms nothing either.
    if let Some(forum_id) = f.forum {
        query = query.filter(
            recommendation::Column::ForumId.in_subquery(
                Query::select()
                    .column(forum::Column::Id)
                    .from(forum::Entity)
                    .and_where(forum::Column::Id.eq(forum_id))
                    .and_where(forum::Column::PublishedAt.is_not_null())
                    .to_owned(),
            ),
        );
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

/// The tracker without words to search for (`tracker_search::page` with them): newest first.
pub async fn page(state: &AppState, f: &TrackerFilter) -> Result<TrackerPage, AppError> {
    let db = &state.db;
    let mut query = filtered(state, f).await?;
    // Every match, not just this page: "N recommendations match". Counting is a pass over
    // every public recommendation, so the count is kept like the filter choices.
    let matching = state
        .kept
        .tracker_matches
        .read(&state.writes, f.to_query(None), query.clone().count(db))
        .await?;
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
    page_of(state, items, matching, next_after).await
}

/// A page of the tracker: these items, with the filter box's choices.
pub(super) async fn page_of(
    state: &AppState,
    items: Vec<RecommendationSummary>,
    matching: u64,
    next_after: Option<i32>,
) -> Result<TrackerPage, AppError> {
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
        snippets: Vec::new(),
        found_forums: Vec::new(),
    })
}

/// The filter box's choices, from the server's short-lived copy when it has one.
async fn filter_choices(state: &AppState) -> Result<FilterChoices, DbErr> {
    state
        .kept
        .filter_choices
        .read(&state.writes, (), read_filter_choices(&state.db))
        .await
}

async fn read_filter_choices(db: &impl ConnectionTrait) -> Result<FilterChoices, DbErr> {
    let forums = forum::Entity::find()
        .filter(forum::public())
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
    Ok(FilterChoices {
        forums,
        bodies,
        years: publication_years(db).await?,
    })
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

    // A draft forum is named nowhere public, not even beside its published recommendations.
    let forums: HashMap<i32, forum::Model> = forum::Entity::find()
        .filter(forum::Column::Id.is_in(forum_ids))
        .filter(forum::public())
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
            let status = r.status;
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
                theme: r.theme,
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
pub fn published() -> Condition {
    Condition::all()
        .add(recommendation::Column::Status.ne(Status::Draft.code()))
        .add(recommendation::Column::PublishedOn.is_not_null())
}

/// How many recommendations the public can see (for the home page).
pub async fn public_count(state: &AppState) -> Result<u64, AppError> {
    Ok(recommendation::Entity::find()
        .filter(public())
        .count(&state.db)
        .await?)
}
