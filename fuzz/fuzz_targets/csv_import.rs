//! Any file offered for import gets a preview whose problems are all translated.
#![no_main]
use std::sync::OnceLock;

use app::{
    domain::lang::Lang,
    i18n,
    ssr::{
        db,
        import::{PendingImport, preview},
    },
};
use libfuzzer_sys::fuzz_target;
use sea_orm::DatabaseConnection;

fn runtime() -> &'static tokio::runtime::Runtime {
    static RT: OnceLock<tokio::runtime::Runtime> = OnceLock::new();
    RT.get_or_init(|| {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("a runtime")
    })
}

fn database() -> &'static DatabaseConnection {
    static DB: OnceLock<DatabaseConnection> = OnceLock::new();
    DB.get_or_init(|| {
        let file = std::env::temp_dir().join(format!("samleng-fuzz-{}.db", std::process::id()));
        runtime().block_on(async {
            let conn = db::connect(&format!("sqlite://{}", file.display()))
                .await
                .expect("a database");
            db::migrate(&conn).await.expect("migrations");
            conn
        })
    })
}

fuzz_target!(|csv: String| {
    let pending = PendingImport { forum_id: None, csv };
    let shown = runtime()
        .block_on(preview(database(), &pending))
        .expect("a preview, never a database error");
    let keys = shown
        .file_problem
        .into_iter()
        .chain(shown.rows.into_iter().flat_map(|r| r.problems.into_iter().map(|(_, k)| k)));
    for key in keys {
        assert!(i18n::has(Lang::Km, &key) && i18n::has(Lang::En, &key), "{key}");
    }
});
