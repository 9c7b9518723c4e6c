//! Report cards per organisation, the tracker's year and body filters, and a print stylesheet.
use app::{domain::role::Role, ssr::entities::organisation};
use chrono::Datelike;
use reqwest::StatusCode;
use sea_orm::{ActiveModelTrait, ActiveValue::Set};
use tests::{TestApp, apps, built_file, client, session::sign_in_as, tracker::new_recommendation};

async fn page(app: &TestApp, path: &str) -> (StatusCode, String) {
    match client().get(app.url(path)).send().await {
        Ok(r) => (r.status(), r.text().await.unwrap_or_default()),
        Err(e) => panic!("GET {path}: {e}"),
    }
}

#[tokio::test]
async fn a_report_card_counts_what_an_organisation_did() {
    for app in apps() {
        let db = app.db().await;
        let stamp = chrono::Utc::now().timestamp_micros() % 1_000_000_000;
        let org = organisation::ActiveModel {
            code: Set(format!("rc-{stamp}")),
            name_km: Set(Some("អង្គការសាកល្បង".into())),
            name_en: Set(Some(format!("Report card test {stamp}"))),
            original_lang: Set("en".into()),
            kind: Set(app::domain::org::OrgKind::Ngo),
            is_demo: Set(false),
            created_at: Set(chrono::Utc::now()),
            ..Default::default()
        }
        .insert(&db)
        .await;
        let org = match org {
            Ok(o) => o.id,
            Err(e) => panic!("{e}"),
        };
        let facilitator = sign_in_as(app, Role::Facilitator, None).await;
        let done = new_recommendation(
            &facilitator,
            app,
            &format!("RC{stamp}-1"),
            "មួយ",
            &[org],
            true,
        )
        .await;
        new_recommendation(
            &facilitator,
            app,
            &format!("RC{stamp}-2"),
            "ពីរ",
            &[org],
            true,
        )
        .await;
        new_recommendation(
            &facilitator,
            app,
            &format!("RC{stamp}-3"),
            "បី",
            &[org],
            false,
        )
        .await;
        let official = sign_in_as(app, Role::Official, Some(org)).await;
        for (kind, fields) in [
            (
                "response",
                vec![
                    ("choice", "accepted"),
                    ("original_lang", "en"),
                    ("text_en", "Yes"),
                ],
            ),
            (
                "progress",
                vec![
                    ("choice", "implemented"),
                    ("original_lang", "en"),
                    ("text_en", "Done"),
                ],
            ),
        ] {
            let response = official
                .post(app, &format!("/en/inbox/{done}/{kind}"), &fields)
                .await;
            assert_eq!(response.status(), StatusCode::SEE_OTHER);
        }

        let (status, card) = page(app, &format!("/en/bodies/{org}")).await;
        assert_eq!(status, StatusCode::OK);
        let figure = |label: &str| {
            card.split(&format!("<dt>{label}</dt><dd>"))
                .nth(1)
                .and_then(|rest| rest.split("</dd>").next())
                .unwrap_or_default()
                .to_string()
        };
        assert_eq!(figure("Addressed to it"), "2", "the draft does not count");
        assert_eq!(figure("Answered"), "50%");
        assert_eq!(figure("Usual time to answer"), "0 days");
        assert_eq!(figure("Accepted (fully or in part)"), "1");
        assert_eq!(figure("Implemented"), "1");
        assert_eq!(figure("Overdue"), "0");
        assert!(
            card.contains("<svg") && card.contains("class=\"positions\""),
            "a chart drawn on the server: {card}"
        );
        assert!(
            !card.contains(&format!("RC{stamp}-3")),
            "drafts stay private"
        );
        let (_, km) = page(app, &format!("/km/bodies/{org}")).await;
        assert!(km.contains("<dd>៥០%</dd>"), "Khmer digits");
        assert_eq!(
            page(app, "/en/bodies/999999").await.0,
            StatusCode::NOT_FOUND
        );

        // The tracker filters by body and by year.
        let year = app.clock.today().year();
        let (_, this_year) =
            page(app, &format!("/en/recommendations?body={org}&year={year}")).await;
        assert!(this_year.contains(&format!("RC{stamp}-1")));
        let (_, last_year) = page(
            app,
            &format!("/en/recommendations?body={org}&year={}", year - 1),
        )
        .await;
        assert!(!last_year.contains(&format!("RC{stamp}-1")));
    }
}

#[tokio::test]
async fn pages_print_cleanly() {
    let Some(app) = apps().first() else { return };
    let (status, css) = page(app, &built_file(app, "css").await).await;
    assert_eq!(status, StatusCode::OK);
    let print = css.split("@media print").nth(1).unwrap_or_default();
    assert!(
        print.contains("size: A4") || print.contains("size:A4"),
        "an A4 page"
    );
    assert!(
        print.contains("header.site"),
        "the site header is not printed"
    );
}
