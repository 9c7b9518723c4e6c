//! Telling facilitators by email what waits in moderation: new feedback and proposals, and
//! survivors' replies waiting for an answer. Counts only: no survivor's words ever leave in an
//! email. Looked at in the server's hourly round, so an email's time says at most the hour,
//! and the list is sent only when it changed since the person was last told.
use chrono::Timelike;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QuerySelect, sea_query::Expr,
};
use sha2::{Digest, Sha256};
use uuid::Uuid;

use super::{
    clock::Clock,
    entities::{feedback, proposal, thread, user},
    mail::{Mail, Outbox},
};
use crate::{
    domain::{
        digest::{DAILY_AFTER_HOUR, DigestEvery},
        feedback::ModerationState,
        khmer,
        role::Role,
    },
    i18n::{Arg, t},
};

/// What waits, and a hash of exactly which items.
struct Waiting {
    feedback: usize,
    proposals: usize,
    replies: usize,
    fingerprint: String,
}

async fn open_ids<E: EntityTrait>(
    db: &impl ConnectionTrait,
    id: E::Column,
    state: E::Column,
) -> Result<Vec<Uuid>, DbErr> {
    let open = [ModerationState::New, ModerationState::Reviewing].map(|s| s.code());
    E::find()
        .select_only()
        .column(id)
        .filter(state.is_in(open))
        .into_tuple()
        .all(db)
        .await
}

async fn waiting(db: &impl ConnectionTrait) -> Result<Waiting, DbErr> {
    let mut feedback =
        open_ids::<feedback::Entity>(db, feedback::Column::Id, feedback::Column::ModerationState)
            .await?;
    let mut proposals =
        open_ids::<proposal::Entity>(db, proposal::Column::Id, proposal::Column::ModerationState)
            .await?;
    let mut replies: Vec<Uuid> = thread::Entity::find()
        .select_only()
        .column(thread::Column::Id)
        .filter(thread::Column::SurvivorWaiting.eq(true))
        .into_tuple()
        .all(db)
        .await?;
    let mut hasher = Sha256::new();
    for (kind, ids) in [
        ("f", &mut feedback),
        ("p", &mut proposals),
        ("r", &mut replies),
    ] {
        // Sorted in place: at scale these are millions of ids, not worth a copy.
        ids.sort_unstable();
        for id in ids.iter() {
            hasher.update(kind.as_bytes());
            hasher.update(id.as_bytes());
        }
    }
    Ok(Waiting {
        feedback: feedback.len(),
        proposals: proposals.len(),
        replies: replies.len(),
        fingerprint: format!("{:x}", hasher.finalize()),
    })
}

/// Whether `person` is due an email now, by their choice and the Cambodia hour.
fn due(person: &user::Model, clock: &Clock) -> bool {
    match person.digest {
        DigestEvery::Never => false,
        DigestEvery::Hourly => true,
        DigestEvery::Daily => {
            let hour = (clock.now() + khmer::CAMBODIA).hour();
            hour >= DAILY_AFTER_HOUR && person.digest_sent_on != Some(clock.today())
        }
    }
}

fn compose(outbox: &Outbox, to: &str, every: DigestEvery, w: &Waiting) -> Mail {
    Mail::in_both_languages(
        vec![to.to_string()],
        "mail-digest-subject",
        "mail-digest-body",
        |lang| {
            let n = |count: usize| Arg::Text(khmer::number(count as i64, lang));
            vec![
                ("total", n(w.feedback + w.proposals + w.replies)),
                ("feedback", n(w.feedback)),
                ("proposals", n(w.proposals)),
                ("replies", n(w.replies)),
                ("every", t(lang, &every.label_key()).into()),
                (
                    "link",
                    format!("{}/{}/moderation", outbox.public_url, lang.code()).into(),
                ),
                (
                    "account",
                    format!("{}/{}/account#digest", outbox.public_url, lang.code()).into(),
                ),
            ]
        },
    )
}

/// Emails every facilitator who is due and has not been told of exactly this list. Returns
/// how many were sent. A daily person's day is spent at the first look after the morning hour,
/// email or not: otherwise the day's email would go at the first hour something arrived,
/// telling that hour.
pub async fn sweep(
    db: &impl ConnectionTrait,
    clock: &Clock,
    outbox: &Outbox,
) -> Result<usize, DbErr> {
    let people = user::Entity::find()
        .filter(user::Column::Role.eq(Role::Facilitator))
        .filter(user::Column::Disabled.eq(false))
        .filter(user::Column::Digest.ne(DigestEvery::Never))
        .all(db)
        .await?;
    let due: Vec<user::Model> = people.into_iter().filter(|p| due(p, clock)).collect();
    if due.is_empty() {
        return Ok(0);
    }
    let waiting = waiting(db).await?;
    let mut sent = 0;
    for person in due {
        let news = waiting.feedback + waiting.proposals + waiting.replies > 0
            && person.digest_fingerprint.as_deref() != Some(waiting.fingerprint.as_str());
        if news {
            let mail = compose(outbox, &person.email, person.digest, &waiting);
            if let Err(e) = outbox.send(&mail).await {
                tracing::warn!(error = %e, "a moderation digest could not be sent; it will be tried again");
                continue;
            }
            sent += 1;
        }
        let mut update = user::Entity::update_many().filter(user::Column::Id.eq(person.id));
        if person.digest == DigestEvery::Daily {
            update = update.col_expr(user::Column::DigestSentOn, Expr::value(clock.today()));
        }
        if news {
            update = update.col_expr(
                user::Column::DigestFingerprint,
                Expr::value(waiting.fingerprint.clone()),
            );
        }
        if person.digest == DigestEvery::Daily || news {
            update.exec(db).await?;
        }
    }
    Ok(sent)
}
