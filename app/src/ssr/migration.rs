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
mod m20261201_000011_invite_approval;
mod m20261201_000012_kept_flags;
mod m20261201_000013_released_tallies;
mod m20261201_000014_thread_retention;
mod m20261201_000015_recovery_codes;
mod m20261201_000016_venue_links;
mod m20261201_000017_one_time_links;
mod m20261202_000018_search_terms;
mod m20261202_000019_search_postings;
mod m20261202_000020_forum_drafts;
mod m20261202_000021_digests;
mod m20261202_000022_answer_approval;
mod m20261202_000023_forum_kinds;
mod m20261202_000024_forum_day;
mod m20261202_000025_day_votes;
mod m20261202_000026_claim_checks;
mod m20261202_000027_phone_votes;
mod m20261202_000028_thread_follows;
mod m20261202_000029_feedback_channels;
mod m20261203_000030_paper_codes;
mod m20261203_000031_voice_prompts;
mod m20261203_000032_queue_indexes;
mod m20261204_000033_search_items;

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
            Box::new(m20261201_000011_invite_approval::Migration),
            Box::new(m20261201_000012_kept_flags::Migration),
            Box::new(m20261201_000013_released_tallies::Migration),
            Box::new(m20261201_000014_thread_retention::Migration),
            Box::new(m20261201_000015_recovery_codes::Migration),
            Box::new(m20261201_000016_venue_links::Migration),
            Box::new(m20261201_000017_one_time_links::Migration),
            Box::new(m20261202_000018_search_terms::Migration),
            Box::new(m20261202_000019_search_postings::Migration),
            Box::new(m20261202_000020_forum_drafts::Migration),
            Box::new(m20261202_000021_digests::Migration),
            Box::new(m20261202_000022_answer_approval::Migration),
            Box::new(m20261202_000023_forum_kinds::Migration),
            Box::new(m20261202_000024_forum_day::Migration),
            Box::new(m20261202_000025_day_votes::Migration),
            Box::new(m20261202_000026_claim_checks::Migration),
            Box::new(m20261202_000027_phone_votes::Migration),
            Box::new(m20261202_000028_thread_follows::Migration),
            Box::new(m20261202_000029_feedback_channels::Migration),
            Box::new(m20261203_000030_paper_codes::Migration),
            Box::new(m20261203_000031_voice_prompts::Migration),
            Box::new(m20261203_000032_queue_indexes::Migration),
            Box::new(m20261204_000033_search_items::Migration),
        ]
    }
}

/// Adds `columns` to `table`, one statement each: SQLite alters one column at a time.
async fn add_columns<T: IntoIden + Clone + 'static>(
    manager: &SchemaManager<'_>,
    table: T,
    columns: Vec<ColumnDef>,
) -> Result<(), DbErr> {
    for mut column in columns {
        manager
            .alter_table(
                Table::alter()
                    .table(table.clone())
                    .add_column(&mut column)
                    .to_owned(),
            )
            .await?;
    }
    Ok(())
}

/// Drops `columns` from `table`, one statement each.
async fn drop_columns<T: IntoIden + Clone + 'static, C: IntoIden + 'static>(
    manager: &SchemaManager<'_>,
    table: T,
    columns: Vec<C>,
) -> Result<(), DbErr> {
    for column in columns {
        manager
            .alter_table(
                Table::alter()
                    .table(table.clone())
                    .drop_column(column)
                    .to_owned(),
            )
            .await?;
    }
    Ok(())
}
