//! Reads for the tracker's detail pages: one recommendation with every body's answers, and
//! one forum with its recommendations.
use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use sea_orm::{QueryOrder, QuerySelect, prelude::*};

use super::{
    convert::{bilingual, optional, org_ref},
    tracker::{public, published, summaries},
};
use crate::{
    domain::{
        answer::correctors,
        forum::{Attendance, shown_attendance},
        province::Province,
        status::Status,
    },
    error::AppError,
    ssr::{
        entities::{
            forum, forum_organisation, forum_series, organisation, progress_update, recommendation,
            response,
        },
        settings::anonymity_threshold,
        state::AppState,
    },
    views::tracker::{
        BodyTimeline, EntryContext, ForumDetail, RecommendationDetail, TimelineEntry,
    },
};

/// One published recommendation (merged or not) with each addressed body's timeline.
pub async fn detail(state: &AppState, id: i32) -> Result<RecommendationDetail, AppError> {
    let db = &state.db;
    let rec = recommendation::Entity::find_by_id(id)
        .filter(published())
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let text = bilingual(rec.body_km.clone(), rec.body_en.clone(), &rec.original_lang);
    let published_on = rec.published_on;
    let merged_into = match rec.canonical_id {
        Some(c) => recommendation::Entity::find_by_id(c)
            .one(db)
            .await?
            .map(|r| (r.id, r.reference)),
        None => None,
    };
    let duplicates: Vec<(i32, String)> = recommendation::Entity::find()
        .filter(recommendation::Column::CanonicalId.eq(id))
        .order_by_asc(recommendation::Column::Reference)
        .all(db)
        .await?
        .into_iter()
        .map(|r| (r.id, r.reference))
        .collect();
    // A merged duplicate's answers stay visible on the recommendation it now points to.
    let sources: HashMap<i32, Option<String>> = std::iter::once((id, None))
        .chain(duplicates.iter().map(|(d, r)| (*d, Some(r.clone()))))
        .collect();
    let ids: Vec<i32> = sources.keys().copied().collect();

    let responses = response::Entity::find()
        .filter(response::Column::RecommendationId.is_in(ids.clone()))
        .order_by_asc(response::Column::RespondedOn)
        .order_by_asc(response::Column::Id)
        .all(db)
        .await?;
    let updates = progress_update::Entity::find()
        .filter(progress_update::Column::RecommendationId.is_in(ids))
        .order_by_asc(progress_update::Column::ReportedOn)
        .order_by_asc(progress_update::Column::Id)
        .all(db)
        .await?;
    let response_history = History::of(
        "response",
        responses
            .iter()
            .map(|r| (r.id, r.responded_on, r.corrects_id)),
    );
    let update_history = History::of(
        "progress",
        updates.iter().map(|u| (u.id, u.reported_on, u.corrects_id)),
    );

    let k = anonymity_threshold(db).await?;
    let survivor_word = super::claim_checks::word_on(db, &rec, state.clock.today(), k).await?;
    let summary = summaries(state, vec![rec])
        .await?
        .pop()
        .ok_or(AppError::NotFound)?;
    let mut timelines: Vec<BodyTimeline> = summary
        .bodies
        .iter()
        .map(|body| BodyTimeline {
            body: body.clone(),
            entries: Vec::new(),
        })
        .collect();
    let mut index: HashMap<i32, usize> = timelines
        .iter()
        .enumerate()
        .map(|(i, t)| (t.body.id, i))
        .collect();

    // An answer from a body no longer addressed is still history: keep it.
    let mut missing: HashSet<i32> = responses
        .iter()
        .map(|r| r.organisation_id)
        .chain(updates.iter().map(|u| u.organisation_id))
        .filter(|org| !index.contains_key(org))
        .collect();
    if !missing.is_empty() {
        for org in organisation::Entity::find()
            .filter(organisation::Column::Id.is_in(missing.drain()))
            .all(db)
            .await?
        {
            index.insert(org.id, timelines.len());
            timelines.push(BodyTimeline {
                body: org_ref(&org),
                entries: Vec::new(),
            });
        }
    }

    for r in responses {
        let Some(&i) = index.get(&r.organisation_id) else {
            continue;
        };
        let via = sources.get(&r.recommendation_id).cloned().flatten();
        let context = response_history.context(r.id, r.corrects_id, via);
        timelines[i].entries.push(TimelineEntry::Response {
            position: r.position,
            text: optional(r.text_km, r.text_en, &r.original_lang),
            commitment: optional(r.commitment_km, r.commitment_en, &r.original_lang),
            due_on: r.due_on,
            on: r.responded_on,
            context,
        });
    }
    for u in updates {
        let Some(&i) = index.get(&u.organisation_id) else {
            continue;
        };
        let via = sources.get(&u.recommendation_id).cloned().flatten();
        let context = update_history.context(u.id, u.corrects_id, via);
        timelines[i].entries.push(TimelineEntry::Progress {
            stage: u.stage,
            note: optional(u.note_km, u.note_en, &u.original_lang),
            on: u.reported_on,
            context,
        });
    }
    for t in &mut timelines {
        // Stable: on the same day a response comes before the progress it led to.
        t.entries.sort_by_key(TimelineEntry::on);
    }

    Ok(RecommendationDetail {
        summary,
        survivor_word,
        text,
        published_on,
        timelines,
        merged_into,
        duplicates,
    })
}

pub async fn forum(state: &AppState, id: i32) -> Result<ForumDetail, AppError> {
    let db = &state.db;
    let f = forum::Entity::find_by_id(id)
        .filter(forum::public())
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let rows = recommendation::Entity::find()
        .filter(public())
        .filter(recommendation::Column::ForumId.eq(id))
        .order_by_asc(recommendation::Column::Reference)
        .all(db)
        .await?;
    let recommendations = summaries(state, rows).await?;
    let status_counts = Status::PUBLIC
        .iter()
        .map(|s| {
            let n = recommendations.iter().filter(|r| r.status == *s).count() as u64;
            (*s, n)
        })
        .collect();
    let series = match f.series_id {
        Some(id) => forum_series::Entity::find_by_id(id)
            .one(db)
            .await?
            .map(|s| (s.id, bilingual(s.name_km, s.name_en, &s.original_lang))),
        None => None,
    };
    let present_ids = forum_organisation::Entity::find()
        .filter(forum_organisation::Column::ForumId.eq(id))
        .select_only()
        .column(forum_organisation::Column::OrganisationId)
        .into_tuple::<i32>()
        .all(db)
        .await?;
    let present = organisation::Entity::find()
        .filter(organisation::Column::Id.is_in(present_ids))
        .order_by_asc(organisation::Column::Code)
        .all(db)
        .await?
        .iter()
        .map(org_ref)
        .collect();
    let attended = Attendance {
        survivors: f.survivors_present,
        government: f.government_present,
        ngos: f.ngos_present,
        donors: f.donors_present,
    };
    let k = anonymity_threshold(db).await?;
    Ok(ForumDetail {
        id: f.id,
        kind: f.kind,
        series,
        attendance: shown_attendance(f.participants, attended, k),
        present,
        minutes: optional(f.minutes_km, f.minutes_en, &f.original_lang),
        title: bilingual(f.title_km, f.title_en, &f.original_lang),
        province: Province::parse(&f.province),
        starts_on: f.starts_on,
        ends_on: f.ends_on,
        organisers: optional(f.organisers_km, f.organisers_en, &f.original_lang),
        summary: optional(f.summary_km, f.summary_en, &f.original_lang),
        is_demo: f.is_demo,
        status_counts,
        recommendations,
    })
}

/// One kind of entry (answers or progress) on a page: each one's day, and which later entry
/// corrects it.
struct History {
    kind: &'static str,
    days: HashMap<i32, NaiveDate>,
    corrected_by: HashMap<i32, i32>,
}

impl History {
    /// From every entry's (id, day, the id it corrects).
    fn of(
        kind: &'static str,
        entries: impl Iterator<Item = (i32, NaiveDate, Option<i32>)> + Clone,
    ) -> History {
        History {
            kind,
            days: entries.clone().map(|(id, day, _)| (id, day)).collect(),
            corrected_by: correctors(entries.map(|(id, _, corrects)| (id, corrects))),
        }
    }

    /// An entry of this page, as its anchor and day.
    fn entry(&self, id: i32) -> Option<(String, NaiveDate)> {
        let day = self.days.get(&id)?;
        Some((format!("{}-{id}", self.kind), *day))
    }

    fn context(&self, id: i32, corrects: Option<i32>, via: Option<String>) -> EntryContext {
        EntryContext {
            anchor: format!("{}-{id}", self.kind),
            corrects: corrects.and_then(|c| self.entry(c)),
            corrected_by: self.corrected_by.get(&id).and_then(|c| self.entry(*c)),
            via,
        }
    }
}
