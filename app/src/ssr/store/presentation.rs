//! Presentation day: a published forum's public recommendations, with their whole text in
//! both languages, for the projector and the handout.
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use super::{
    convert::bilingual,
    tracker::{public, summaries},
};
use crate::{
    domain::{province::Province, reference::counting_order},
    error::AppError,
    ssr::{
        entities::{forum, recommendation},
        state::AppState,
    },
    views::presentation::{Presentation, Slide},
};

pub async fn presentation(state: &AppState, forum_id: i32) -> Result<Presentation, AppError> {
    let db = &state.db;
    let f = forum::Entity::find_by_id(forum_id)
        .filter(forum::public())
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let mut rows = recommendation::Entity::find()
        .filter(public())
        .filter(recommendation::Column::ForumId.eq(forum_id))
        .all(db)
        .await?;
    rows.sort_by_cached_key(|r| counting_order(&r.reference));
    let texts: Vec<_> = rows
        .iter()
        .map(|r| bilingual(r.body_km.clone(), r.body_en.clone(), &r.original_lang))
        .collect();
    let slides = summaries(state, rows)
        .await?
        .into_iter()
        .zip(texts)
        .map(|(s, text)| Slide {
            id: s.id,
            reference: s.reference,
            theme: s.theme,
            title: s.title,
            text,
            bodies: s.bodies,
        })
        .collect();
    Ok(Presentation {
        forum_id: f.id,
        title: bilingual(f.title_km, f.title_en, &f.original_lang),
        province: Province::parse(&f.province),
        starts_on: f.starts_on,
        ends_on: f.ends_on,
        slides,
    })
}
