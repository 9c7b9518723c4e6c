//! Prioritising on phones: a venue link made for a forum's day opens a ballot of that
//! forum's drafts to whoever holds it. A ballot adds one to each chosen draft's phone count;
//! nothing else is written: no ballot row, no time, nothing about the phone.
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter,
    sea_query::{Expr, ExprTrait},
};

use super::{convert::bilingual, forum_day::drafts, venues};
use crate::{
    domain::vote::check_ballot,
    ssr::{
        clock::Clock,
        db::begin_write,
        entities::{forum, recommendation},
    },
    views::survivor::Ballot,
};

/// The ballot the link `token` opens: its forum's drafts; `None` when the link is not live or
/// was made for no forum.
pub async fn ballot(
    db: &impl ConnectionTrait,
    clock: &Clock,
    token: &str,
) -> Result<Option<(i32, Ballot)>, DbErr> {
    let Some(forum_id) = venues::live(db, clock, token)
        .await?
        .and_then(|l| l.forum_id)
    else {
        return Ok(None);
    };
    let Some(f) = forum::Entity::find_by_id(forum_id).one(db).await? else {
        return Ok(None);
    };
    let drafts = drafts(db, forum_id)
        .await?
        .into_iter()
        .map(|r| {
            (
                r.id,
                bilingual(r.title_km, r.title_en, &r.original_lang),
                bilingual(r.body_km, r.body_en, &r.original_lang),
            )
        })
        .collect();
    Ok(Some((
        forum_id,
        Ballot {
            forum_title: bilingual(f.title_km, f.title_en, &f.original_lang),
            drafts,
        },
    )))
}

/// Counts one ballot, in one write transaction: checked again against the day's drafts as
/// they are now (a draft merged or published meanwhile cannot be chosen). `Err` holds the
/// message key of what is wrong with it.
pub async fn cast(
    db: &sea_orm::DatabaseConnection,
    forum_id: i32,
    chosen: &[&str],
) -> Result<Result<(), &'static str>, DbErr> {
    let txn = begin_write(db).await?;
    let ids: Vec<i32> = drafts(&txn, forum_id).await?.iter().map(|r| r.id).collect();
    let chosen = match check_ballot(chosen, &ids) {
        Ok(chosen) => chosen,
        Err(key) => return Ok(Err(key)),
    };
    recommendation::Entity::update_many()
        .col_expr(
            recommendation::Column::PhoneVotes,
            Expr::col(recommendation::Column::PhoneVotes).add(1),
        )
        .filter(recommendation::Column::Id.is_in(chosen))
        .exec(&txn)
        .await?;
    txn.commit().await?;
    Ok(Ok(()))
}
