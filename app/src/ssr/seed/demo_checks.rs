//! Survivors' word on the demo's "implemented" claims, so the demo shows the loop closed: a
//! dozen answers on each (above K, so counts show), one mostly confirming and one mostly
//! disputing, and one published comment each. Made-up answers, linked to no receipt.
use chrono::{Days, NaiveDate};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, DbErr, EntityTrait, QueryFilter};
use uuid::Uuid;

use crate::{
    domain::{check::Verdict, feedback::ModerationState, status::Status},
    ssr::{
        entities::{claim_check, recommendation},
        store::claim_check_tallies,
    },
};

/// Answers on each claim, by verdict (yes, partly, no, don't know), in turn.
const MIXES: [[usize; 4]; 2] = [[8, 3, 1, 1], [2, 3, 7, 1]];

/// What one survivor wrote on each claim, in turn: (Khmer, English).
const COMMENTS: [(&str, &str); 2] = [
    (
        "នៅភូមិខ្ញុំ មានមណ្ឌលថ្មីមួយ ហើយបុគ្គលិកនិយាយភាសាខ្មែរ។",
        "In my village there is a new centre, and the staff speak Khmer.",
    ),
    (
        "នៅខេត្តខ្ញុំ យើងមិនទាន់ឃើញអ្វីផ្លាស់ប្ដូរទេ។",
        "In my province we have not seen anything change yet.",
    ),
];

pub async fn load(db: &impl sea_orm::ConnectionTrait, today: NaiveDate) -> Result<(), DbErr> {
    let claimed = recommendation::Entity::find()
        .filter(recommendation::Column::IsDemo.eq(true))
        .filter(recommendation::Column::Status.eq(Status::Implemented))
        .all(db)
        .await?;
    let received_on = today.checked_sub_days(Days::new(3)).unwrap_or(today);
    for (n, rec) in claimed.iter().enumerate() {
        let mix = MIXES[n % MIXES.len()];
        let (km, en) = COMMENTS[n % COMMENTS.len()];
        for (verdict, count) in Verdict::ALL.iter().zip(mix) {
            for i in 0..count {
                // The first "yes" (or "no" on a disputed claim) carries the published words.
                let speaks = i == 0
                    && *verdict
                        == if mix[0] > mix[2] {
                            Verdict::Yes
                        } else {
                            Verdict::No
                        };
                claim_check::ActiveModel {
                    id: Set(Uuid::new_v4()),
                    recommendation_id: Set(rec.id),
                    verdict: Set(verdict.code().to_string()),
                    text_original: Set(speaks.then(|| km.to_string())),
                    text_lang: Set(speaks.then(|| "km".to_string())),
                    text_redacted: Set(speaks.then(|| km.to_string())),
                    text_translated: Set(speaks.then(|| en.to_string())),
                    kept_flags: Set(None),
                    moderation_state: Set(if speaks {
                        ModerationState::Published
                    } else {
                        ModerationState::Reviewing
                    }),
                    received_on: Set(received_on),
                }
                .insert(db)
                .await?;
                claim_check_tallies::add(db, rec.id, *verdict, 1).await?;
            }
        }
    }
    Ok(())
}
