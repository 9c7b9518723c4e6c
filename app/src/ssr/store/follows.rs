//! Following recommendations from a receipt page. The list, and the day of her last visit,
//! are sealed in her thread: the database shows nobody who follows what. Her page then lists
//! what each body said on them since that day.
use chrono::NaiveDate;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter, QueryOrder,
    sea_query::Expr,
};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::convert::bilingual;
use crate::domain::{bilingual::Bilingual, lang::Lang};
use crate::ssr::{
    db::begin_write,
    entities::{organisation, progress_update, recommendation, response, thread},
    seal::Sealer,
};
use crate::views::survivor::FollowedRecommendation;

/// The most recommendations one receipt code may follow.
pub const MOST_FOLLOWED: usize = 20;

/// What is sealed in the thread.
#[derive(Default, Serialize, Deserialize)]
struct Follows {
    ids: Vec<i32>,
    /// Her last visit: news are what was said on or after it.
    seen: Option<NaiveDate>,
}

fn read(sealer: &Sealer, t: &thread::Model) -> Follows {
    sealer
        .open_or_log(t.follows.as_deref())
        .and_then(|json| serde_json::from_str(&json).ok())
        .unwrap_or_default()
}

async fn write(
    db: &impl ConnectionTrait,
    sealer: &Sealer,
    id: Uuid,
    follows: &Follows,
) -> Result<(), DbErr> {
    let json = serde_json::to_string(follows).map_err(|e| DbErr::Custom(e.to_string()))?;
    thread::Entity::update_many()
        .col_expr(thread::Column::Follows, Expr::value(sealer.seal(&json)))
        .filter(thread::Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}

/// What became of following or no longer following.
#[derive(Debug, PartialEq, Eq)]
pub enum Changed {
    Done,
    /// Not a public recommendation.
    NotPublic,
    /// Already following `MOST_FOLLOWED`.
    TooMany,
}

/// Follows (or, with `follow` false, stops following) recommendation `id` from thread
/// `thread_id`, in one write transaction.
pub async fn change(
    db: &DatabaseConnection,
    sealer: &Sealer,
    thread_id: Uuid,
    id: i32,
    follow: bool,
    today: NaiveDate,
) -> Result<Changed, DbErr> {
    let txn = begin_write(db).await?;
    let Some(t) = thread::Entity::find_by_id(thread_id).one(&txn).await? else {
        return Ok(Changed::NotPublic);
    };
    let mut follows = read(sealer, &t);
    if follow {
        let public = recommendation::Entity::find_by_id(id)
            .one(&txn)
            .await?
            .is_some_and(|r| r.published_on.is_some());
        if !public {
            return Ok(Changed::NotPublic);
        }
        if !follows.ids.contains(&id) {
            if follows.ids.len() >= MOST_FOLLOWED {
                return Ok(Changed::TooMany);
            }
            follows.ids.push(id);
        }
        follows.seen.get_or_insert(today);
    } else {
        follows.ids.retain(|f| *f != id);
    }
    write(&txn, sealer, thread_id, &follows).await?;
    txn.commit().await?;
    Ok(Changed::Done)
}

/// The recommendations thread `thread_id` follows, each with what its bodies said since her
/// last visit; the visit is then remembered as today's.
pub async fn news(
    db: &impl ConnectionTrait,
    sealer: &Sealer,
    thread_id: Uuid,
    today: NaiveDate,
) -> Result<Vec<FollowedRecommendation>, DbErr> {
    let Some(t) = thread::Entity::find_by_id(thread_id).one(db).await? else {
        return Ok(Vec::new());
    };
    let mut follows = read(sealer, &t);
    if follows.ids.is_empty() {
        return Ok(Vec::new());
    }
    let since = follows.seen.unwrap_or(today);
    let recs = recommendation::Entity::find()
        .filter(recommendation::Column::Id.is_in(follows.ids.clone()))
        .filter(recommendation::Column::PublishedOn.is_not_null())
        .order_by_asc(recommendation::Column::Reference)
        .all(db)
        .await?;
    let ids: Vec<i32> = recs.iter().map(|r| r.id).collect();
    let responses = response::Entity::find()
        .filter(response::Column::RecommendationId.is_in(ids.clone()))
        .filter(response::Column::RespondedOn.gte(since))
        .order_by_asc(response::Column::RespondedOn)
        .all(db)
        .await?;
    let updates = progress_update::Entity::find()
        .filter(progress_update::Column::RecommendationId.is_in(ids))
        .filter(progress_update::Column::ReportedOn.gte(since))
        .order_by_asc(progress_update::Column::ReportedOn)
        .all(db)
        .await?;
    let orgs: std::collections::HashMap<i32, organisation::Model> = organisation::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|o| (o.id, o))
        .collect();
    let name = |id: i32| {
        orgs.get(&id)
            .map(|o| bilingual(o.name_km.clone(), o.name_en.clone(), &o.original_lang))
            .unwrap_or_else(|| Bilingual::new(None, None, Lang::En))
    };
    let followed = recs
        .into_iter()
        .map(|r| {
            let mut news: Vec<_> = responses
                .iter()
                .filter(|a| a.recommendation_id == r.id)
                .map(|a| {
                    (
                        a.responded_on,
                        name(a.organisation_id),
                        a.position.label_key(),
                    )
                })
                .chain(
                    updates
                        .iter()
                        .filter(|u| u.recommendation_id == r.id)
                        .map(|u| (u.reported_on, name(u.organisation_id), u.stage.label_key())),
                )
                .collect();
            news.sort_by_key(|(on, _, _)| *on);
            FollowedRecommendation {
                id: r.id,
                reference: r.reference,
                title: bilingual(r.title_km, r.title_en, &r.original_lang),
                status: r.status,
                news,
            }
        })
        .collect();
    follows.seen = Some(today);
    write(db, sealer, t.id, &follows).await?;
    Ok(followed)
}
