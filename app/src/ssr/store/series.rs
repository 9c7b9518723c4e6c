//! A series of forums (an advisory council every quarter, a survivors' network's yearly
//! forum): its published meetings, newest first, and how each one's recommendations fared.
use std::collections::HashMap;

use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
};

use super::{convert::bilingual, tracker::public};
use crate::{
    domain::status::Status,
    error::AppError,
    ssr::{
        entities::{forum, forum_series, recommendation},
        state::AppState,
    },
    views::directory::{SeriesMeeting, SeriesView},
};

pub async fn series(state: &AppState, id: i32) -> Result<SeriesView, AppError> {
    let db = &state.db;
    let s = forum_series::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let meetings = forum::Entity::find()
        .filter(forum::public())
        .filter(forum::Column::SeriesId.eq(id))
        .order_by_desc(forum::Column::StartsOn)
        .order_by_desc(forum::Column::Id)
        .all(db)
        .await?;
    // A series none of whose meetings is public is not public either.
    if meetings.is_empty() {
        return Err(AppError::NotFound);
    }
    let counts = status_counts(db, meetings.iter().map(|m| m.id).collect()).await?;
    let meetings = meetings
        .into_iter()
        .map(|m| SeriesMeeting {
            id: m.id,
            kind: m.kind,
            starts_on: m.starts_on,
            status_counts: Status::PUBLIC
                .iter()
                .map(|st| (*st, counts.get(&(m.id, *st)).copied().unwrap_or(0)))
                .collect(),
            title: bilingual(m.title_km, m.title_en, &m.original_lang),
        })
        .collect();
    Ok(SeriesView {
        id: s.id,
        name: bilingual(s.name_km, s.name_en, &s.original_lang),
        meetings,
    })
}

/// Public recommendations per (forum, status), for these forums.
async fn status_counts(
    db: &impl ConnectionTrait,
    forums: Vec<i32>,
) -> Result<HashMap<(i32, Status), u64>, DbErr> {
    let rows: Vec<(Option<i32>, Status, i64)> = recommendation::Entity::find()
        .filter(public())
        .filter(recommendation::Column::ForumId.is_in(forums))
        .select_only()
        .column(recommendation::Column::ForumId)
        .column(recommendation::Column::Status)
        .column_as(recommendation::Column::Id.count(), "n")
        .group_by(recommendation::Column::ForumId)
        .group_by(recommendation::Column::Status)
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(f, st, n)| Some(((f?, st), u64::try_from(n).unwrap_or(0))))
        .collect())
}
