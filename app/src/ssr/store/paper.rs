//! Paper forms' codes: kept as keyed slow hashes until their sheet is typed in, then moved
//! into the thread the sheet's feedback opens (see `ssr::paper`).
use chrono::NaiveDate;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait, QueryFilter,
};

use super::survivor::insert_feedback;
use crate::{
    domain::{feedback::Channel, submission::ValidFeedback},
    ssr::{
        clock::Clock,
        db::begin_write,
        entities::{paper_code, thread},
        seal::Sealer,
    },
};

/// What became of a typed-in sheet.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Entered {
    Saved,
    /// Its code was typed in before: a sheet is entered once.
    AlreadyEntered,
    /// Its batch's time ran out before it came back.
    Expired,
    /// No printed batch made this code (a mistyped digit, most likely).
    Unknown,
}

/// Keeps a printed batch's code hashes until `expires_on`, in one write transaction.
pub async fn keep_codes(
    db: &sea_orm::DatabaseConnection,
    hashes: Vec<String>,
    expires_on: NaiveDate,
) -> Result<(), DbErr> {
    let txn = begin_write(db).await?;
    let rows = hashes.into_iter().map(|h| paper_code::ActiveModel {
        receipt_hash: Set(h),
        expires_on: Set(expires_on),
    });
    paper_code::Entity::insert_many(rows).exec(&txn).await?;
    txn.commit().await
}

/// Stores a returned sheet's feedback under its printed code, marked "on paper", and spends
/// the code, all in one write transaction.
pub async fn enter_sheet(
    db: &sea_orm::DatabaseConnection,
    clock: &Clock,
    sealer: &Sealer,
    valid: &ValidFeedback,
    receipt_hash: String,
) -> Result<Entered, DbErr> {
    let txn = begin_write(db).await?;
    let waiting = paper_code::Entity::find_by_id(receipt_hash.clone())
        .one(&txn)
        .await?;
    let entered = match waiting {
        Some(code) if code.expires_on >= clock.today() => {
            paper_code::Entity::delete_by_id(receipt_hash.clone())
                .exec(&txn)
                .await?;
            insert_feedback(&txn, clock, sealer, valid, Channel::Paper, receipt_hash).await?;
            Entered::Saved
        }
        Some(_) => Entered::Expired,
        None => {
            let used = thread::Entity::find()
                .filter(thread::Column::ReceiptHash.eq(receipt_hash))
                .count(&txn)
                .await?;
            if used > 0 {
                Entered::AlreadyEntered
            } else {
                Entered::Unknown
            }
        }
    };
    txn.commit().await?;
    Ok(entered)
}

/// How many printed sheets may still come back.
pub async fn waiting(db: &impl ConnectionTrait, clock: &Clock) -> Result<u64, DbErr> {
    paper_code::Entity::find()
        .filter(paper_code::Column::ExpiresOn.gte(clock.today()))
        .count(db)
        .await
}

/// Forgets the codes of sheets that did not come back in time.
pub async fn sweep_expired(db: &impl ConnectionTrait, clock: &Clock) -> Result<u64, DbErr> {
    let deleted = paper_code::Entity::delete_many()
        .filter(paper_code::Column::ExpiresOn.lt(clock.today()))
        .exec(db)
        .await?;
    Ok(deleted.rows_affected)
}
