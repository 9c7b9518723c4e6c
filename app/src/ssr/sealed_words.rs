//! Keeping survivors' words and two-step secrets sealed at rest (see `seal`): sealing what was
//! stored before sealing existed, at start; and sealing everything again under a new key, for
//! `samleng rotate-key`. Each table is done in batches, each batch in one transaction.
use sea_orm::{
    ColumnTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter, QuerySelect,
    TransactionTrait, sea_query::Expr,
};
use uuid::Uuid;

use super::{
    db::begin_write,
    entities::{feedback, message, proposal, user},
    seal::Sealer,
};

const BATCH: u64 = 1000;

/// Which stored values a pass rewrites.
#[derive(Clone, Copy)]
enum Pass {
    /// Plain values only (stored before sealing).
    Plain,
    /// Everything not sealed under the newest key.
    NotCurrent,
}

impl Pass {
    fn pattern(self, sealer: &Sealer) -> String {
        match self {
            Pass::Plain => "sealed:v%".to_string(),
            Pass::NotCurrent => sealer.current_prefix() + "%",
        }
    }
}

/// Seals every plain value; returns how many there were.
pub async fn seal_plain(db: &DatabaseConnection, sealer: &Sealer) -> Result<u64, DbErr> {
    rewrite(db, sealer, Pass::Plain).await
}

/// Seals every value again under the newest key; returns how many were rewritten. Values that
/// cannot be opened stop the pass: nothing is lost, and the old key is still there.
pub async fn reseal(db: &DatabaseConnection, sealer: &Sealer) -> Result<u64, DbErr> {
    rewrite(db, sealer, Pass::NotCurrent).await
}

fn open(sealer: &Sealer, stored: &str) -> Result<String, DbErr> {
    sealer
        .open(stored)
        .map_err(|e| DbErr::Custom(format!("cannot open a sealed value: {e}")))
}

/// A stored column's text, whether the column may be empty or not.
trait Stored {
    fn text(&self) -> &str;
}

impl Stored for String {
    fn text(&self) -> &str {
        self
    }
}

impl Stored for Option<String> {
    fn text(&self) -> &str {
        self.as_deref().unwrap_or_default()
    }
}

/// Rewrites, batch by batch, every value of `$column` in `$entity` that the pass selects,
/// sealed under the newest key. `$value` is the column's Rust type (nullable or not).
macro_rules! rewrite_column {
    ($db:expr, $sealer:expr, $pattern:expr, $entity:ident, $column:ident, $value:ty) => {{
        let mut done: u64 = 0;
        loop {
            let txn = begin_write($db).await?;
            let rows: Vec<(Uuid, $value)> = $entity::Entity::find()
                .select_only()
                .columns([$entity::Column::Id, $entity::Column::$column])
                .filter($entity::Column::$column.is_not_null())
                .filter($entity::Column::$column.not_like($pattern))
                .limit(BATCH)
                .into_tuple()
                .all(&txn)
                .await?;
            for (id, value) in &rows {
                let sealed = $sealer.seal(&open($sealer, value.text())?);
                $entity::Entity::update_many()
                    .col_expr($entity::Column::$column, Expr::value(sealed))
                    .filter($entity::Column::Id.eq(*id))
                    .exec(&txn)
                    .await?;
            }
            txn.commit().await?;
            done += rows.len() as u64;
            if (rows.len() as u64) < BATCH {
                break;
            }
        }
        done
    }};
}

async fn rewrite(db: &DatabaseConnection, sealer: &Sealer, pass: Pass) -> Result<u64, DbErr> {
    let pattern = pass.pattern(sealer);
    let pattern = pattern.as_str();
    let mut done = rewrite_column!(db, sealer, pattern, feedback, TextOriginal, Option<String>);
    done += rewrite_column!(db, sealer, pattern, proposal, TextOriginal, String);
    done += rewrite_column!(db, sealer, pattern, message, Body, String);
    // Few accounts: one transaction.
    let txn = db.begin().await?;
    let rows: Vec<(i32, Option<String>)> = user::Entity::find()
        .select_only()
        .columns([user::Column::Id, user::Column::TotpSecret])
        .filter(user::Column::TotpSecret.is_not_null())
        .filter(user::Column::TotpSecret.not_like(pattern))
        .into_tuple()
        .all(&txn)
        .await?;
    for (id, secret) in &rows {
        let sealed = sealer.seal(&open(sealer, secret.as_deref().unwrap_or_default())?);
        user::Entity::update_many()
            .col_expr(user::Column::TotpSecret, Expr::value(sealed))
            .filter(user::Column::Id.eq(*id))
            .exec(&txn)
            .await?;
    }
    txn.commit().await?;
    Ok(done + rows.len() as u64)
}
