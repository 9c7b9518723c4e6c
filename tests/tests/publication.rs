//! Nothing identifying slips out: the publication gate asks about every flagged part before
//! anything is published, and public figures move only in steps of K answers, so no two
//! snapshots tell one survivor's answers apart.
use app::{
    domain::role::Role,
    ssr::entities::{audit_event, feedback},
};
use reqwest::StatusCode;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use tests::{
    TestApp, apps, isolated_apps, location,
    session::sign_in_as,
    survivor::{self, feedback_fields, flags_on},
};

async fn feedback_by_text(app: &TestApp, text: &str) -> feedback::Model {
    tests::sealed::feedback_with_text(app, text).await
}

#[tokio::test]
async fn publishing_waits_until_every_flagged_part_is_hidden_or_kept() {
    for app in apps() {
        let text = "Please call Dara on 012 345 678, the shelter in Battambang was good.";
        let mut fields = feedback_fields(text);
        fields.retain(|(k, _)| *k != "text");
        fields.push(("text", text));
        let sent = survivor::post(app, "/en/feedback", &fields, &[]).await;
        assert_eq!(sent.status, StatusCode::OK);
        let item = feedback_by_text(app, text).await;
        let facilitator = sign_in_as(app, Role::Facilitator, None).await;
        let path = format!("/en/moderation/feedback/{}", item.id);

        // One click cannot publish it: the server refuses, whatever the page showed.
        let form = [("csrf", facilitator.csrf.as_str()), ("state", "published")];
        let refused = facilitator.post(app, &format!("{path}/state"), &form).await;
        assert!(
            location(&refused).contains("error=flags"),
            "{}",
            location(&refused)
        );
        assert_eq!(feedback_by_text(app, text).await.text_redacted, None);

        let (_, page) = facilitator.get(app, &format!("{path}?error=flags")).await;
        assert!(page.contains("id=\"gate\""), "the gate is shown");
        assert!(page.contains("some flagged parts still need a decision"));
        let flags = flags_on(&page);
        assert_eq!(flags, vec!["Dara", "012 345 678", "Battambang"]);

        // Every part needs a decision.
        let partial = [
            ("csrf", facilitator.csrf.as_str()),
            ("flag-0", "Dara"),
            ("decide-0", "hide"),
            ("flag-1", "012 345 678"),
            ("publish", "1"),
        ];
        let again = facilitator
            .post(app, &format!("{path}/flags"), &partial)
            .await;
        assert!(location(&again).contains("error=flags-choose"));
        assert_eq!(
            feedback_by_text(app, text).await.moderation_state.code(),
            "new"
        );

        let decided = [
            ("csrf", facilitator.csrf.as_str()),
            ("flag-0", "Dara"),
            ("decide-0", "hide"),
            ("flag-1", "012 345 678"),
            ("decide-1", "hide"),
            ("flag-2", "Battambang"),
            ("decide-2", "keep"),
            ("publish", "1"),
        ];
        let published = facilitator
            .post(app, &format!("{path}/flags"), &decided)
            .await;
        assert!(
            location(&published).contains("done=state"),
            "{}",
            location(&published)
        );
        let after = feedback_by_text(app, text).await;
        assert_eq!(after.moderation_state.code(), "published");
        assert_eq!(
            after.text_redacted.as_deref(),
            Some("Please call […] on […], the shelter in Battambang was good.")
        );
        assert_eq!(
            after.text_original.as_deref(),
            Some(text),
            "the original is kept"
        );

        // The audit counts the decisions and never holds the words.
        let db = app.db().await;
        let audits = audit_event::Entity::find()
            .filter(audit_event::Column::ObjectId.eq(item.id.to_string()))
            .all(&db)
            .await
            .unwrap_or_default();
        assert!(
            audits
                .iter()
                .any(|a| a.action == "state_published"
                    && a.detail.as_deref() == Some("hidden 2 kept 1")),
            "{audits:?}"
        );
        assert!(audits.iter().all(|a| !format!("{a:?}").contains("Dara")));
    }
}

/// The services summary as a visitor reads it once survivors' answers have had time to show:
/// its main part (the head carries a nonce that differs on every response).
async fn summary(app: &TestApp) -> String {
    let body = survivor::get_settled(app, "/en/services").await.body;
    let main = body.split("<main").nth(1).unwrap_or_default();
    main.split("</main>").next().unwrap_or_default().to_string()
}

/// `n` answers about legal aid in Kep, each a complete form.
async fn give(app: &TestApp, n: usize) {
    for _ in 0..n {
        let mut fields = feedback_fields("");
        fields.retain(|(k, _)| !["service", "province"].contains(k));
        fields.push(("service", "legal-aid"));
        fields.push(("province", "kep"));
        let sent = survivor::post(app, "/en/feedback", &fields, &[]).await;
        assert_eq!(sent.status, StatusCode::OK, "{}", sent.body);
    }
}

#[tokio::test]
async fn one_more_answer_does_not_move_any_public_figure_and_k_more_do() {
    for app in isolated_apps() {
        give(&app, 5).await;
        let before = summary(&app).await;
        give(&app, 1).await;
        assert_eq!(
            summary(&app).await,
            before,
            "one answer moved a public figure"
        );
        give(&app, 3).await;
        assert_eq!(
            summary(&app).await,
            before,
            "four answers moved a public figure"
        );
        give(&app, 1).await;
        assert_ne!(
            summary(&app).await,
            before,
            "K answers are released together"
        );
    }
}

/// The one-time token on a freshly shown survivor form.
async fn token_on(app: &TestApp, path: &str) -> String {
    let page = survivor::get(app, path).await.body;
    page.split("name=\"once\" value=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap_or_default()
        .to_string()
}

const IDEA: &str = "Teach every school about fake job offers abroad.";

#[tokio::test]
async fn the_same_form_sent_twice_is_stored_once() {
    for app in apps() {
        let token = token_on(app, "/en/feedback").await;
        assert_eq!(token.len(), 32, "the form carries a one-time token");
        let text = format!("Sent twice {token}");
        let mut fields: Vec<(&str, &str)> = feedback_fields("");
        fields.retain(|(k, _)| *k != "text");
        fields.push(("text", text.as_str()));
        fields.push(("once", token.as_str()));
        let first = survivor::post(app, "/en/feedback", &fields, &[]).await;
        assert!(
            first.body.contains("id=\"receipt-code\""),
            "saved the first time"
        );
        let again = survivor::post(app, "/en/feedback", &fields, &[]).await;
        assert_eq!(again.status, StatusCode::OK);
        assert!(
            again.body.contains("We already have this"),
            "{}",
            again.body
        );
        assert!(
            !again.body.contains("id=\"receipt-code\""),
            "no second code"
        );
        let db = app.db().await;
        let sealer = tests::sealed::sealer(app);
        let copies = feedback::Entity::find()
            .all(&db)
            .await
            .unwrap_or_default()
            .into_iter()
            .filter(|f| {
                sealer.open_or_log(f.text_original.as_deref()).as_deref() == Some(text.as_str())
            })
            .count();
        assert_eq!(copies, 1, "{:?}: stored twice", app.backend);

        // A refused form keeps its token, and the corrected one is saved.
        let token = token_on(app, "/km/propose").await;
        let refused = survivor::post(
            app,
            "/km/propose",
            &[("theme", ""), ("text", IDEA), ("once", token.as_str())],
            &[],
        )
        .await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            refused.body.contains(&token),
            "the token comes back with the form"
        );
        let saved = survivor::post(
            app,
            "/km/propose",
            &[
                ("theme", "protection"),
                ("text", IDEA),
                ("once", token.as_str()),
            ],
            &[],
        )
        .await;
        assert!(saved.body.contains("id=\"receipt-code\""), "{}", saved.body);
    }
}

#[tokio::test]
async fn text_nobody_can_see_is_refused_with_a_message() {
    for app in apps() {
        let invisible = "\u{200b}".repeat(12);
        let piled = format!("ក{}", "\u{17cb}".repeat(20_000));
        for (text, message) in [
            (invisible.as_str(), "We cannot see any words here"),
            (piled.as_str(), "Some letters carry too many marks"),
        ] {
            let mut fields = feedback_fields("");
            fields.retain(|(k, _)| *k != "text");
            fields.push(("text", text));
            let page = survivor::post(app, "/en/feedback", &fields, &[]).await;
            assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
            assert!(page.body.contains(message), "{message}");
        }
    }
}

#[tokio::test]
async fn the_receipt_shows_the_published_copy_and_what_a_proposal_became() {
    for app in apps() {
        let idea = format!(
            "Every province needs a shelter for boys, call Dara {}",
            chrono::Utc::now().timestamp_micros()
        );
        let page = survivor::post(
            app,
            "/en/propose",
            &[("theme", "protection"), ("text", idea.as_str())],
            &[],
        )
        .await;
        let code = survivor::latin_digits(&survivor::shown_code(&page.body));
        let proposal = tests::sealed::proposal_with_text(app, &idea).await;
        let facilitator = sign_in_as(app, Role::Facilitator, None).await;
        let base = format!("/en/moderation/proposal/{}", proposal.id);
        let csrf = facilitator.csrf.clone();
        // Hide the name (the gate's flags), publish, and make it a draft recommendation.
        let (_, item) = facilitator.get(app, &base).await;
        let flags = flags_on(&item);
        let mut decided: Vec<(String, String)> = vec![("csrf".into(), csrf.clone())];
        for (n, flag) in flags.iter().enumerate() {
            decided.push((format!("flag-{n}"), flag.clone()));
            decided.push((format!("decide-{n}"), "hide".into()));
        }
        decided.push(("publish".into(), "1".into()));
        let pairs: Vec<(&str, &str)> = decided
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        let published = facilitator
            .post(app, &format!("{base}/flags"), &pairs)
            .await;
        assert!(
            location(&published).contains("done=state"),
            "{}",
            location(&published)
        );
        let promoted = facilitator
            .post(app, &format!("{base}/promote"), &[("csrf", csrf.as_str())])
            .await;
        assert!(
            location(&promoted).contains("done=promoted"),
            "{}",
            location(&promoted)
        );
        let db = app.db().await;
        let Ok(Some(p)) = app::ssr::entities::proposal::Entity::find_by_id(proposal.id)
            .one(&db)
            .await
        else {
            panic!("proposal gone");
        };
        let rec_id = p
            .recommendation_id
            .unwrap_or_else(|| panic!("no recommendation"));
        let Ok(Some(rec)) = app::ssr::entities::recommendation::Entity::find_by_id(rec_id)
            .one(&db)
            .await
        else {
            panic!("recommendation gone");
        };

        // A draft is not shown to the survivor yet.
        let thread = survivor::post(app, "/en/receipt", &[("code", &code)], &[]).await;
        assert!(
            thread.body.contains("What others can read"),
            "the published copy is shown"
        );
        assert!(thread.body.contains("call […]"), "{}", thread.body);
        assert!(
            !thread.body.contains(&rec.reference),
            "a draft is not shown"
        );

        // Addressed, published, answered.
        let moj = tests::fixtures::org_id(&db, "moj").await;
        let moj_text = moj.to_string();
        let edit = [
            ("csrf", csrf.as_str()),
            ("reference", rec.reference.as_str()),
            ("forum", ""),
            ("theme", "protection"),
            ("original_lang", "en"),
            ("title_km", ""),
            (
                "title_en",
                rec.title_en.as_deref().unwrap_or("A shelter for boys"),
            ),
            ("body_km", ""),
            (
                "body_en",
                rec.body_en.as_deref().unwrap_or("A shelter for boys"),
            ),
            ("translation_state", "missing"),
            ("bodies", moj_text.as_str()),
        ];
        let edited = facilitator
            .post(app, &format!("/en/curate/recommendations/{rec_id}"), &edit)
            .await;
        assert!(
            location(&edited).contains("saved=1"),
            "{}",
            location(&edited)
        );
        let made_public = facilitator
            .post(
                app,
                &format!("/en/curate/recommendations/{rec_id}/publish"),
                &[("csrf", csrf.as_str())],
            )
            .await;
        assert_eq!(made_public.status(), StatusCode::SEE_OTHER);
        let official = sign_in_as(app, Role::Official, Some(moj)).await;
        let answered = official
            .post(
                app,
                &format!("/en/inbox/{rec_id}/response"),
                &[
                    ("choice", "accepted"),
                    ("original_lang", "en"),
                    ("text_en", "We will."),
                ],
            )
            .await;
        assert!(
            location(&answered).ends_with("saved=response"),
            "{}",
            location(&answered)
        );

        let thread = survivor::post(app, "/en/receipt", &[("code", &code)], &[]).await;
        assert!(
            thread.body.contains("What your idea became"),
            "{}",
            thread.body
        );
        assert!(
            thread
                .body
                .contains(&format!("href=\"/en/recommendations/{rec_id}\""))
        );
        assert!(thread.body.contains(&rec.reference));
        assert!(thread.body.contains("Ministry of Justice") && thread.body.contains("Accepted"));
    }
}

#[tokio::test]
async fn each_missing_answer_is_named_by_its_question() {
    for app in apps() {
        let mut fields = feedback_fields("");
        fields.retain(|(k, _)| !["q-respect", "q-safe"].contains(k));
        let page = survivor::post(app, "/en/feedback", &fields, &[]).await;
        assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
        let summary = page
            .body
            .split("class=\"problems\"")
            .nth(1)
            .unwrap_or_default();
        assert!(
            summary.contains("Did they treat you with respect? Please choose an answer"),
            "{summary}"
        );
        assert!(summary.contains("Did you feel safe? Please choose an answer"));
    }
}

/// A feedback form sent through a venue link (or none): its status.
async fn send_at_venue(app: &TestApp, venue: &str) -> StatusCode {
    let mut fields = feedback_fields("");
    fields.push(("venue", venue));
    survivor::post(app, "/en/feedback", &fields, &[])
        .await
        .status
}

#[tokio::test]
async fn a_venue_link_lifts_the_address_limit_for_its_hours_and_count_only() {
    use app::ssr::anonymous_gate::AnonymousLimits;
    let limits = AnonymousLimits {
        submissions_per_address_hour: 2,
        lookups_per_address_hour: 100,
        global_per_minute: 1000,
    };
    for app in &tests::apps_with_limits(limits) {
        let facilitator = sign_in_as(app, Role::Facilitator, None).await;
        let form = [
            ("csrf", facilitator.csrf.as_str()),
            ("label", "Forum day, Siem Reap"),
            ("hours", "10"),
            ("submissions", "5"),
        ];
        let opened = facilitator.post(app, "/en/venues", &form).await;
        assert_eq!(location(&opened), "/en/venues?opened=1");
        let (_, page) = facilitator.get(app, "/en/venues?opened=1").await;
        let token = page
            .split("/en/feedback?venue=")
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .unwrap_or_else(|| panic!("no venue link shown"))
            .to_string();
        assert_eq!(token.len(), 32);
        let (_, again) = facilitator.get(app, "/en/venues").await;
        assert!(!again.contains(&token), "the link is shown once");
        let form_page = survivor::get(app, &format!("/en/feedback?venue={token}")).await;
        assert!(
            form_page
                .body
                .contains(&format!("name=\"venue\" value=\"{token}\""))
        );

        // Five from one address through the link, where the address alone may send two.
        for n in 0..5 {
            assert_eq!(
                send_at_venue(app, &token).await,
                StatusCode::OK,
                "venue {n}"
            );
        }
        // Used up: the address's own two, then held back.
        assert_eq!(send_at_venue(app, &token).await, StatusCode::OK);
        assert_eq!(send_at_venue(app, &token).await, StatusCode::OK);
        assert_eq!(
            send_at_venue(app, &token).await,
            StatusCode::TOO_MANY_REQUESTS
        );

        // A second link, closed early, lifts nothing.
        let second = facilitator.post(app, "/en/venues", &form).await;
        assert_eq!(location(&second), "/en/venues?opened=1");
        let (_, shown) = facilitator.get(app, "/en/venues?opened=1").await;
        let second_token = shown
            .split("/en/feedback?venue=")
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .unwrap_or_else(|| panic!("no second link shown"))
            .to_string();
        // The newest link is listed first, with its close button.
        let close = shown
            .split("action=\"/en/venues/")
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .map(|rest| format!("/en/venues/{rest}"))
            .unwrap_or_else(|| panic!("no close button"));
        let closed = facilitator
            .post(app, &close, &[("csrf", facilitator.csrf.as_str())])
            .await;
        assert_eq!(location(&closed), "/en/venues?closed=1");
        assert_eq!(
            send_at_venue(app, &second_token).await,
            StatusCode::TOO_MANY_REQUESTS
        );

        // Nothing about who used it is kept: the token is stored only as a hash.
        let dump = tests::survivor::dump_database(app).await;
        assert!(!dump.contains(&token), "a venue token stored in clear");
        assert!(dump.contains("venue_links: ") && dump.contains("Forum day, Siem Reap"));
    }
}
