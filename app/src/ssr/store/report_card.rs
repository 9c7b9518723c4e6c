//! The report card of one organisation, from the public recommendations addressed to it.
use chrono::NaiveDate;
use sea_orm::{FromQueryResult, QueryOrder, QuerySelect, prelude::*};

use super::{
    answers::{answerable, group},
    convert::{bilingual, org_ref},
    status::{OrgAnswer, organisation_answers},
};
use crate::{
    domain::status::{Position, Stage},
    error::AppError,
    ssr::{
        entities::{organisation, recommendation},
        state::AppState,
    },
    views::{
        answers::InboxGroup,
        report_card::{CARD_ROWS_PER_PAGE, CardRow, ReportCard},
    },
};

/// What a card row needs of a recommendation (not its text, which can be long).
#[derive(FromQueryResult)]
struct CardRecommendation {
    id: i32,
    reference: String,
    title_km: Option<String>,
    title_en: Option<String>,
    original_lang: String,
    published_on: Option<NaiveDate>,
}

/// The middle value (the lower of the two middle ones for an even count).
pub fn median(mut values: Vec<i64>) -> Option<i64> {
    if values.is_empty() {
        return None;
    }
    values.sort_unstable();
    Some(values[(values.len() - 1) / 2])
}

/// A body's report card, page `page`: kept a short while, since it recounts every
/// recommendation addressed to the body.
pub async fn card(state: &AppState, id: i32, page: u32) -> Result<ReportCard, AppError> {
    let today = state.clock.today();
    state
        .kept
        .report_cards
        .read(&state.writes, (id, page, today), read_card(state, id, page))
        .await
}

async fn read_card(state: &AppState, id: i32, page: u32) -> Result<ReportCard, AppError> {
    let db = &state.db;
    let org = organisation::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let overdue_after_days = state.overdue_after_days().await?;
    let today = state.clock.today();
    use recommendation::Column as R;
    let recs = recommendation::Entity::find()
        .select_only()
        .columns([
            R::Id,
            R::Reference,
            R::TitleKm,
            R::TitleEn,
            R::OriginalLang,
            R::PublishedOn,
        ])
        .filter(answerable(id))
        .order_by_asc(R::Reference)
        .into_model::<CardRecommendation>()
        .all(db)
        .await?;
    let said = organisation_answers(db, id).await?;
    let mut rows = Vec::with_capacity(recs.len());
    let mut days_to_first = Vec::new();
    for rec in recs {
        let OrgAnswer {
            answer,
            first_on,
            due_on,
            ..
        } = said.get(&rec.id).copied().unwrap_or_default();
        if let (Some(published), Some(first)) = (rec.published_on, first_on) {
            days_to_first.push((first - published).num_days().max(0));
        }
        let overdue = group(
            answer.position,
            answer.stage,
            rec.published_on,
            due_on,
            overdue_after_days,
            today,
        ) == InboxGroup::Overdue;
        rows.push(CardRow {
            id: rec.id,
            title: bilingual(rec.title_km, rec.title_en, &rec.original_lang),
            reference: rec.reference,
            position: answer.position,
            stage: answer.stage,
            due_on,
            overdue,
        });
    }
    let pages = rows.len().div_ceil(CARD_ROWS_PER_PAGE).max(1);
    let index = (page as usize).checked_sub(1).ok_or(AppError::NotFound)?;
    if index >= pages {
        return Err(AppError::NotFound);
    }
    let addressed = rows.len() as u64;
    let count = |f: &dyn Fn(&CardRow) -> bool| rows.iter().filter(|r| f(r)).count() as u64;
    let answered = count(&|r| r.position.is_some());
    let positions = std::iter::once(None)
        .chain(Position::ALL.iter().map(|p| Some(*p)))
        .map(|p| (p, count(&|r| r.position == p)))
        .collect();
    let claimed: Vec<i32> = rows
        .iter()
        .filter(|r| r.stage == Some(Stage::Implemented))
        .map(|r| r.id)
        .collect();
    let claims = super::claim_checks::findings(&state.db, &claimed).await?;
    Ok(ReportCard {
        organisation: org_ref(&org),
        claims,
        addressed,
        answered,
        response_rate: (answered * 100).checked_div(addressed).unwrap_or(0) as u32,
        median_days_to_first_response: median(days_to_first),
        positions,
        accepted: count(&|r| {
            matches!(
                r.position,
                Some(Position::Accepted | Position::PartiallyAccepted)
            )
        }),
        implemented: count(&|r| r.stage == Some(Stage::Implemented)),
        overdue: count(&|r| r.overdue),
        rows: rows
            .into_iter()
            .skip(index * CARD_ROWS_PER_PAGE)
            .take(CARD_ROWS_PER_PAGE)
            .collect(),
        page,
        pages: u32::try_from(pages).unwrap_or(u32::MAX),
    })
}

#[cfg(test)]
mod tests {
    use super::median;

    #[test]
    fn median_of_odd_and_even_counts() {
        assert_eq!(median(vec![]), None);
        assert_eq!(median(vec![30, 10, 20]), Some(20));
        assert_eq!(median(vec![40, 10, 30, 20]), Some(20));
    }
}
