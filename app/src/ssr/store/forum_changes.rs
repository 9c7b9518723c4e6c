//! Saving a forum as a facilitator typed it: its fields, the series it belongs to (a new one
//! is made here), and the organisations present, in one write transaction with the search
//! refresh and the audit event.
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, DbErr, EntityTrait, QueryFilter};

use super::search_index;
use crate::{
    domain::forum::{CheckedForum, SeriesChoice},
    ssr::{
        audit::{self, Event},
        db::begin_write,
        entities::{forum, forum_organisation, forum_series, organisation},
        state::AppState,
    },
};

pub enum Refused {
    NotFound,
    /// The series or an organisation chosen does not exist (a hand-made request).
    UnknownChoice,
    Db(DbErr),
}

impl From<DbErr> for Refused {
    fn from(e: DbErr) -> Self {
        Refused::Db(e)
    }
}

/// Saves the forum (`None` makes a new draft); its id.
pub async fn save(
    state: &AppState,
    actor_id: i32,
    id: Option<i32>,
    checked: CheckedForum,
) -> Result<i32, Refused> {
    let txn = begin_write(&state.db).await?;
    let now = state.clock.now();
    let series_id = match &checked.series {
        SeriesChoice::None => None,
        SeriesChoice::Existing(s) => Some(
            forum_series::Entity::find_by_id(*s)
                .one(&txn)
                .await?
                .ok_or(Refused::UnknownChoice)?
                .id,
        ),
        SeriesChoice::New(name) => {
            let (km, en) = match checked.original_lang {
                crate::domain::lang::Lang::Km => (Some(name.clone()), None),
                crate::domain::lang::Lang::En => (None, Some(name.clone())),
            };
            let made = forum_series::ActiveModel {
                name_km: Set(km),
                name_en: Set(en),
                original_lang: Set(checked.original_lang.code().to_string()),
                created_at: Set(now),
                ..Default::default()
            };
            Some(made.insert(&txn).await?.id)
        }
    };
    let known = organisation::Entity::find()
        .filter(organisation::Column::Id.is_in(checked.organisations.clone()))
        .all(&txn)
        .await?
        .len();
    if known != checked.organisations.len() {
        return Err(Refused::UnknownChoice);
    }
    let mut active = match id {
        // A draft: nothing of it is public until a facilitator publishes it.
        None => forum::ActiveModel {
            is_demo: Set(false),
            created_at: Set(now),
            published_at: Set(None),
            ..Default::default()
        },
        Some(id) => forum::Entity::find_by_id(id)
            .one(&txn)
            .await?
            .ok_or(Refused::NotFound)?
            .into(),
    };
    let a = checked.attendance;
    active.kind = Set(checked.kind);
    active.series_id = Set(series_id);
    active.title_km = Set(checked.title_km);
    active.title_en = Set(checked.title_en);
    active.original_lang = Set(checked.original_lang.code().to_string());
    active.province = Set(checked.province.code().to_string());
    active.starts_on = Set(checked.starts_on);
    active.ends_on = Set(checked.ends_on);
    active.organisers_km = Set(checked.organisers_km);
    active.organisers_en = Set(checked.organisers_en);
    active.participants = Set(checked.participants);
    active.survivors_present = Set(a.survivors);
    active.government_present = Set(a.government);
    active.ngos_present = Set(a.ngos);
    active.donors_present = Set(a.donors);
    active.summary_km = Set(checked.summary_km);
    active.summary_en = Set(checked.summary_en);
    active.minutes_km = Set(checked.minutes_km);
    active.minutes_en = Set(checked.minutes_en);
    let saved_id = match id {
        None => active.insert(&txn).await?.id,
        Some(_) => active.update(&txn).await?.id,
    };
    forum_organisation::Entity::delete_many()
        .filter(forum_organisation::Column::ForumId.eq(saved_id))
        .exec(&txn)
        .await?;
    if !checked.organisations.is_empty() {
        forum_organisation::Entity::insert_many(checked.organisations.iter().map(|o| {
            forum_organisation::ActiveModel {
                forum_id: Set(saved_id),
                organisation_id: Set(*o),
            }
        }))
        .exec(&txn)
        .await?;
    }
    search_index::refresh_forum(&txn, saved_id).await?;
    let event = Event {
        actor_id: Some(actor_id),
        action: if id.is_none() {
            "forum_created"
        } else {
            "forum_edited"
        },
        object_type: "forum",
        object_id: saved_id.to_string(),
    };
    audit::record(&txn, &state.clock, event).await?;
    txn.commit().await?;
    Ok(saved_id)
}
