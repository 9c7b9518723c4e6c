//! Venue links (see migration 16): made by a facilitator for a forum day or a drop-in centre,
//! valid for some hours and up to some submissions, closable early. A submission that carries
//! a live link's token is not counted against its address; everything else about it is as
//! ever. The token is random (128 bits) and stored only as a hash, like invitation links.
use chrono::TimeDelta;
use sea_orm::{
    ActiveModelTrait,
    ActiveValue::Set,
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
    sea_query::{Expr, ExprTrait},
};

use crate::ssr::{
    clock::Clock,
    entities::venue_link,
    tokens::{hash, random_token},
};

/// The most hours and submissions one link may allow.
pub const MOST_HOURS: i64 = 72;
pub const MOST_SUBMISSIONS: i32 = 2000;

/// Makes a link and returns its token (shown once).
pub async fn open(
    db: &impl ConnectionTrait,
    clock: &Clock,
    label: &str,
    hours: i64,
    max_submissions: i32,
    by: i32,
    forum_id: Option<i32>,
) -> Result<String, DbErr> {
    let token = random_token();
    let now = clock.now();
    venue_link::ActiveModel {
        token_hash: Set(hash(&token)),
        label: Set(label.to_string()),
        expires_at: Set(now + TimeDelta::hours(hours)),
        max_submissions: Set(max_submissions),
        used: Set(0),
        closed_at: Set(None),
        created_by: Set(Some(by)),
        forum_id: Set(forum_id),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(token)
}

/// Spends one submission of the link `token` names: true when it is open, not expired and
/// not used up. Atomic, so two phones at once cannot pass the limit.
pub async fn admit(db: &impl ConnectionTrait, clock: &Clock, token: &str) -> Result<bool, DbErr> {
    if token.len() != 32 || !token.chars().all(|c| c.is_ascii_hexdigit()) {
        return Ok(false);
    }
    let spent = venue_link::Entity::update_many()
        .col_expr(
            venue_link::Column::Used,
            Expr::col(venue_link::Column::Used).add(1),
        )
        .filter(venue_link::Column::TokenHash.eq(hash(token)))
        .filter(venue_link::Column::ClosedAt.is_null())
        .filter(venue_link::Column::ExpiresAt.gt(clock.now()))
        .filter(
            Expr::col(venue_link::Column::Used).lt(Expr::col(venue_link::Column::MaxSubmissions)),
        )
        .exec(db)
        .await?;
    Ok(spent.rows_affected == 1)
}

/// The link `token` names, if it is open, not expired and not used up (nothing is spent).
pub async fn live(
    db: &impl ConnectionTrait,
    clock: &Clock,
    token: &str,
) -> Result<Option<venue_link::Model>, DbErr> {
    if token.len() != 32 || !token.chars().all(|c| c.is_ascii_hexdigit()) {
        return Ok(None);
    }
    let found = venue_link::Entity::find()
        .filter(venue_link::Column::TokenHash.eq(hash(token)))
        .one(db)
        .await?;
    Ok(found.filter(|l| {
        l.closed_at.is_none() && l.expires_at > clock.now() && l.used < l.max_submissions
    }))
}

/// Gives back a submission a link admitted but that was not saved.
pub async fn give_back(db: &impl ConnectionTrait, token: &str) -> Result<(), DbErr> {
    venue_link::Entity::update_many()
        .col_expr(
            venue_link::Column::Used,
            Expr::col(venue_link::Column::Used).sub(1),
        )
        .filter(venue_link::Column::TokenHash.eq(hash(token)))
        .filter(venue_link::Column::Used.gt(0))
        .exec(db)
        .await?;
    Ok(())
}

/// Closes a link early; false when there is no such open link.
pub async fn close(db: &impl ConnectionTrait, clock: &Clock, id: i32) -> Result<bool, DbErr> {
    let closed = venue_link::Entity::update_many()
        .col_expr(venue_link::Column::ClosedAt, Expr::value(clock.now()))
        .filter(venue_link::Column::Id.eq(id))
        .filter(venue_link::Column::ClosedAt.is_null())
        .exec(db)
        .await?;
    Ok(closed.rows_affected == 1)
}

/// Every link, newest first.
pub async fn all(db: &impl ConnectionTrait) -> Result<Vec<venue_link::Model>, DbErr> {
    venue_link::Entity::find()
        .order_by_desc(venue_link::Column::Id)
        .all(db)
        .await
}

/// The forums a link may be made for (its ballot): the newest first, drafts included.
pub async fn forum_choices(
    db: &impl ConnectionTrait,
) -> Result<Vec<(i32, crate::domain::bilingual::Bilingual)>, DbErr> {
    use sea_orm::QuerySelect;
    let forums = crate::ssr::entities::forum::Entity::find()
        .order_by_desc(crate::ssr::entities::forum::Column::StartsOn)
        .order_by_desc(crate::ssr::entities::forum::Column::Id)
        .limit(50)
        .all(db)
        .await?;
    Ok(forums
        .into_iter()
        .map(|f| {
            let title = super::convert::bilingual(f.title_km, f.title_en, &f.original_lang);
            (f.id, title)
        })
        .collect())
}

/// Where a link just made waits (sealed) for its one showing.
pub const NEW_LINKS_KEY: &str = "new_venue_links";

/// The facilitator's page: every link, and the one just made.
pub async fn page(
    state: &crate::ssr::state::AppState,
    session: &tower_sessions::Session,
) -> Result<crate::views::venues::VenuesPage, crate::error::AppError> {
    use crate::{domain::role::Action, ssr::auth::guard::authorize, views::venues::VenueRow};
    let signed_in = authorize(session, state, Action::ModerateFeedback).await?;
    let now = state.clock.now();
    let links = all(&state.db)
        .await?
        .into_iter()
        .map(|l| VenueRow {
            id: l.id,
            open: l.closed_at.is_none() && l.expires_at > now && l.used < l.max_submissions,
            until: (l.expires_at + TimeDelta::hours(7))
                .format("%Y-%m-%d %H:%M")
                .to_string(),
            used: l.used,
            max_submissions: l.max_submissions,
            label: l.label,
        })
        .collect();
    let waiting = session.remove::<String>(NEW_LINKS_KEY).await.ok().flatten();
    let new_links = state
        .sealer
        .open_or_log(waiting.as_deref())
        .map(|s| {
            s.lines()
                .map(|link| (link.to_string(), crate::ssr::qr::data_uri(link)))
                .collect()
        })
        .unwrap_or_default();
    Ok(crate::views::venues::VenuesPage {
        forums: forum_choices(&state.db).await?,
        links,
        new_links,
        csrf: signed_in.auth.csrf,
    })
}
