//! Prioritising on a forum's day from paper: a facilitator types how many votes each draft got
//! on the ballots collected. Only counts are kept, never who voted what. Typing the same
//! tallies twice changes nothing; the drafts may then be put in order of votes.
use sea_orm::{ActiveModelTrait, ActiveValue::Set, DbErr};

use super::forum_day::drafts;
use crate::ssr::{
    audit::{self, Event},
    db::begin_write,
    state::AppState,
};

pub enum Refused {
    /// A tally names a draft that is not one of this forum's day.
    NotADraft,
    Db(DbErr),
}

impl From<DbErr> for Refused {
    fn from(e: DbErr) -> Self {
        Refused::Db(e)
    }
}

/// Sets each named draft's votes to its tally; with `by_votes`, orders the day's drafts by
/// votes on paper and on phones, most first (equal votes keep their order).
pub async fn set_tallies(
    state: &AppState,
    actor_id: i32,
    forum_id: i32,
    tallies: &[(i32, i32)],
    by_votes: bool,
) -> Result<(), Refused> {
    let txn = begin_write(&state.db).await?;
    let mut rows = drafts(&txn, forum_id).await?;
    if tallies
        .iter()
        .any(|(id, _)| !rows.iter().any(|r| r.id == *id))
    {
        return Err(Refused::NotADraft);
    }
    for row in &mut rows {
        let Some((_, votes)) = tallies.iter().find(|(id, _)| *id == row.id) else {
            continue;
        };
        if row.day_votes != *votes {
            let mut active: crate::ssr::entities::recommendation::ActiveModel = row.clone().into();
            active.day_votes = Set(*votes);
            *row = active.update(&txn).await?;
        }
    }
    if by_votes {
        // Paper and phones together.
        rows.sort_by_key(|r| std::cmp::Reverse(r.day_votes + r.phone_votes));
        for (i, row) in rows.iter().enumerate() {
            let place = Some(i as i32 + 1);
            if row.day_order != place {
                let mut active: crate::ssr::entities::recommendation::ActiveModel =
                    row.clone().into();
                active.day_order = Set(place);
                active.update(&txn).await?;
            }
        }
    }
    let event = Event {
        actor_id: Some(actor_id),
        action: "day_tallies",
        object_type: "forum",
        object_id: format!("{forum_id}:{}", tallies.len()),
    };
    audit::record(&txn, &state.clock, event).await?;
    txn.commit().await?;
    Ok(())
}
