//! One `Migrator` for every backend, run on start, by `samleng migrate` and by the tests.
use sea_orm_migration::prelude::*;

mod m20261124_000001_core;
mod m20261124_000002_accounts;
mod m20261124_000003_password_resets;
mod m20261124_000004_survivor_voice;
mod m20261124_000005_tracker;
mod m20261124_000006_feedback_tallies;
mod m20261124_000007_published_on_index;
mod m20261124_000008_answer_indexes;
mod m20261124_000009_quotes_index;
mod m20261124_000010_organisation_tallies;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261124_000001_core::Migration),
            Box::new(m20261124_000002_accounts::Migration),
            Box::new(m20261124_000003_password_resets::Migration),
            Box::new(m20261124_000004_survivor_voice::Migration),
            Box::new(m20261124_000005_tracker::Migration),
            Box::new(m20261124_000006_feedback_tallies::Migration),
            Box::new(m20261124_000007_published_on_index::Migration),
            Box::new(m20261124_000008_answer_indexes::Migration),
            Box::new(m20261124_000009_quotes_index::Migration),
            Box::new(m20261124_000010_organisation_tallies::Migration),
        ]
    }
}
