//! Invitations and password resets became one table of one-time links (migration 17): every
//! link sent before the upgrade still opens after it, and a used or refused one stays so.
use app::{
    domain::role::Role,
    ssr::{
        clock::Clock,
        db,
        entities::user,
        migration::Migrator,
        store::{invites, password_resets},
        tokens::hash,
    },
};
use chrono::{TimeDelta, Utc};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QuerySelect,
    sea_query::{Alias, Query, SimpleExpr},
};
use sea_orm_migration::MigratorTrait;
use tests::{fresh_postgres, sqlite_url};

const INVITE: &str = "0123456789abcdef0123456789abcdef";
const USED_INVITE: &str = "1123456789abcdef0123456789abcdef";
const RESET: &str = "2123456789abcdef0123456789abcdef";

async fn insert(db: &DatabaseConnection, table: &str, row: Vec<(&str, SimpleExpr)>) {
    let (columns, values): (Vec<_>, Vec<_>) = row.into_iter().unzip();
    let mut query = Query::insert();
    query
        .into_table(Alias::new(table))
        .columns(columns.into_iter().map(Alias::new));
    if let Err(e) = query.values(values) {
        panic!("{table}: {e}");
    }
    let statement = db.get_database_backend().build(&query);
    if let Err(e) = db.execute_raw(statement).await {
        panic!("{table}: {e}");
    }
}

async fn links_survive_the_upgrade(url: String) {
    let db = match db::connect(&url).await {
        Ok(db) => db,
        Err(e) => panic!("{url}: {e}"),
    };
    if let Err(e) = Migrator::up(&db, Some(16)).await {
        panic!("up to 16: {e}");
    }
    // The account as the schema then was: today's entity has columns it did not.
    let email = format!("links-{}@example.org", Utc::now().timestamp_micros());
    insert(
        &db,
        "users",
        vec![
            ("email", email.clone().into()),
            ("display_name", "Links".into()),
            ("role", Role::Admin.code().into()),
            ("password_hash", "not a hash: nobody signs in".into()),
            ("disabled", false.into()),
            ("created_at", Utc::now().into()),
        ],
    )
    .await;
    let admin: i32 = match user::Entity::find()
        .select_only()
        .column(user::Column::Id)
        .filter(user::Column::Email.eq(email))
        .into_tuple()
        .one(&db)
        .await
    {
        Ok(Some(id)) => id,
        other => panic!("no admin: {other:?}"),
    };
    let now = Utc::now();
    let later = now + TimeDelta::hours(20);
    for (token, used) in [(INVITE, None), (USED_INVITE, Some(now))] {
        insert(
            &db,
            "invites",
            vec![
                ("token_hash", hash(token).into()),
                ("email", "new@example.org".into()),
                ("role", "facilitator".into()),
                ("invited_by", admin.into()),
                ("expires_at", later.into()),
                ("used_at", used.into()),
                ("created_at", now.into()),
                ("needs_approval", false.into()),
            ],
        )
        .await;
    }
    insert(
        &db,
        "password_resets",
        vec![
            ("token_hash", hash(RESET).into()),
            ("user_id", admin.into()),
            ("issued_by", admin.into()),
            ("expires_at", later.into()),
            ("created_at", now.into()),
        ],
    )
    .await;

    if let Err(e) = db::migrate(&db).await {
        panic!("upgrade: {e}");
    }
    let clock = Clock::default();
    match invites::find(&db, &clock, INVITE).await {
        Ok(invites::Lookup::Valid(i)) => {
            assert_eq!(
                (i.email.as_str(), i.role),
                ("new@example.org", Role::Facilitator)
            );
            assert_eq!(i.invited_by, Some(admin));
        }
        _ => panic!("the unused invitation no longer opens"),
    }
    assert!(
        matches!(
            invites::find(&db, &clock, USED_INVITE).await,
            Ok(invites::Lookup::Gone)
        ),
        "a used invitation came back to life"
    );
    assert!(
        matches!(
            invites::find(&db, &clock, RESET).await,
            Ok(invites::Lookup::Unknown)
        ),
        "a reset link opened as an invitation"
    );
    assert!(matches!(
        password_resets::is_valid(&db, &clock, RESET).await,
        Ok(true)
    ));
    assert!(matches!(
        password_resets::spend(&db, &clock, RESET).await,
        Ok(Some(id)) if id == admin
    ));
    assert!(
        matches!(password_resets::spend(&db, &clock, RESET).await, Ok(None)),
        "a reset link works once"
    );
}

#[tokio::test]
async fn links_sent_before_the_upgrade_still_open_after_it() {
    links_survive_the_upgrade(sqlite_url()).await;
    if let Some(url) = fresh_postgres().await {
        links_survive_the_upgrade(url).await;
    }
}
