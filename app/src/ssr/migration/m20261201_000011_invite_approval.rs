//! A facilitator may ask for an official's account, but only an administrator makes one:
//! an invitation a facilitator asks for waits for an administrator's approval before its
//! link works. Links made before this migration were made under the old rule and stay valid.
use sea_orm_migration::{prelude::*, schema::*};

use super::{add_columns, drop_columns};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone)]
enum Invites {
    Table,
    NeedsApproval,
    ApprovedBy,
    ApprovedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let columns = vec![
            boolean(Invites::NeedsApproval).default(false).to_owned(),
            integer_null(Invites::ApprovedBy),
            timestamp_with_time_zone_null(Invites::ApprovedAt),
        ];
        add_columns(manager, Invites::Table, columns).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let columns = vec![
            Invites::ApprovedAt,
            Invites::ApprovedBy,
            Invites::NeedsApproval,
        ];
        drop_columns(manager, Invites::Table, columns).await
    }
}
