//! `samleng seed-demo`: loads the demo data set. Safe to run again: what exists is kept.
mod demo_checks;
mod demo_content;
mod demo_feedback;
mod scale;
mod scale_staff;

/// Demo survivor feedback, for the command line's demo data (the test servers leave it out,
/// so their feedback counts are their own).
pub use demo_feedback::seed as seed_demo_feedback;
pub use scale::{ScaleReport, ScaleSize, seed_scale};
pub use scale_staff::{
    FACILITATOR_EMAIL, OFFICIAL_EMAIL, PASSWORD as SCALE_STAFF_PASSWORD, seed_scale_staff,
};

use std::collections::HashMap;

use chrono::{Days, NaiveDate, Utc};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, DatabaseConnection, DbErr, prelude::*};

use self::demo_content::{EventSeed, FORUM, ORGANISATIONS, RECOMMENDATIONS};
use super::{
    clock::Clock,
    entities::{
        forum, organisation, progress_update, recommendation, recommendation_body, response,
    },
    store::{search_index, status},
};
use crate::domain::{
    curation::{Source, TranslationState},
    lang::Lang,
    province::Province,
    status::Status,
};

/// What a run of the seed added.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct SeedReport {
    pub organisations: usize,
    pub forums: usize,
    pub recommendations: usize,
}

fn day(text: &str) -> Result<NaiveDate, DbErr> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|e| DbErr::Custom(format!("demo date {text}: {e}")))
}

pub async fn seed_demo(db: &DatabaseConnection) -> Result<SeedReport, DbErr> {
    let txn = crate::ssr::db::begin_write(db).await?;
    let mut report = SeedReport::default();
    let now = Utc::now();

    let mut org_ids: HashMap<&str, i32> = HashMap::new();
    for seed in ORGANISATIONS {
        let existing = organisation::Entity::find()
            .filter(organisation::Column::Code.eq(seed.code))
            .one(&txn)
            .await?;
        let id = match existing {
            Some(org) => org.id,
            None => {
                report.organisations += 1;
                organisation::ActiveModel {
                    code: Set(seed.code.to_string()),
                    name_km: Set(Some(seed.km.to_string())),
                    name_en: Set(Some(seed.en.to_string())),
                    original_lang: Set(Lang::En.code().to_string()),
                    kind: Set(seed.kind),
                    is_demo: Set(true),
                    created_at: Set(now),
                    ..Default::default()
                }
                .insert(&txn)
                .await?
                .id
            }
        };
        org_ids.insert(seed.code, id);
    }

    let forum_id = match forum::Entity::find()
        .filter(forum::Column::TitleEn.eq(FORUM.title_en))
        .filter(forum::Column::IsDemo.eq(true))
        .one(&txn)
        .await?
    {
        Some(f) => f.id,
        None => {
            report.forums += 1;
            forum::ActiveModel {
                title_km: Set(Some(FORUM.title_km.to_string())),
                title_en: Set(Some(FORUM.title_en.to_string())),
                original_lang: Set(Lang::En.code().to_string()),
                province: Set(Province::SiemReap.code().to_string()),
                starts_on: Set(day(FORUM.starts_on)?),
                ends_on: Set(day(FORUM.ends_on)?),
                organisers_km: Set(Some(FORUM.organisers_km.to_string())),
                organisers_en: Set(Some(FORUM.organisers_en.to_string())),
                participants: Set(None),
                summary_km: Set(Some(FORUM.summary_km.to_string())),
                summary_en: Set(Some(FORUM.summary_en.to_string())),
                is_demo: Set(true),
                created_at: Set(now),
                published_at: Set(Some(now)),
                ..Default::default()
            }
            .insert(&txn)
            .await?
            .id
        }
    };

    let org = |code: &str| {
        org_ids
            .get(code)
            .copied()
            .ok_or_else(|| DbErr::Custom(format!("demo organisation {code} missing")))
    };
    for seed in RECOMMENDATIONS {
        let exists = recommendation::Entity::find()
            .filter(recommendation::Column::Reference.eq(seed.reference))
            .one(&txn)
            .await?
            .is_some();
        if exists {
            continue;
        }
        report.recommendations += 1;
        let published_on = match seed.published_on {
            None => None,
            Some(Some(d)) => Some(day(d)?),
            // A recent one, so the demo always shows a recommendation not yet overdue.
            Some(None) => Clock::default().today().checked_sub_days(Days::new(12)),
        };
        let rec = recommendation::ActiveModel {
            reference: Set(seed.reference.to_string()),
            forum_id: Set(seed.from_forum.then_some(forum_id)),
            source: Set(if seed.from_forum {
                Source::Forum
            } else {
                Source::SurvivorProposal
            }),
            theme: Set(seed.theme),
            title_km: Set(Some(seed.title_km.to_string())),
            title_en: Set(Some(seed.title_en.to_string())),
            body_km: Set(Some(seed.text_km.to_string())),
            body_en: Set(Some(seed.text_en.to_string())),
            original_lang: Set(seed.original.code().to_string()),
            translation_state: Set(TranslationState::Human),
            status: Set(Status::Draft),
            published_on: Set(published_on),
            earliest_open_due_on: Set(None),
            canonical_id: Set(None),
            is_demo: Set(true),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        }
        .insert(&txn)
        .await?;

        for code in seed.bodies {
            recommendation_body::ActiveModel {
                recommendation_id: Set(rec.id),
                organisation_id: Set(org(code)?),
            }
            .insert(&txn)
            .await?;
        }
        for event in seed.events {
            match event {
                EventSeed::Response {
                    org: code,
                    position,
                    on,
                    en,
                    km,
                    commitment,
                    due_on,
                } => {
                    response::ActiveModel {
                        recommendation_id: Set(rec.id),
                        organisation_id: Set(org(code)?),
                        position: Set(*position),
                        text_km: Set(km.map(str::to_string)),
                        text_en: Set(en.map(str::to_string)),
                        original_lang: Set(Lang::Km.code().to_string()),
                        commitment_en: Set(commitment.map(|c| c.0.to_string())),
                        commitment_km: Set(commitment.map(|c| c.1.to_string())),
                        due_on: Set(due_on.map(day).transpose()?),
                        author_id: Set(None),
                        responded_on: Set(day(on)?),
                        created_at: Set(now),
                        ..Default::default()
                    }
                    .insert(&txn)
                    .await?;
                }
                EventSeed::Progress {
                    org: code,
                    stage,
                    on,
                    en,
                    km,
                } => {
                    progress_update::ActiveModel {
                        recommendation_id: Set(rec.id),
                        organisation_id: Set(org(code)?),
                        stage: Set(*stage),
                        note_km: Set(Some(String::from(*km))),
                        note_en: Set(Some(String::from(*en))),
                        original_lang: Set(Lang::Km.code().to_string()),
                        author_id: Set(None),
                        reported_on: Set(day(on)?),
                        created_at: Set(now),
                        ..Default::default()
                    }
                    .insert(&txn)
                    .await?;
                }
            }
        }
        status::refresh(&txn, rec.id).await?;
    }
    search_index::rebuild(&txn).await?;
    txn.commit().await?;
    Ok(report)
}
