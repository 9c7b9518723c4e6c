//! Demo feedback, so that the services summary and the moderation queue have something to
//! show: 90 answers spread over services, provinces and days (made up, deterministic), a few
//! published quotes in both languages, and a few new ones waiting for a facilitator.
use chrono::Days;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, DbErr, EntityTrait, QueryFilter};
use uuid::Uuid;

use crate::{
    domain::feedback::{Answer, Channel, ModerationState},
    ssr::{
        clock::Clock,
        entities::{feedback, organisation, thread},
        settings,
    },
};

/// Set once the demo feedback is in, so a second run adds nothing.
const MARKER: &str = "demo_feedback_seeded";

/// (service, province, organisation code, how many).
const GROUPS: &[(&str, &str, Option<&str>, u32)] = &[
    ("shelter", "siem-reap", Some("chab-dai"), 14),
    ("shelter", "battambang", Some("caritas"), 7),
    ("shelter", "phnom-penh", None, 2),
    ("police", "siem-reap", Some("cnp-ahtjp"), 9),
    ("police", "banteay-meanchey", Some("cnp-ahtjp"), 6),
    ("legal-aid", "phnom-penh", Some("ccpcr"), 11),
    ("legal-aid", "kandal", Some("ccpcr"), 2),
    ("health", "siem-reap", None, 8),
    ("counselling", "battambang", Some("chab-dai"), 9),
    ("reintegration", "siem-reap", Some("mosvy"), 12),
    ("skills-training", "kampong-cham", Some("winrock"), 3),
    ("job-placement", "phnom-penh", None, 2),
    ("repatriation", "banteay-meanchey", Some("mosvy"), 5),
];

/// Published quotes: (service, original language, redacted copy, translation).
const QUOTES: &[(&str, &str, &str, &str)] = &[
    (
        "shelter",
        "km",
        "បុគ្គលិកមណ្ឌលបានស្ដាប់ខ្ញុំ ហើយមិនបង្ខំខ្ញុំឱ្យនិយាយទេ។",
        "The shelter staff listened to me and did not force me to talk.",
    ),
    (
        "police",
        "km",
        "ប៉ូលិសម្នាក់បានសួរខ្ញុំនៅមុខមនុស្សច្រើន។ ខ្ញុំខ្មាស់។",
        "One officer questioned me in front of many people. I felt ashamed.",
    ),
    (
        "legal-aid",
        "en",
        "My lawyer explained every step of the case to me in Khmer.",
        "មេធាវីរបស់ខ្ញុំបានពន្យល់គ្រប់ជំហាននៃរឿងក្ដីជាភាសាខ្មែរ។",
    ),
    (
        "reintegration",
        "km",
        "ខ្ញុំត្រូវការជំនួយបន្ថែមបន្ទាប់ពីត្រឡប់ទៅភូមិ […] វិញ។",
        "I needed more help after I went back to my village […].",
    ),
];

/// New feedback waiting for a facilitator: (service, province, text).
const WAITING: &[(&str, &str, &str)] = &[
    (
        "shelter",
        "siem-reap",
        "Sokha at the shelter helped me a lot. Call me on 012 345 678 if you need to know more.",
    ),
    ("police", "battambang", "ពួកគេមិនបានប្រាប់ខ្ញុំពីសិទ្ធិរបស់ខ្ញុំទេ។"),
];

/// A small deterministic generator: the same answers on every machine.
struct Dice(u64);

impl Dice {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }

    /// Mostly yes, some partly and no, a few rather not say.
    fn answer(&mut self) -> Answer {
        match self.next() % 10 {
            0..=4 => Answer::Yes,
            5..=6 => Answer::Partly,
            7..=8 => Answer::No,
            _ => Answer::RatherNotSay,
        }
    }
}

pub async fn seed(db: &sea_orm::DatabaseConnection, clock: &Clock) -> Result<usize, DbErr> {
    if settings::flag(db, MARKER).await? {
        return Ok(0);
    }
    let txn = crate::ssr::db::begin_write(db).await?;
    let today = clock.today();
    let mut dice = Dice(2026);
    let mut added = 0;
    let mut quotes = QUOTES.iter();
    for (service, province, org, count) in GROUPS {
        let organisation_id = match org {
            Some(code) => organisation::Entity::find()
                .filter(organisation::Column::Code.eq(*code))
                .one(&txn)
                .await?
                .map(|o| o.id),
            None => None,
        };
        for i in 0..*count {
            let quote = (i == 0)
                .then(|| quotes.clone().find(|q| q.0 == *service))
                .flatten();
            if quote.is_some() {
                quotes.next();
            }
            let answers: Vec<String> = (0..6).map(|_| dice.answer().code().to_string()).collect();
            let received_on = today
                .checked_sub_days(Days::new(dice.next() % 120 + 1))
                .unwrap_or(today);
            // Answers alone were read and count in the summary; quotes were redacted first.
            let state = ModerationState::Published;
            insert(
                &txn,
                Row {
                    service,
                    province,
                    organisation_id,
                    answers: &answers,
                    text: quote.map(|q| (q.1, q.2, q.3)),
                    state,
                    received_on,
                },
            )
            .await?;
            added += 1;
        }
    }
    for (service, province, text) in WAITING {
        let answers: Vec<String> = (0..6).map(|_| dice.answer().code().to_string()).collect();
        let lang = if text.is_ascii() { "en" } else { "km" };
        insert(
            &txn,
            Row {
                service,
                province,
                organisation_id: None,
                answers: &answers,
                text: Some((lang, text, "")),
                state: ModerationState::New,
                received_on: today,
            },
        )
        .await?;
        added += 1;
    }
    crate::ssr::tallies::rebuild(&txn).await?;
    crate::ssr::tallies::release_all(&txn).await?;
    super::demo_checks::load(&txn, today).await?;
    settings::put(&txn, MARKER, "true").await?;
    txn.commit().await?;
    Ok(added)
}

struct Row<'a> {
    service: &'a str,
    province: &'a str,
    organisation_id: Option<i32>,
    answers: &'a [String],
    /// (language, text, translation); published rows carry their public copy.
    text: Option<(&'a str, &'a str, &'a str)>,
    state: ModerationState,
    received_on: chrono::NaiveDate,
}

async fn insert(db: &impl sea_orm::ConnectionTrait, row: Row<'_>) -> Result<(), DbErr> {
    let id = Uuid::new_v4();
    let answer = |i: usize| Set(row.answers.get(i).cloned().unwrap_or_default());
    let published = row.state == ModerationState::Published;
    feedback::ActiveModel {
        id: Set(id),
        service_type: Set(row.service.to_string()),
        province: Set(row.province.to_string()),
        organisation_id: Set(row.organisation_id),
        ans_respect: answer(0),
        ans_safe: answer(1),
        ans_privacy: answer(2),
        ans_rights: answer(3),
        ans_choice: answer(4),
        ans_helped: answer(5),
        text_original: Set(row.text.map(|t| t.1.to_string())),
        text_lang: Set(row.text.map(|t| t.0.to_string())),
        text_redacted: Set(row.text.filter(|_| published).map(|t| t.1.to_string())),
        text_translated: Set(row.text.map(|t| t.2.to_string()).filter(|t| !t.is_empty())),
        kept_flags: Set(None),
        moderation_state: Set(row.state),
        received_on: Set(row.received_on),
        channel: Set(Channel::Online.code().to_string()),
    }
    .insert(db)
    .await?;
    // Demo threads cannot be opened: no code hashes to this.
    thread::ActiveModel {
        id: Set(Uuid::new_v4()),
        receipt_hash: Set(format!("demo-{id}")),
        feedback_id: Set(Some(id)),
        proposal_id: Set(None),
        survivor_waiting: Set(false),
        created_on: Set(row.received_on),
        active_on: Set(Some(row.received_on)),
        expired_on: Set(None),
        follows: Set(None),
    }
    .insert(db)
    .await?;
    Ok(())
}
