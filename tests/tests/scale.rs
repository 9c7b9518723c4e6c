//! `seed-scale` loads what it reports, all or nothing, on both backends, and the app keeps
//! working on top of it.
use app::{
    domain::{lang::Lang, role::Role, search::Query},
    i18n,
    ssr::{
        entities::{feedback, organisation, recommendation, response, search_item},
        seed::{ScaleSize, seed_scale},
        store::{search_index::RECOMMENDATION, search_postings, search_rank, tracker},
    },
};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter,
    Statement,
};
use tests::{
    apps, client,
    session::sign_in_as,
    survivor::get,
    tallies::{recounted, running},
    tracker::new_recommendation,
};

const SMALL: ScaleSize = ScaleSize {
    organisations: 12,
    forums: 9,
    recommendations: 1_200,
    feedback: 2_500,
};

async fn counts(db: &DatabaseConnection) -> [u64; 4] {
    let all = async {
        Ok::<_, sea_orm::DbErr>([
            organisation::Entity::find().count(db).await?,
            recommendation::Entity::find().count(db).await?,
            response::Entity::find().count(db).await?,
            feedback::Entity::find().count(db).await?,
        ])
    };
    match all.await {
        Ok(c) => c,
        Err(e) => panic!("counting rows: {e}"),
    }
}

/// The names of the database's indexes, with what each covers.
async fn indexes(db: &DatabaseConnection) -> Vec<String> {
    let sql = match db.get_database_backend() {
        sea_orm::DbBackend::Sqlite => {
            "SELECT name || ' ' || COALESCE(sql, '') AS what FROM sqlite_master \
             WHERE type = 'index' ORDER BY name"
        }
        // With the foreign keys, which PostgreSQL's load drops and makes again too.
        _ => {
            "SELECT indexdef AS what FROM pg_indexes WHERE schemaname = current_schema() \
             UNION ALL SELECT conrelid::regclass::text || ' ' || conname || ' ' || \
             pg_get_constraintdef(oid) FROM pg_constraint \
             WHERE connamespace = current_schema()::regnamespace ORDER BY what"
        }
    };
    let rows = db
        .query_all_raw(Statement::from_string(db.get_database_backend(), sql))
        .await;
    match rows {
        Ok(rows) => rows
            .iter()
            .filter_map(|r| r.try_get::<String>("", "what").ok())
            .collect(),
        Err(e) => panic!("listing indexes: {e}"),
    }
}

#[tokio::test]
async fn the_scale_set_loads_what_it_reports_once_and_the_app_works_on_top_of_it() {
    for app in apps() {
        let db = app.db().await;
        let before = counts(&db).await;
        let indexes_before = indexes(&db).await;
        let report = match seed_scale(&db, SMALL, 7).await {
            Ok(r) => r,
            Err(e) => panic!("{:?}: seed-scale failed: {e}", app.backend),
        };
        let after = counts(&db).await;
        assert_eq!(
            [
                after[0] - before[0],
                after[1] - before[1],
                after[2] - before[2],
                after[3] - before[3]
            ],
            [12, 1_200, report.responses, 2_500],
            "{:?}: the report and the database disagree",
            app.backend
        );
        // The indexes (and keys) dropped for the load are all back, as they were.
        assert!(indexes_before.len() > 20, "{indexes_before:?}");
        assert_eq!(indexes(&db).await, indexes_before, "{:?}", app.backend);
        // Every public recommendation has its words, and the sets of each word were written too.
        let public = recommendation::Entity::find()
            .filter(tracker::public())
            .count(&db)
            .await;
        let indexed = search_item::Entity::find()
            .filter(search_item::Column::Kind.eq(RECOMMENDATION))
            .count(&db)
            .await;
        match (public, indexed) {
            (Ok(public), Ok(indexed)) => assert!(
                public > 600 && indexed == public && report.search_rows > indexed,
                "{:?}: {public} public, {indexed} indexed, {report:?}",
                app.backend
            ),
            other => panic!("{:?}: {other:?}", app.backend),
        }
        assert!(
            report.phases.iter().any(|(name, _)| *name == "feedback"),
            "{report:?}"
        );
        assert!(report.responses > 0 && report.addressed >= 1_200);
        // The services summary's counts, kept while loading, are what a recount gives.
        assert_eq!(
            running(&db).await,
            recounted(&db).await,
            "{:?}: the loaded counts disagree with a recount",
            app.backend
        );

        // Search finds what was loaded. The postings' sets made in memory during the load
        // are those a rebuild from the items' words makes, and a word's count is its items'.
        let query = Query::parse("lawyers villages តុលាការ");
        let sets = |db: DatabaseConnection| {
            let terms = query.terms();
            async move { search_postings::load(&db, RECOMMENDATION, &terms).await }
        };
        let loaded = sets(db.clone()).await.unwrap_or_default();
        assert_eq!(loaded.len(), 3, "{:?}: every word is found", app.backend);
        let rebuilt = search_postings::rebuild(&db).await;
        assert!(rebuilt.is_ok(), "{rebuilt:?}");
        assert_eq!(
            sets(db.clone()).await.unwrap_or_default(),
            loaded,
            "{:?}",
            app.backend
        );
        let lawyers = Query::parse("lawyers");
        let found = search_rank::page(&db, RECOMMENDATION, &lawyers, None, None, 20).await;
        // Counted from the items' own words, not the sets.
        let term = lawyers.terms().into_iter().next().unwrap_or_default();
        let rows = search_item::Entity::find()
            .filter(search_item::Column::Kind.eq(RECOMMENDATION))
            .all(&db)
            .await
            .map(|items| {
                items
                    .iter()
                    .filter(|item| {
                        search_postings::words_of(&item.words)
                            .is_ok_and(|words| words.contains_key(&term))
                    })
                    .count() as u64
            });
        match (found, rows) {
            (Ok(found), Ok(rows)) => {
                assert!(rows > 20 && found.total == rows && found.items.len() == 20 && found.more)
            }
            other => panic!("{:?}: {other:?}", app.backend),
        }

        // A second load is refused and changes nothing.
        assert!(seed_scale(&db, SMALL, 8).await.is_err());
        assert_eq!(counts(&db).await, after, "{:?}", app.backend);

        // New rows get ids past the scale set's (PostgreSQL's sequences were moved on).
        let body = match organisation::Entity::find().one(&db).await {
            Ok(Some(o)) => o.id,
            other => panic!("no organisation: {other:?}"),
        };
        let facilitator = sign_in_as(app, Role::Facilitator, None).await;
        let id = new_recommendation(&facilitator, app, "AS-1", "ក្រោយ", &[body], true).await;
        assert!(
            id > 1_200,
            "{:?}: new recommendation got id {id}",
            app.backend
        );

        // With a dozen organisations, the summary lists each service's ten largest and links
        // to the page of that service, which lists them all.
        let summary = get(app, "/en/services").await;
        assert_eq!(summary.status, 200);
        assert!(
            summary
                .body
                .contains("href=\"/en/services?service=shelter\""),
            "{:?}: no link to the page of one service",
            app.backend
        );
        let listed: usize = summary
            .body
            .split("See all ")
            .nth(1)
            .and_then(|rest| rest.split(' ').next())
            .and_then(|n| n.parse().ok())
            .unwrap_or(0);
        assert!(listed > 10, "{:?}: {listed} organisations", app.backend);
        let shelter = get(app, "/en/services?service=shelter").await;
        assert_eq!(shelter.status, 200);
        assert!(shelter.body.contains("All services"));
        assert_eq!(
            shelter.body.matches("class=\"card service-group\"").count(),
            1,
            "{:?}: one service only",
            app.backend
        );
        // Every organisation's row, besides the provinces'.
        assert!(shelter.body.matches("<th scope=\"row\">").count() >= listed);
        // A report card lists a hundred recommendations a page; the figures count them all.
        let busiest = busiest_organisation(&db).await;
        let card = get(app, &format!("/en/bodies/{busiest}")).await;
        assert_eq!(card.status, 200);
        let listed = |body: &str| body.matches("href=\"/en/recommendations/").count();
        assert_eq!(listed(&card.body), 100, "{:?}", app.backend);
        let pages: u32 = card
            .body
            .split("Page 1 of ")
            .nth(1)
            .and_then(|rest| rest.split('<').next())
            .and_then(|n| n.parse().ok())
            .unwrap_or(0);
        assert!(pages >= 2, "{:?}: {pages} pages", app.backend);
        let last = get(app, &format!("/en/bodies/{busiest}?page={pages}")).await;
        assert_eq!(last.status, 200);
        assert!(listed(&last.body) >= 1 && listed(&last.body) <= 100);
        assert!(last.body.contains("Previous page") && !last.body.contains("rel=\"next\""));
        for bad in [format!("{}", pages + 1), "0".into(), "two".into()] {
            let page = get(app, &format!("/km/bodies/{busiest}?page={bad}")).await;
            assert_eq!(page.status, 404, "{:?}: page {bad}", app.backend);
            assert!(page.body.contains(&i18n::t(Lang::Km, "error-not-found")));
        }

        // The whole tracker as CSV, written in rounds of a thousand (at national scale one
        // statement cannot bind every id): one row per public recommendation, each once.
        let csv = get(app, "/en/recommendations.csv").await;
        assert_eq!(csv.status, 200, "{:?}", app.backend);
        let public = recommendation::Entity::find()
            .filter(app::ssr::store::tracker::public())
            .count(&db)
            .await
            .unwrap_or_default();
        let mut reader =
            csv::Reader::from_reader(csv.body.trim_start_matches('\u{feff}').as_bytes());
        let references: Vec<String> = reader
            .records()
            .filter_map(Result::ok)
            .filter_map(|r| r.get(0).map(str::to_string))
            .collect();
        let distinct: std::collections::HashSet<&String> = references.iter().collect();
        assert!(public > 1_000, "{public}");
        assert_eq!(references.len() as u64, public, "{:?}", app.backend);
        assert_eq!(distinct.len(), references.len());

        let unknown = get(app, "/km/services?service=nonsense").await;
        assert_eq!(unknown.status, 404, "{:?}", app.backend);
        assert!(unknown.body.contains(&i18n::t(Lang::Km, "error-not-found")));

        for path in ["/en/recommendations", "/km/recommendations", "/en/services"] {
            let status = match client().get(app.url(path)).send().await {
                Ok(r) => r.status(),
                Err(e) => panic!("GET {path}: {e}"),
            };
            assert!(
                status.is_success(),
                "{:?}: {path} gave {status}",
                app.backend
            );
        }
    }
}

/// The organisation the most recommendations are addressed to.
async fn busiest_organisation(db: &DatabaseConnection) -> i32 {
    let row = db
        .query_one_raw(Statement::from_string(
            db.get_database_backend(),
            "SELECT organisation_id FROM recommendation_bodies \
             GROUP BY organisation_id ORDER BY COUNT(*) DESC LIMIT 1",
        ))
        .await;
    match row {
        Ok(Some(row)) => row.try_get("", "organisation_id").unwrap_or_default(),
        other => panic!("no addressed organisation: {other:?}"),
    }
}
