//! Facilitators moderate anonymous feedback and proposals; officials and the public see only
//! published, redacted copies, and only for groups of at least K people.
use app::{
    domain::role::Role,
    ssr::entities::{audit_event, feedback, proposal, recommendation},
};
use reqwest::StatusCode;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use tests::{
    TestApp, apps, fixtures, isolated_apps,
    session::{Signed, sign_in_as},
    survivor::{feedback_fields, latin_digits, post, shown_code},
    tallies::{people, recounted, running},
};

/// Gives feedback as a survivor would; returns the receipt code's digits.
async fn give_feedback(app: &TestApp, fields: &[(&str, &str)]) -> String {
    let page = post(app, "/en/feedback", fields, &[]).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    latin_digits(&shown_code(&page.body))
}

async fn feedback_by_text(app: &TestApp, text: &str) -> feedback::Model {
    tests::sealed::feedback_with_text(app, text).await
}

async fn act(
    signed: &Signed,
    app: &TestApp,
    path: &str,
    fields: &[(&str, &str)],
) -> reqwest::Response {
    let mut form: Vec<(&str, &str)> = vec![("csrf", signed.csrf.as_str())];
    form.extend_from_slice(fields);
    match signed.http.post(app.url(path)).form(&form).send().await {
        Ok(r) => r,
        Err(e) => panic!("POST {path}: {e}"),
    }
}

async fn text_of(signed: &Signed, app: &TestApp, path: &str) -> (StatusCode, String) {
    match signed.http.get(app.url(path)).send().await {
        Ok(r) => (r.status(), r.text().await.unwrap_or_default()),
        Err(e) => panic!("GET {path}: {e}"),
    }
}

#[tokio::test]
async fn a_facilitator_redacts_translates_publishes_and_answers_the_survivor() {
    for app in apps() {
        let text = "My name is Sokha, call me on 012 345 678. The shelter in Kampot was safe.";
        let mut fields = feedback_fields(text);
        fields.retain(|(k, _)| *k != "text");
        fields.push(("text", text));
        let code = give_feedback(app, &fields).await;
        let item = feedback_by_text(app, text).await;
        let facilitator = sign_in_as(app, Role::Facilitator, None).await;

        let (status, queue) = text_of(&facilitator, app, "/en/moderation").await;
        assert_eq!(status, StatusCode::OK);
        let path = format!("/en/moderation/feedback/{}", item.id);
        assert!(queue.contains(&path), "the queue links to the item");
        let (_, page) = text_of(&facilitator, app, &path).await;
        assert!(page.contains(text), "the facilitator reads the original");
        for suggested in [
            "value=\"Sokha\"",
            "value=\"012 345 678\"",
            "value=\"Kampot\"",
        ] {
            assert!(page.contains(suggested), "{suggested} is suggested");
        }

        let done = act(
            &facilitator,
            app,
            &format!("{path}/redact"),
            &[
                ("part", "Sokha"),
                ("part", "012 345 678"),
                ("other", "Kampot"),
            ],
        )
        .await;
        assert_eq!(done.status(), StatusCode::SEE_OTHER);
        let after = feedback_by_text(app, text).await;
        assert_eq!(
            after.text_original.as_deref(),
            Some(text),
            "the original is kept"
        );
        assert_eq!(
            after.text_redacted.as_deref(),
            Some("My name is […], call me on […]. The shelter in […] was safe.")
        );
        assert_eq!(after.moderation_state.code(), "reviewing");

        act(
            &facilitator,
            app,
            &format!("{path}/translate"),
            &[("translated", "ខ្ញុំឈ្មោះ […]។ មណ្ឌលនៅ […] មានសុវត្ថិភាព។")],
        )
        .await;
        act(
            &facilitator,
            app,
            &format!("{path}/state"),
            &[("state", "published")],
        )
        .await;
        act(
            &facilitator,
            app,
            &format!("{path}/reply"),
            &[("body", "Thank you. We hear you.")],
        )
        .await;

        let db = app.db().await;
        let audits = audit_event::Entity::find()
            .filter(audit_event::Column::ObjectId.eq(item.id.to_string()))
            .all(&db)
            .await
            .unwrap_or_default();
        let actions: Vec<&str> = audits.iter().map(|a| a.action.as_str()).collect();
        for action in ["redact", "translate", "state_published", "reply"] {
            assert!(actions.contains(&action), "{action} audited: {actions:?}");
        }
        assert!(
            audits.iter().all(|a| !format!("{a:?}").contains("Sokha")),
            "the audit log never holds the hidden words"
        );

        let thread = post(app, "/km/receipt", &[("code", &code)], &[]).await;
        assert!(
            thread.body.contains("Thank you. We hear you."),
            "the survivor reads the reply"
        );
        assert!(
            thread.body.contains("បានផ្សព្វផ្សាយ"),
            "and sees it was published"
        );

        // The survivor answers. The item is published, and the default queue still shows
        // it, marked as waiting, until a facilitator answers.
        let answered = post(
            app,
            "/km/receipt/reply",
            &[("code", &code), ("reply", "Thank you, and one more thing.")],
            &[],
        )
        .await;
        assert_eq!(answered.status, StatusCode::OK, "{}", answered.body);
        for view in ["/en/moderation", "/en/moderation?waiting=1"] {
            let (_, queue) = text_of(&facilitator, app, view).await;
            // The row's badges come before its link.
            let before = queue.split(&path).next().unwrap_or_default();
            let row = before.rsplit("<li").next().unwrap_or_default();
            assert!(
                queue.contains(&path) && row.contains("Waiting for an answer"),
                "{view}: the survivor's answer is in the queue"
            );
        }
        act(
            &facilitator,
            app,
            &format!("{path}/reply"),
            &[("body", "We read it.")],
        )
        .await;
        let (_, queue) = text_of(&facilitator, app, "/en/moderation").await;
        assert!(
            !queue.contains(&path),
            "answered and published: out of the queue"
        );
        let (_, all) = text_of(&facilitator, app, "/en/moderation?state=all").await;
        assert!(all.contains(&path));

        // A reply too long is refused, given back whole, and the page says by how much.
        let long = format!("</textarea><b>x</b>{}", "ក".repeat(3_300));
        let refused = act(
            &facilitator,
            app,
            &format!("{path}/reply"),
            &[("body", &long)],
        )
        .await;
        assert_eq!(refused.status(), StatusCode::SEE_OTHER);
        let (_, page) = text_of(&facilitator, app, &path).await;
        assert!(page.contains("319 letters too long"), "by how much");
        let kept = page
            .split("<textarea id=\"body\"")
            .nth(1)
            .and_then(|rest| rest.split("</textarea>").next())
            .unwrap_or_default();
        assert!(
            kept.contains("&lt;/textarea&gt;&lt;b&gt;x&lt;/b&gt;ក")
                && kept.matches('ក').count() == 3_300,
            "the text comes back, as text"
        );
        let (_, again) = text_of(&facilitator, app, &path).await;
        assert!(!again.contains("letters too long"), "given back once");
    }
}

#[tokio::test]
async fn only_facilitators_moderate() {
    for app in apps() {
        let text = "Only facilitators may read this original.";
        let mut fields = feedback_fields(text);
        fields.retain(|(k, _)| *k != "text");
        fields.push(("text", text));
        give_feedback(app, &fields).await;
        let item = feedback_by_text(app, text).await;
        let path = format!("/en/moderation/feedback/{}", item.id);
        let db = app.db().await;
        let org = fixtures::org_id(&db, "mosvy").await;
        for role in [Role::Official, Role::Admin] {
            let other = sign_in_as(app, role, (role == Role::Official).then_some(org)).await;
            let (status, body) = text_of(&other, app, &path).await;
            assert_eq!(status, StatusCode::FORBIDDEN, "{role:?} opened the item");
            assert!(!body.contains(text));
            let refused = act(
                &other,
                app,
                &format!("{path}/state"),
                &[("state", "published")],
            )
            .await;
            assert_eq!(
                refused.status(),
                StatusCode::FORBIDDEN,
                "{role:?} published"
            );
        }
        let anonymous = tests::client()
            .get(app.url(&format!("/api/get_item?kind=feedback&id={}", item.id)))
            .send()
            .await
            .map(|r| r.status())
            .unwrap_or(StatusCode::OK);
        assert_ne!(anonymous, StatusCode::OK, "read without signing in");
        assert_eq!(
            feedback_by_text(app, text).await.moderation_state.code(),
            "new"
        );
    }
}

#[tokio::test]
async fn spam_in_bulk_and_a_proposal_made_a_draft_recommendation() {
    for app in apps() {
        let mut ids = Vec::new();
        let mut codes = Vec::new();
        for text in ["Buy cheap watches now 1", "Buy cheap watches now 2"] {
            let mut fields = feedback_fields(text);
            fields.retain(|(k, _)| *k != "text");
            fields.push(("text", text));
            codes.push(give_feedback(app, &fields).await);
            ids.push(format!("feedback:{}", feedback_by_text(app, text).await.id));
        }
        let facilitator = sign_in_as(app, Role::Facilitator, None).await;
        let done = act(
            &facilitator,
            app,
            "/en/moderation/spam",
            &[("item", ids[0].as_str()), ("item", ids[1].as_str())],
        )
        .await;
        assert_eq!(done.status(), StatusCode::SEE_OTHER);
        for text in ["Buy cheap watches now 1", "Buy cheap watches now 2"] {
            assert_eq!(
                feedback_by_text(app, text).await.moderation_state.code(),
                "spam"
            );
        }
        let thread = post(app, "/en/receipt", &[("code", &codes[0])], &[]).await;
        assert!(
            thread.body.contains("Read, and not published."),
            "never told 'spam'"
        );

        let idea = "Every police station should have a woman officer for survivors.";
        let page = post(
            app,
            "/en/propose",
            &[("theme", "prosecution"), ("text", idea)],
            &[],
        )
        .await;
        assert_eq!(page.status, StatusCode::OK);
        let db = app.db().await;
        let p = tests::sealed::proposal_with_text(app, idea).await;
        let base = format!("/en/moderation/proposal/{}", p.id);
        let early = act(&facilitator, app, &format!("{base}/promote"), &[]).await;
        let early_to = early
            .headers()
            .get("location")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_string();
        assert!(early_to.ends_with("error=redact-first"), "{early_to}");
        act(&facilitator, app, &format!("{base}/redact"), &[]).await;
        act(&facilitator, app, &format!("{base}/promote"), &[]).await;
        let Ok(Some(p)) = proposal::Entity::find_by_id(p.id).one(&db).await else {
            panic!("proposal gone");
        };
        let Some(rec_id) = p.recommendation_id else {
            panic!("no draft recommendation linked");
        };
        let Ok(Some(rec)) = recommendation::Entity::find_by_id(rec_id).one(&db).await else {
            panic!("recommendation missing");
        };
        assert_eq!(rec.status.code(), "draft");
        assert_eq!(rec.source.code(), "survivor_proposal");
        assert_eq!(rec.theme.code(), "prosecution");
        assert_eq!(rec.body_en.as_deref(), Some(idea));
        let (_, item) = text_of(&facilitator, app, &base).await;
        assert!(item.contains(&rec.reference), "the item names its draft");
    }
}

/// K-anonymity at the boundary, and the redacted copy as the only words others ever see.
#[tokio::test]
async fn groups_below_k_are_hidden_and_only_redacted_words_are_shown() {
    for app in isolated_apps() {
        let db = app.db().await;
        let org = fixtures::org_id(&db, "mosvy").await;
        let org_field = org.to_string();
        let with = |service: &'static str, province: &'static str, text: &'static str| {
            let mut fields = feedback_fields(text);
            fields.retain(|(k, _)| !["service", "province", "organisation", "text"].contains(k));
            fields.push(("service", service));
            fields.push(("province", province));
            fields.push(("text", text));
            fields
        };
        // Four at the shelter (K - 1), six with the police.
        let secret = "Sokha at 012345678 said the shelter was kind.";
        for i in 0..4 {
            let text = if i == 0 { secret } else { "" };
            let mut fields = with("shelter", "siem-reap", text);
            fields.push(("organisation", org_field.as_str()));
            give_feedback(&app, &fields).await;
        }
        for _ in 0..6 {
            give_feedback(&app, &with("police", "battambang", "")).await;
        }
        // Figures are released in steps of K answers: the police's fifth answer released five,
        // the sixth waits for K more; the shelter's four were never released.
        let public = tests::survivor::get(&app, "/en/services").await.body;
        assert!(!public.contains(">Shelter<"), "a group of K-1 is shown");
        assert!(public.contains(">Police<"), "{public}");
        assert!(public.contains("5 people gave feedback."), "{public}");

        // The fifth reaches K: both groups stand alone now.
        let mut fields = with("shelter", "siem-reap", "");
        fields.push(("organisation", org_field.as_str()));
        give_feedback(&app, &fields).await;
        let facilitator = sign_in_as(&app, Role::Facilitator, None).await;
        let item = feedback_by_text(&app, secret).await;
        let path = format!("/en/moderation/feedback/{}", item.id);
        // The gate: a name and a phone number in the copy keep it from being published.
        let refused = act(
            &facilitator,
            &app,
            &format!("{path}/state"),
            &[("state", "published")],
        )
        .await;
        assert!(tests::location(&refused).contains("error=flags"));
        let unpublished = feedback_by_text(&app, secret).await;
        assert_ne!(unpublished.moderation_state.code(), "published");
        assert_eq!(unpublished.text_redacted, None);
        act(
            &facilitator,
            &app,
            &format!("{path}/redact"),
            &[("part", "Sokha"), ("part", "012345678")],
        )
        .await;
        let published = act(
            &facilitator,
            &app,
            &format!("{path}/state"),
            &[("state", "published")],
        )
        .await;
        assert!(tests::location(&published).contains("done=state"));
        // A quote never shows on the day it was sent (asked as a signed-in person, whose pages
        // are never kept, so that the page after the clock moves is rendered afresh).
        let (_, today) = text_of(&facilitator, &app, "/en/services").await;
        assert!(
            !today.contains("said the shelter was kind"),
            "a quote on its first day"
        );
        app.clock.advance(chrono::TimeDelta::days(1));

        let public = tests::survivor::get(&app, "/en/services").await.body;
        assert!(
            public.contains(">Shelter<") && public.contains(">Police<"),
            "{public}"
        );
        // Police still shows its five: its sixth answer waits until K more have come.
        assert!(public.contains("5 people") && !public.contains("6 people"));
        assert!(public.contains("10 people gave feedback."), "{public}");
        assert!(
            public.contains("[…] at […] said the shelter was kind."),
            "redacted quote"
        );
        assert!(!public.contains("Sokha") && !public.contains("012345678"));

        let official = sign_in_as(&app, Role::Official, Some(org)).await;
        let (status, mine) = text_of(&official, &app, "/en/my-services").await;
        assert_eq!(status, StatusCode::OK);
        assert!(
            mine.contains(">Shelter<") && mine.contains("5 people"),
            "{mine}"
        );
        assert!(!mine.contains(">Police<"), "only their own organisation");
        assert!(mine.contains("[…] at […] said the shelter was kind."));
        assert!(!mine.contains("Sokha"), "officials never see the original");
    }
}

/// The demo data's feedback fills the services summary (in Khmer too) and the queue, once.
#[tokio::test]
async fn demo_feedback_fills_the_summary_and_the_queue_once() {
    for app in isolated_apps() {
        let db = app.db().await;
        let clock = app::ssr::clock::Clock::default();
        let first = app::ssr::seed::seed_demo_feedback(&db, &clock).await;
        assert!(matches!(first, Ok(n) if n > 80), "{first:?}");
        let again = app::ssr::seed::seed_demo_feedback(&db, &clock).await;
        assert_eq!(again.ok(), Some(0), "a second run adds nothing");
        let public = tests::survivor::get(&app, "/km/services").await.body;
        assert!(public.contains("មណ្ឌលស្នាក់នៅបណ្ដោះអាសន្ន"), "shelter in Khmer");
        assert!(public.contains("បុគ្គលិកមណ្ឌលបានស្ដាប់ខ្ញុំ"), "a published quote");
        // Figures are released in steps of K: services with fewer than K answers are in no
        // figure at all, not even pooled (a pooled row would move with one answer).
        assert!(
            !public.contains("សេវាផ្សេងទៀត រួមគ្នា"),
            "small services are not pooled"
        );
        assert!(
            !public.contains("012 345 678"),
            "unpublished words stay hidden"
        );
        let facilitator = sign_in_as(&app, Role::Facilitator, None).await;
        let (_, queue) = text_of(&facilitator, &app, "/en/moderation").await;
        assert!(
            queue.contains("012 345 678"),
            "new feedback waits in the queue"
        );
    }
}

/// The running counts behind the services summary match a count from scratch after
/// submissions and moves into and out of spam.
#[tokio::test]
async fn running_counts_match_a_recount_after_spam_and_back() {
    for app in isolated_apps() {
        let text = "Counted, then spam, then not.";
        let mut fields = feedback_fields(text);
        fields.retain(|(k, _)| *k != "text");
        fields.push(("text", text));
        let db = app.db().await;
        let before = people(&running(&db).await);
        give_feedback(&app, &fields).await;
        let counted = running(&db).await;
        assert_eq!(people(&counted), before + 1, "new feedback not counted");

        let item = format!("feedback:{}", feedback_by_text(&app, text).await.id);
        let facilitator = sign_in_as(&app, Role::Facilitator, None).await;
        act(
            &facilitator,
            &app,
            "/en/moderation/spam",
            &[("item", &item)],
        )
        .await;
        assert_eq!(people(&running(&db).await), before, "spam still counted");
        let path = format!("/en/moderation/{}/state", item.replace(':', "/"));
        act(&facilitator, &app, &path, &[("state", "withheld")]).await;
        let back = running(&db).await;
        assert_eq!(
            back, counted,
            "{:?}: counted again once no longer spam",
            app.backend
        );

        // What the running counts say is what a count from scratch says.
        assert_eq!(recounted(&db).await, back, "{:?}", app.backend);
    }
}

/// The queue's listing is kept a short while per server (`KeptForPages::queue_pages`), yet a
/// survivor's new words are listed at the facilitator's next view, and an item marked spam
/// leaves it at once; a page far past the last lists nothing instead of reading every row.
#[tokio::test]
async fn the_queue_shows_each_change_at_the_next_view() {
    for app in &isolated_apps() {
        let facilitator = sign_in_as(app, Role::Facilitator, None).await;
        let text = "The lawyer at the court in Battambang listened to me.";
        let (status, before) = text_of(&facilitator, app, "/en/moderation").await;
        assert_eq!(status, StatusCode::OK);
        assert!(!before.contains(text), "listed before it was sent");

        give_feedback(app, &feedback_fields(text)).await;
        let (_, after) = text_of(&facilitator, app, "/en/moderation").await;
        assert!(
            after.contains(text),
            "a survivor's words wait for a later view"
        );

        let item = format!("feedback:{}", feedback_by_text(app, text).await.id);
        let done = act(
            &facilitator,
            app,
            "/en/moderation/spam",
            &[("item", item.as_str())],
        )
        .await;
        assert_eq!(done.status(), StatusCode::SEE_OTHER);
        let (_, cleared) = text_of(&facilitator, app, "/en/moderation").await;
        assert!(!cleared.contains(text), "marked spam, still listed");
        let (_, spam) = text_of(&facilitator, app, "/en/moderation?state=spam").await;
        assert!(spam.contains(text), "not among the spam");

        for far in [
            "/en/moderation?page=5000",
            "/en/moderation?page=18446744073709551615",
        ] {
            let (status, page) = text_of(&facilitator, app, far).await;
            assert_eq!(status, StatusCode::OK, "{far}");
            assert!(
                !page.contains("/en/moderation/feedback/"),
                "{far} listed items"
            );
        }
    }
}

/// The queue's rows are rendered once and kept (`kept_rows`), the survivors' words put in for
/// each view: markup in them shows as text, in every view, each in its own row, and a second
/// item with the same details gets its own words, not the first one's.
#[tokio::test]
async fn kept_queue_rows_show_each_survivors_own_words_as_text() {
    for app in &isolated_apps() {
        let facilitator = sign_in_as(app, Role::Facilitator, None).await;
        let first = "<b>bold</b> & \u{FDD0} <script>alert(1)</script> first";
        let second = "A plain second answer, same service and province";
        give_feedback(app, &feedback_fields(first)).await;
        give_feedback(app, &feedback_fields(second)).await;
        for view in ["first view", "kept view"] {
            let (status, page) = text_of(&facilitator, app, "/en/moderation").await;
            assert_eq!(status, StatusCode::OK, "{view}");
            assert!(
                page.contains(
                    "&lt;b&gt;bold&lt;/b&gt; &amp; \u{FDD0} &lt;script&gt;alert(1)&lt;/script&gt; first"
                ),
                "{view}: the survivor's markup is not shown as text"
            );
            assert!(
                !page.contains("<b>bold</b>"),
                "{view}: markup went out as markup"
            );
            assert!(
                page.contains(second),
                "{view}: the second answer's words are missing"
            );
            assert_eq!(
                page.matches("class=\"card queue-item\"").count(),
                page.matches("class=\"excerpt\"").count(),
                "{view}: a row without its words, or words without a row"
            );
            assert_eq!(
                page.matches(" first</p>").count(),
                1,
                "{view}: words shown twice"
            );
        }
    }
}
