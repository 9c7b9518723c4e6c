//! Reads for the public lists of forums and bodies (a series of forums: `series`).
use std::collections::HashMap;

use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
    sea_query::{Expr, Query},
};

use super::{convert::bilingual, tracker::public};
use crate::{
    domain::{bilingual::Bilingual, province::Province},
    error::AppError,
    ssr::{
        entities::{
            forum, forum_series, organisation, recommendation, recommendation_body, response,
        },
        state::AppState,
    },
    views::directory::{BodyListItem, ForumListItem},
};

/// How many public recommendations each forum has (of `only` these forums, when given).
pub async fn public_by_forum(
    db: &impl ConnectionTrait,
    only: Option<Vec<i32>>,
) -> Result<HashMap<i32, i64>, DbErr> {
    let mut query = recommendation::Entity::find()
        .filter(public())
        .filter(recommendation::Column::ForumId.is_not_null());
    if let Some(ids) = only {
        query = query.filter(recommendation::Column::ForumId.is_in(ids));
    }
    Ok(query
        .select_only()
        .column(recommendation::Column::ForumId)
        .column_as(recommendation::Column::Id.count(), "n")
        .group_by(recommendation::Column::ForumId)
        .into_tuple::<(Option<i32>, i64)>()
        .all(db)
        .await?
        .into_iter()
        .filter_map(|(f, n)| f.map(|f| (f, n)))
        .collect())
}

pub async fn forums(state: &AppState) -> Result<Vec<ForumListItem>, AppError> {
    let rows = forum::Entity::find()
        .filter(forum::public())
        .order_by_desc(forum::Column::StartsOn)
        .order_by_asc(forum::Column::Id)
        .all(&state.db)
        .await?;
    let counts = public_by_forum(&state.db, None).await?;
    let series: HashMap<i32, Bilingual> = forum_series::Entity::find()
        .all(&state.db)
        .await?
        .into_iter()
        .map(|s| (s.id, bilingual(s.name_km, s.name_en, &s.original_lang)))
        .collect();
    Ok(rows
        .into_iter()
        .map(|f| ForumListItem {
            id: f.id,
            kind: f.kind,
            series: f
                .series_id
                .and_then(|id| series.get(&id).map(|name| (id, name.clone()))),
            recommendations: u64::try_from(counts.get(&f.id).copied().unwrap_or(0)).unwrap_or(0),
            title: bilingual(f.title_km, f.title_en, &f.original_lang),
            province: Province::parse(&f.province),
            starts_on: f.starts_on,
        })
        .collect())
}

/// Per organisation: the public recommendations addressed to it, and those it answered.
pub async fn bodies(state: &AppState) -> Result<Vec<BodyListItem>, AppError> {
    let orgs = organisation::Entity::find()
        .order_by_asc(organisation::Column::Code)
        .all(&state.db)
        .await?;
    let public_ids = || {
        Query::select()
            .column(recommendation::Column::Id)
            .from(recommendation::Entity)
            .cond_where(public())
            .to_owned()
    };
    let addressed: HashMap<i32, i64> = recommendation_body::Entity::find()
        .filter(recommendation_body::Column::RecommendationId.in_subquery(public_ids()))
        .select_only()
        .column(recommendation_body::Column::OrganisationId)
        .column_as(recommendation_body::Column::RecommendationId.count(), "n")
        .group_by(recommendation_body::Column::OrganisationId)
        .into_tuple::<(i32, i64)>()
        .all(&state.db)
        .await?
        .into_iter()
        .collect();
    let answered: HashMap<i32, i64> = response::Entity::find()
        .filter(response::Column::RecommendationId.in_subquery(public_ids()))
        .select_only()
        .column(response::Column::OrganisationId)
        .column_as(Expr::cust("COUNT(DISTINCT recommendation_id)"), "n")
        .group_by(response::Column::OrganisationId)
        .into_tuple::<(i32, i64)>()
        .all(&state.db)
        .await?
        .into_iter()
        .collect();
    let count = |map: &HashMap<i32, i64>, id: i32| {
        u64::try_from(map.get(&id).copied().unwrap_or(0)).unwrap_or(0)
    };
    let mut list: Vec<BodyListItem> = orgs
        .into_iter()
        .map(|o| BodyListItem {
            id: o.id,
            addressed: count(&addressed, o.id),
            answered: count(&answered, o.id),
            kind: Some(o.kind),
            name: bilingual(o.name_km, o.name_en, &o.original_lang),
        })
        .collect();
    list.sort_by_key(|b| std::cmp::Reverse(b.addressed));
    Ok(list)
}
