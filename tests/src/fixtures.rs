//! Data that tests add beside the demo data set, through the same entities the app uses.
use app::{
    domain::{province::Province, role::Role, status::Status, theme::Theme},
    ssr::{
        clock::Clock,
        entities::{forum, organisation, recommendation},
        store::accounts::{self, NewAccount},
    },
};
use chrono::{NaiveDate, Utc};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, DatabaseConnection, prelude::*};

/// The id of a demo organisation, by code.
pub async fn org_id(db: &DatabaseConnection, code: &str) -> i32 {
    match organisation::Entity::find()
        .filter(organisation::Column::Code.eq(code))
        .one(db)
        .await
    {
        Ok(Some(org)) => org.id,
        other => panic!("organisation {code} not found: {other:?}"),
    }
}

/// The id of a recommendation, by reference.
pub async fn recommendation_id(db: &DatabaseConnection, reference: &str) -> i32 {
    match recommendation::Entity::find()
        .filter(recommendation::Column::Reference.eq(reference))
        .one(db)
        .await
    {
        Ok(Some(rec)) => rec.id,
        other => panic!("recommendation {reference} not found: {other:?}"),
    }
}

/// A new organisation of `kind` for one test, named after `label` and the time; its id.
pub async fn new_organisation(
    db: &DatabaseConnection,
    label: &str,
    kind: app::domain::org::OrgKind,
) -> i32 {
    let stamp = Utc::now().timestamp_micros() % 1_000_000_000;
    let saved = organisation::ActiveModel {
        code: Set(format!("{label}-{stamp}")),
        name_km: Set(Some(format!("អង្គការសាកល្បង {label}"))),
        name_en: Set(Some(format!("Test organisation {label} {stamp}"))),
        original_lang: Set("en".into()),
        kind: Set(kind),
        is_demo: Set(false),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await;
    match saved {
        Ok(o) => o.id,
        Err(e) => panic!("cannot insert a test organisation: {e}"),
    }
}

/// A forum of its own with `count` published recommendations `{prefix}-1` …, for paging tests.
pub async fn forum_with_recommendations(
    db: &DatabaseConnection,
    prefix: &str,
    count: usize,
) -> i32 {
    let now = Utc::now();
    let day = NaiveDate::from_ymd_opt(2026, 1, 10).unwrap_or_default();
    let forum = forum::ActiveModel {
        title_km: Set(Some(format!("វេទិកាសាកល្បង {prefix}"))),
        title_en: Set(Some(format!("Test forum {prefix}"))),
        original_lang: Set("en".into()),
        province: Set(Province::Battambang.code().into()),
        starts_on: Set(day),
        ends_on: Set(day),
        organisers_km: Set(None),
        organisers_en: Set(None),
        participants: Set(Some(12)),
        summary_km: Set(None),
        summary_en: Set(None),
        is_demo: Set(false),
        created_at: Set(now),
        published_at: Set(Some(now)),
        ..Default::default()
    }
    .insert(db)
    .await;
    let forum = match forum {
        Ok(f) => f,
        Err(e) => panic!("cannot insert test forum: {e}"),
    };
    for n in 1..=count {
        let inserted = recommendation::ActiveModel {
            reference: Set(format!("{prefix}-{n}")),
            forum_id: Set(Some(forum.id)),
            source: Set(app::domain::curation::Source::Forum),
            theme: Set(Theme::Prevention),
            title_km: Set(Some(format!("អនុសាសន៍ {prefix}-{n}"))),
            title_en: Set(Some(format!("Recommendation {prefix}-{n}"))),
            body_km: Set(None),
            body_en: Set(Some("Text".into())),
            original_lang: Set("en".into()),
            translation_state: Set(app::domain::curation::TranslationState::Human),
            status: Set(Status::AwaitingResponse),
            published_on: Set(Some(day)),
            earliest_open_due_on: Set(None),
            canonical_id: Set(None),
            is_demo: Set(false),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        }
        .insert(db)
        .await;
        if let Err(e) = inserted {
            panic!("cannot insert test recommendation: {e}");
        }
    }
    forum.id
}

/// A password every test account shares; long and uncommon enough for the policy.
pub const PASSWORD: &str = "amber-lantern-river-42";

/// Creates an account with [`PASSWORD`] and a unique email built from `name`; returns the email.
pub async fn account(
    db: &DatabaseConnection,
    name: &str,
    role: Role,
    organisation_id: Option<i32>,
) -> String {
    let email = format!(
        "{name}-{}@example.org",
        chrono::Utc::now().timestamp_nanos_opt().unwrap_or_default()
    );
    let new = NewAccount {
        email: &email,
        display_name: name,
        role,
        organisation_id,
        password: PASSWORD,
    };
    if let Err(e) = accounts::create(db, &Clock::default(), None, new).await {
        panic!("cannot create account {email}: {e:?}");
    }
    email
}

/// An account of `role` with two-step sign-in already set up; returns its email and secret.
pub async fn account_with_totp(
    db: &DatabaseConnection,
    name: &str,
    role: Role,
    organisation_id: Option<i32>,
) -> (String, String) {
    use app::ssr::{auth::totp, entities::user};
    let email = account(db, name, role, organisation_id).await;
    let secret = totp::new_secret();
    let Ok(Some(found)) = user::Entity::find()
        .filter(user::Column::Email.eq(&email))
        .one(db)
        .await
    else {
        panic!("account {email} missing")
    };
    let mut active: user::ActiveModel = found.into();
    active.totp_secret = Set(Some(secret.clone()));
    if let Err(e) = active.update(db).await {
        panic!("cannot set up two-step: {e}");
    }
    (email, secret)
}
