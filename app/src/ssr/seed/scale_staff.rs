//! Staff accounts of the scale data set, so `scripts/bench` can measure pages as signed-in
//! people get them (rendered for them, never kept): a facilitator, and an official of the
//! organisation with the most recommendations addressed to it. The scale set is for
//! benchmarks only: its accounts have a published password, and two-step sign-in is turned
//! off in its database.
use sea_orm::{DatabaseConnection, DbErr, FromQueryResult, Statement};

use crate::{
    domain::role::Role,
    ssr::{
        clock::Clock,
        settings,
        store::accounts::{self, NewAccount},
    },
};

pub const FACILITATOR_EMAIL: &str = "facilitator@scale.invalid";
pub const OFFICIAL_EMAIL: &str = "official@scale.invalid";
/// Published in the README and the bench: never load the scale set where people work.
pub const PASSWORD: &str = "scale set only, never in production";

#[derive(FromQueryResult)]
struct Busiest {
    organisation_id: i32,
}

/// Makes both accounts (once), and turns two-step sign-in off for this database.
pub async fn seed_scale_staff(db: &DatabaseConnection) -> Result<(), DbErr> {
    let busiest = Busiest::find_by_statement(Statement::from_string(
        db.get_database_backend(),
        "SELECT organisation_id FROM recommendation_bodies GROUP BY organisation_id \
         ORDER BY count(*) DESC, organisation_id LIMIT 1",
    ))
    .one(db)
    .await?
    .map(|b| b.organisation_id);
    let clock = Clock::default();
    for (email, name, role, organisation_id) in [
        (
            FACILITATOR_EMAIL,
            "Scale facilitator",
            Role::Facilitator,
            None,
        ),
        (OFFICIAL_EMAIL, "Scale official", Role::Official, busiest),
    ] {
        let account = NewAccount {
            email,
            display_name: name,
            role,
            organisation_id,
            password: PASSWORD,
        };
        match accounts::create(db, &clock, None, account).await {
            Ok(_) | Err(accounts::AccountError::EmailTaken) => {}
            Err(e) => return Err(DbErr::Custom(format!("{email}: {e:?}"))),
        }
    }
    settings::put(db, settings::REQUIRE_TOTP_FOR_ALL, "false").await
}
