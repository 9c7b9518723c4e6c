//! Feedback with a facilitator's help: her page carries a pass that marks the feedback
//! "assisted" and names nobody; the survivor gets the receipt code on a slip; the services
//! summary says how voices came in, under the K rule.
use app::{domain::role::Role, ssr::entities::feedback};
use chrono::TimeDelta;
use reqwest::StatusCode;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use tests::{
    TestApp, apps, isolated_apps,
    session::sign_in_as,
    survivor::{
        feedback_fields, get, get_settled, latin_digits, post, receipt_resolves, shown_code,
    },
};

/// The pass on a facilitator's "Feedback with a survivor" page.
async fn pass(app: &TestApp) -> String {
    let facilitator = sign_in_as(app, Role::Facilitator, None).await;
    let (status, page) = facilitator.get(app, "/en/assisted").await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("Feedback with a survivor"));
    assert!(
        page.contains("action=\"/en/feedback\""),
        "the survivors' own form and route"
    );
    page.split("name=\"assisted\" value=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap_or_else(|| panic!("no pass on the page"))
        .to_string()
}

async fn assisted_rows(app: &TestApp) -> usize {
    feedback::Entity::find()
        .filter(feedback::Column::Channel.eq("assisted"))
        .all(&app.db().await)
        .await
        .unwrap_or_default()
        .len()
}

#[tokio::test]
async fn a_facilitator_enters_feedback_with_a_survivor_and_nothing_names_her() {
    for app in apps() {
        let pass = pass(app).await;
        let official = sign_in_as(app, Role::Official, Some(1)).await;
        let (status, page) = official.get(app, "/en/assisted").await;
        assert!(
            status != StatusCode::OK || !page.contains("name=\"assisted\""),
            "officials get no pass"
        );

        let before = assisted_rows(app).await;
        let mut fields = feedback_fields("The shelter staff listened to me.");
        fields.push(("assisted", pass.as_str()));
        let sent = post(app, "/en/feedback", &fields, &[]).await;
        assert_eq!(sent.status, StatusCode::OK, "{}", sent.body);
        assert!(sent.body.contains("class=\"slip\""), "the code on a slip");
        let code = latin_digits(&shown_code(&sent.body));
        assert!(
            receipt_resolves(app, &code).await,
            "she reads replies with it"
        );
        assert_eq!(assisted_rows(app).await, before + 1);

        // A pass that was made up (or altered) saves nothing and keeps every answer.
        let mut forged = feedback_fields("Forged pass words");
        forged.push(("assisted", "99999999999.00ff"));
        let refused = post(app, "/en/feedback", &forged, &[]).await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(refused.body.contains("has expired"));
        assert!(refused.body.contains("Forged pass words"));
        assert!(
            !refused.body.contains("name=\"assisted\""),
            "sent again, it is her own"
        );
        assert_eq!(assisted_rows(app).await, before + 1);
    }
}

#[tokio::test]
async fn a_pass_lasts_twelve_hours_and_the_summary_says_how_voices_came_in() {
    for app in &isolated_apps() {
        let k = app::ssr::settings::anonymity_threshold(&app.db().await)
            .await
            .unwrap_or(5) as usize;
        let pass = pass(app).await;
        let summary = get(app, "/en/services").await;
        assert!(!summary.body.contains("facilitator"), "none helped yet");
        // K - 1 helped: not shown alone.
        for n in 0..k - 1 {
            let mut fields = feedback_fields("");
            fields.push(("assisted", pass.as_str()));
            let sent = post(app, "/en/feedback", &fields, &[]).await;
            assert_eq!(sent.status, StatusCode::OK, "{n}");
        }
        let summary = get_settled(app, "/en/services").await;
        assert!(
            !summary.body.contains("With a facilitator"),
            "K - 1 is not shown"
        );
        // The K-th helped, and K sent by survivors themselves.
        let mut fields = feedback_fields("");
        fields.push(("assisted", pass.as_str()));
        assert_eq!(
            post(app, "/en/feedback", &fields, &[]).await.status,
            StatusCode::OK
        );
        for n in 0..k {
            let sent = post(app, "/en/feedback", &feedback_fields(""), &[]).await;
            assert_eq!(sent.status, StatusCode::OK, "{n}");
        }
        let summary = get_settled(app, "/en/services").await;
        let channels = summary
            .body
            .split("class=\"channels\"")
            .nth(1)
            .and_then(|rest| rest.split("</section>").next())
            .unwrap_or_default()
            .to_string();
        assert!(
            channels.contains("facilitator"),
            "K helped: shown alone: {channels}"
        );
        assert!(channels.contains("themselves"));

        app.clock.advance(TimeDelta::hours(13));
        let mut late = feedback_fields("");
        late.push(("assisted", pass.as_str()));
        let expired = post(app, "/en/feedback", &late, &[]).await;
        assert_eq!(expired.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(assisted_rows(app).await, k, "nothing saved after 12 hours");
    }
}
