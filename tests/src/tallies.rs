//! The services summary's running counts, read in a form tests can compare.
use app::ssr::{db::begin_write, tallies};
use sea_orm::DatabaseConnection;

/// Service, dimension, value, people, answers.
pub type CountRow = (String, String, String, u32, [[u32; 4]; 6]);

/// The counts as kept, in a fixed order.
pub async fn running(db: &DatabaseConnection) -> Vec<CountRow> {
    match tallies::all(db).await {
        Ok(rows) => comparable(rows),
        Err(e) => panic!("reading the running counts: {e}"),
    }
}

/// The counts as a count from scratch of the feedback table gives them (the stored counts
/// are left as they were).
pub async fn recounted(db: &DatabaseConnection) -> Vec<CountRow> {
    let recount = async {
        let txn = begin_write(db).await?;
        tallies::rebuild(&txn).await?;
        let rows = tallies::all(&txn).await?;
        txn.rollback().await?;
        Ok::<_, sea_orm::DbErr>(rows)
    };
    match recount.await {
        Ok(rows) => comparable(rows),
        Err(e) => panic!("recounting: {e}"),
    }
}

/// Everyone counted, over every province.
pub fn people(rows: &[CountRow]) -> u32 {
    rows.iter()
        .filter(|r| r.1 == tallies::BY_PROVINCE)
        .map(|r| r.3)
        .sum()
}

fn comparable(rows: Vec<tallies::Counted>) -> Vec<CountRow> {
    let mut rows: Vec<CountRow> = rows
        .into_iter()
        .map(|c| {
            let code = c.service.code().to_string();
            (code, c.dimension, c.value, c.tally.people, c.tally.answers)
        })
        .collect();
    rows.sort();
    rows
}
