//! Forums of several kinds, in series that meet again and again; who came as counts by group
//! (a few survivors never shown as a number) and the organisations present; minutes in both
//! languages; and a series page saying how each meeting's recommendations fared.
use app::{
    domain::role::Role,
    ssr::entities::{forum, forum_series},
};
use reqwest::StatusCode;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use tests::{TestApp, apps, client, fixtures, location, session::Signed, session::sign_in_as};

async fn public(app: &TestApp, path: &str) -> (StatusCode, String) {
    match client().get(app.url(path)).send().await {
        Ok(r) => (r.status(), r.text().await.unwrap_or_default()),
        Err(e) => panic!("GET {path}: {e}"),
    }
}

/// Saves a forum from these fields; its id, or the address it was sent back to.
async fn save(facilitator: &Signed, app: &TestApp, fields: &[(&str, &str)]) -> Result<i32, String> {
    let saved = facilitator.post(app, "/en/curate/forums/new", fields).await;
    let to = location(&saved);
    to.trim_start_matches("/en/curate/forums/")
        .strip_suffix("?saved=1")
        .and_then(|id| id.parse().ok())
        .ok_or(to)
}

#[tokio::test]
async fn forums_have_kinds_series_attendance_and_minutes() {
    for app in apps() {
        let db = app.db().await;
        let (moj, mosvy) = (
            fixtures::org_id(&db, "moj").await.to_string(),
            fixtures::org_id(&db, "mosvy").await.to_string(),
        );
        let facilitator = sign_in_as(app, Role::Facilitator, None).await;
        let stamp = chrono::Utc::now().timestamp_micros() % 1_000_000;
        let series_name = format!("Quarterly council {stamp}");
        let first = save(
            &facilitator,
            app,
            &[
                ("kind", "council_meeting"),
                ("new_series", series_name.as_str()),
                ("title_en", "Council, first quarter"),
                ("original_lang", "en"),
                ("province", "phnom-penh"),
                ("starts_on", "2026-03-02"),
                ("participants", "9"),
                ("survivors_present", "3"),
                ("government_present", "4"),
                ("ngos_present", "2"),
                ("donors_present", ""),
                ("organisations", moj.as_str()),
                ("organisations", mosvy.as_str()),
                ("minutes_en", "Agreed: <b>a hotline</b> =SUM(A1)"),
                ("minutes_km", "បានព្រមព្រៀង"),
            ],
        )
        .await
        .unwrap_or_else(|to| panic!("{:?}: {to}", app.backend));
        let series_id = match forum::Entity::find_by_id(first).one(&db).await {
            Ok(Some(f)) => f.series_id.unwrap_or_else(|| panic!("no series")),
            other => panic!("{other:?}"),
        };
        let named = forum_series::Entity::find()
            .filter(forum_series::Column::NameEn.eq(series_name.as_str()))
            .all(&db)
            .await
            .map(|s| s.len());
        assert_eq!(named.ok(), Some(1), "one series made");
        let series_field = series_id.to_string();
        let second = save(
            &facilitator,
            app,
            &[
                ("kind", "council_meeting"),
                ("series", series_field.as_str()),
                ("title_en", "Council, second quarter"),
                ("original_lang", "en"),
                ("province", "phnom-penh"),
                ("starts_on", "2026-06-01"),
                ("survivors_present", "12"),
            ],
        )
        .await
        .unwrap_or_else(|to| panic!("{to}"));
        // Nothing of a series shows while its meetings are drafts.
        let series_page = format!("/en/series/{series_id}");
        assert_eq!(public(app, &series_page).await.0, StatusCode::NOT_FOUND);
        for id in [first, second] {
            facilitator
                .post(
                    app,
                    &format!("/en/curate/forums/{id}/publication"),
                    &[("publish", "true")],
                )
                .await;
        }

        let (_, page) = public(app, &format!("/en/forums/{first}")).await;
        assert!(
            page.contains("Advisory council meeting"),
            "{:?}",
            app.backend
        );
        assert!(page.contains(&format!("href=\"/en/series/{series_id}\"")));
        assert!(
            page.contains("Survivors: fewer than 5"),
            "three survivors are not shown as 3"
        );
        assert!(
            !page.contains("9 participants"),
            "nor is the total that would give them back"
        );
        assert!(page.contains("Government: 4") && page.contains("NGOs: 2"));
        assert!(!page.contains("Donors:"), "unknown is not shown as zero");
        assert!(page.contains("Organisations present: "));
        assert!(
            page.contains("Agreed: &lt;b&gt;a hotline&lt;/b&gt; =SUM(A1)"),
            "minutes, escaped"
        );
        let (_, many) = public(app, &format!("/en/forums/{second}")).await;
        assert!(many.contains("Survivors: 12"));
        let (_, khmer) = public(app, &format!("/km/forums/{first}")).await;
        assert!(khmer.contains("ស៊េរី៖") && khmer.contains("កិច្ចប្រជុំក្រុមប្រឹក្សាយោបល់"));

        // The series: both meetings, newest first.
        let (status, series) = public(app, &series_page).await;
        assert_eq!(status, StatusCode::OK);
        let (one, two) = (
            series.find("Council, first quarter").unwrap_or(usize::MAX),
            series.find("Council, second quarter").unwrap_or(usize::MAX),
        );
        assert!(two < one && one < usize::MAX, "newest first");
        let (_, list) = public(app, "/en/forums").await;
        assert!(list.contains(&format!("href=\"/en/series/{series_id}\"")));
        assert_eq!(
            public(app, "/en/series/99999999").await.0,
            StatusCode::NOT_FOUND
        );

        // The editor shows what was saved.
        let (_, editor) = facilitator
            .get(app, &format!("/en/curate/forums/{first}"))
            .await;
        assert!(
            editor.contains(&format!(
                "id=\"present-{moj}\" name=\"organisations\" value=\"{moj}\" checked"
            )),
            "{:?}",
            app.backend
        );
    }
}

#[tokio::test]
async fn a_refused_forum_says_why_and_keeps_what_was_typed() {
    for app in apps() {
        let facilitator = sign_in_as(app, Role::Facilitator, None).await;
        for (field, value, problem) in [
            ("kind", "party", "kind"),
            ("series", "99999999", "series"),
            ("survivors_present", "-4", "survivors_present"),
            ("organisations", "99999999", "series"),
        ] {
            let mut fields = vec![
                ("title_en", "Refused forum"),
                ("original_lang", "en"),
                ("province", "kampot"),
                ("starts_on", "2026-03-02"),
                ("minutes_en", "Kept minutes"),
            ];
            fields.push((field, value));
            let to = save(&facilitator, app, &fields)
                .await
                .err()
                .unwrap_or_default();
            assert!(to.ends_with("error=1"), "{field}: {to}");
            let (_, page) = facilitator.get(app, &to).await;
            assert!(page.contains("Kept minutes"), "{field}: the text is kept");
            assert!(
                page.contains(&format!("href=\"#{problem}\"")),
                "{field}: names its field"
            );
        }
    }
}
