//! Following recommendations with a receipt code: from a recommendation's page, then the
//! receipt page lists what its bodies said since her last visit; the list is sealed.
use app::{domain::role::Role, ssr::entities::thread};
use chrono::TimeDelta;
use reqwest::StatusCode;
use sea_orm::EntityTrait;
use tests::{
    fixtures, isolated_apps,
    session::sign_in_as,
    survivor::{feedback_fields, get, latin_digits, post, shown_code},
    tracker::new_recommendation,
};

#[tokio::test]
async fn a_receipt_code_follows_recommendations_and_hears_what_changed() {
    for app in &isolated_apps() {
        let db = app.db().await;
        let moj = fixtures::org_id(&db, "moj").await;
        let facilitator = sign_in_as(app, Role::Facilitator, None).await;
        let stamp = chrono::Utc::now().timestamp_micros() % 1_000_000_000;
        let public = new_recommendation(
            &facilitator,
            app,
            &format!("FW{stamp}-1"),
            "តាមដាន",
            &[moj],
            true,
        )
        .await;
        let draft = new_recommendation(
            &facilitator,
            app,
            &format!("FW{stamp}-2"),
            "ព្រាង",
            &[moj],
            false,
        )
        .await;
        let given = post(app, "/en/feedback", &feedback_fields(""), &[]).await;
        let code = latin_digits(&shown_code(&given.body));

        let page = get(app, &format!("/en/recommendations/{public}")).await;
        assert!(
            page.body.contains("action=\"/en/receipt/follow\""),
            "the page offers it"
        );
        let id = public.to_string();
        let followed = post(
            app,
            "/en/receipt/follow",
            &[("code", &code), ("recommendation", &id)],
            &[],
        )
        .await;
        assert_eq!(followed.status, StatusCode::OK, "{}", followed.body);
        assert!(followed.body.contains("Recommendations you follow"));
        assert!(followed.body.contains(&format!("FW{stamp}-1")));
        assert!(followed.body.contains("Nothing new since your last visit"));

        // Not public, unknown, or a wrong code: refused with a message.
        for bad in [draft.to_string(), "99999999".into(), "x".into()] {
            let refused = post(
                app,
                "/en/receipt/follow",
                &[("code", &code), ("recommendation", &bad)],
                &[],
            )
            .await;
            assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY, "{bad}");
            assert!(refused.body.contains("cannot be followed"));
        }
        let wrong = post(
            app,
            "/en/receipt/follow",
            &[
                ("code", "1234 5678 9012 3456 7890"),
                ("recommendation", &id),
            ],
            &[],
        )
        .await;
        assert_eq!(wrong.status, StatusCode::NOT_FOUND);

        // The list is sealed: the database does not say what she follows.
        let threads = thread::Entity::find().all(&db).await.unwrap_or_default();
        assert!(threads.iter().any(|t| t.follows.is_some()));
        for t in &threads {
            let stored = t.follows.clone().unwrap_or_default();
            // Sealed text is base64, whose digits may spell the id by chance: look for the id
            // as a list would hold it, with a bracket or comma beside it.
            assert!(stored.starts_with("sealed:"), "{stored}");
            let listed = [format!("[{id}"), format!("{id}]"), format!(",{id}")];
            assert!(
                !stored.contains("ids") && !listed.iter().any(|l| stored.contains(l.as_str())),
                "{stored}"
            );
        }

        // The next day the ministry answers; her next visit shows it.
        app.clock.advance(TimeDelta::days(1));
        let official = sign_in_as(app, Role::Official, Some(moj)).await;
        let answered = official
            .post(
                app,
                &format!("/en/inbox/{public}/response"),
                &[
                    ("choice", "accepted"),
                    ("original_lang", "en"),
                    ("text_en", "Yes"),
                ],
            )
            .await;
        assert_eq!(answered.status(), StatusCode::SEE_OTHER);
        let visit = post(app, "/en/receipt", &[("code", &code)], &[]).await;
        assert!(
            visit.body.contains("New since your last visit"),
            "{}",
            visit.body
        );
        assert!(visit.body.contains("Accepted"));
        // Days, never times, are kept: what came on the day of a visit shows again on the
        // next one (never missed), and not after.
        app.clock.advance(TimeDelta::days(1));
        let next_day = post(app, "/en/receipt", &[("code", &code)], &[]).await;
        assert!(next_day.body.contains("Accepted"));
        let later = post(app, "/en/receipt", &[("code", &code)], &[]).await;
        assert!(later.body.contains("Nothing new since your last visit"));
        let km = post(app, "/km/receipt", &[("code", &code)], &[]).await;
        assert!(km.body.contains("អនុសាសន៍ដែលអ្នកតាមដាន"));

        // Stop following.
        let stopped = post(
            app,
            "/en/receipt/follow",
            &[("code", &code), ("recommendation", &id), ("stop", "1")],
            &[],
        )
        .await;
        assert_eq!(stopped.status, StatusCode::OK);
        assert!(!stopped.body.contains("Recommendations you follow"));
    }
}
