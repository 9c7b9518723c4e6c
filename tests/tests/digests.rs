//! Facilitators are told by email what waits in moderation, as often as they chose: counts
//! only, never a survivor's words; the same list is not sent twice; on every backend.
use app::{
    domain::{khmer::CAMBODIA, role::Role},
    ssr::{digests, mail::Outbox},
};
use chrono::{TimeDelta, Timelike};
use reqwest::StatusCode;
use tests::{
    TestApp, isolated_apps, location,
    session::{Signed, sign_in_as},
    survivor::submit_feedback,
    tracker::{mail_text, outbox},
};

async fn sweep(app: &TestApp) -> usize {
    let outbox = Outbox::new(
        None,
        app.outbox.clone(),
        "Samleng <samleng@localhost>",
        "http://127.0.0.1:3000",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    digests::sweep(&app.db().await, &app.clock, &outbox)
        .await
        .unwrap_or_else(|e| panic!("{:?}: {e}", app.backend))
}

async fn mails_to(app: &TestApp, who: &Signed) -> Vec<String> {
    outbox(app, 0)
        .await
        .into_iter()
        .filter(|eml| eml.contains(&format!("To: {}", who.email)))
        .map(|eml| mail_text(&eml))
        .collect()
}

async fn choose(app: &TestApp, who: &Signed, every: &str) -> String {
    location(
        &who.post(app, "/en/account/digest", &[("every", every)])
            .await,
    )
}

#[tokio::test]
async fn facilitators_hear_what_waits_as_often_as_they_chose_and_never_the_words() {
    // Moves the clock, and counts every facilitator's mail: servers of its own.
    for app in &isolated_apps() {
        let daily = sign_in_as(app, Role::Facilitator, None).await;
        let hourly = sign_in_as(app, Role::Facilitator, None).await;
        let never = sign_in_as(app, Role::Facilitator, None).await;
        let (_, page) = daily.get(app, "/km/account").await;
        assert!(page.contains("id=\"digest\""), "{:?}", app.backend);
        assert!(
            page.contains("value=\"daily\" checked"),
            "daily unless changed"
        );
        assert_eq!(
            choose(app, &hourly, "hourly").await,
            "/en/account?digest=saved#digest"
        );
        choose(app, &never, "off").await;
        let (_, page) = hourly.get(app, "/en/account").await;
        assert!(page.contains("value=\"hourly\" checked"), "saved");
        assert!(
            choose(app, &never, "=HYPERLINK(1)")
                .await
                .contains("error=state")
        );
        // An official has no moderation to hear about.
        let official = sign_in_as(app, Role::Official, None).await;
        let (_, page) = official.get(app, "/en/account").await;
        assert!(!page.contains("id=\"digest\""));
        let refused = official
            .post(app, "/en/account/digest", &[("every", "hourly")])
            .await;
        assert_eq!(refused.status(), StatusCode::FORBIDDEN);

        // Nothing waits: nothing is sent.
        assert_eq!(sweep(app).await, 0, "{:?}", app.backend);
        let words = "Digestwords the staff were kind to me";
        assert!(submit_feedback(app, words).await.is_some());
        // Whatever the hour: the daily person's day was spent by the first look after the
        // morning hour (or is not due yet), so what arrives later waits for tomorrow's email,
        // whose time then tells nothing of when a survivor wrote.
        let first = sweep(app).await;
        assert_eq!(first, 1, "{:?}", app.backend);
        assert!(mails_to(app, &daily).await.is_empty(), "{:?}", app.backend);
        let told = mails_to(app, &hourly).await;
        assert_eq!(told.len(), 1);
        assert!(told[0].contains("1 feedback"), "{}", told[0]);
        assert!(told[0].contains("http://127.0.0.1:3000/en/moderation"));
        assert!(told[0].contains("១"), "Khmer first, Khmer digits");
        assert!(!told[0].contains("Digestwords"), "never a survivor's words");
        assert!(mails_to(app, &never).await.is_empty());

        // The same list is not sent twice.
        assert_eq!(sweep(app).await, 0, "{:?}", app.backend);

        // The next morning, with something new: the daily one hears too, once.
        let local = app.clock.now() + CAMBODIA;
        let to_nine = TimeDelta::hours(24 + 9 - i64::from(local.hour()));
        app.clock.advance(to_nine);
        assert!(submit_feedback(app, "Digestwords again").await.is_some());
        assert_eq!(sweep(app).await, 2, "{:?}", app.backend);
        assert_eq!(mails_to(app, &daily).await.len(), 1);
        let latest = mails_to(app, &hourly).await;
        assert_eq!(latest.len(), 2);
        assert!(
            latest.iter().any(|m| m.contains("2 feedback")),
            "{latest:?}"
        );
        assert_eq!(sweep(app).await, 0);
        assert!(mails_to(app, &never).await.is_empty());
    }
}
