//! Survivors' word on "implemented": asked only once a body claims it (or a due date passes),
//! counted once per receipt code, shown only in counts of K released in steps of K, words
//! through moderation and the publication gate, and the report card's tally of claims.
use app::{
    domain::role::Role,
    ssr::entities::{claim_check, proposal},
};
use chrono::TimeDelta;
use reqwest::StatusCode;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
    Statement,
};
use tests::{
    TestApp, apps, isolated_apps,
    session::{Signed, sign_in_as},
    survivor::{feedback_fields, flags_on, get, latin_digits, post, shown_code},
    tracker::new_recommendation,
};

/// A new organisation (an NGO) for one test; its id.
async fn new_org(app: &TestApp, label: &str) -> i32 {
    tests::fixtures::new_organisation(&app.db().await, label, app::domain::org::OrgKind::Ngo).await
}

/// A published recommendation addressed to `org`; its id.
async fn published_for(app: &TestApp, facilitator: &Signed, org: i32, label: &str) -> i32 {
    let stamp = chrono::Utc::now().timestamp_micros() % 1_000_000_000;
    let reference = format!("CK{stamp}-{label}");
    new_recommendation(facilitator, app, &reference, "ផ្ទះសុវត្ថិភាព", &[org], true).await
}

/// The official of `org` reports the work on `id` implemented.
async fn claim_implemented(app: &TestApp, official: &Signed, id: i32) {
    let fields = [
        ("choice", "implemented"),
        ("original_lang", "en"),
        ("text_en", "The shelter is open in every province."),
    ];
    let saved = official
        .post(app, &format!("/en/inbox/{id}/progress"), &fields)
        .await;
    assert_eq!(saved.status(), StatusCode::SEE_OTHER);
}

async fn anonymity_threshold(app: &TestApp) -> u32 {
    match app::ssr::settings::anonymity_threshold(&app.db().await).await {
        Ok(k) => k,
        Err(e) => panic!("{e}"),
    }
}

/// The "What survivors say" section of a recommendation's public page ("" when absent).
async fn survivor_word(app: &TestApp, id: i32) -> String {
    let page = tests::survivor::get_settled(app, &format!("/en/recommendations/{id}")).await;
    assert_eq!(page.status, StatusCode::OK);
    page.body
        .split("id=\"survivor-word\"")
        .nth(1)
        .and_then(|rest| rest.split("</section>").next())
        .unwrap_or_default()
        .to_string()
}

/// The counts shown, in the order yes, partly, no, don't know; empty when none are shown.
fn counts(section: &str) -> Vec<u32> {
    section
        .split("<span class=\"count\">")
        .skip(1)
        .filter_map(|rest| rest.split('<').next()?.parse().ok())
        .collect()
}

async fn answer(app: &TestApp, id: i32, fields: &[(&str, &str)]) -> tests::survivor::Page {
    post(app, &format!("/en/check/{id}"), fields, &[]).await
}

async fn running_people(app: &TestApp, id: i32) -> i64 {
    let db = app.db().await;
    let row = db
        .query_one_raw(Statement::from_string(
            db.get_database_backend(),
            format!("SELECT people FROM claim_check_tallies WHERE recommendation_id = {id}"),
        ))
        .await;
    match row {
        Ok(Some(row)) => row.try_get::<i64>("", "people").unwrap_or(-1),
        Ok(None) => 0,
        Err(e) => panic!("{e}"),
    }
}

#[tokio::test]
async fn survivors_are_asked_once_a_body_claims_it_and_counts_move_in_steps_of_k() {
    for app in apps() {
        let org = new_org(app, "steps").await;
        let facilitator = sign_in_as(app, Role::Facilitator, None).await;
        let official = sign_in_as(app, Role::Official, Some(org)).await;
        let id = published_for(app, &facilitator, org, "a").await;

        // Nothing claimed yet: the page says so, has no form, and an answer is refused.
        let before = get(app, &format!("/en/check/{id}")).await;
        assert_eq!(before.status, StatusCode::OK);
        assert!(
            before
                .body
                .contains("No organisation has said this was done")
        );
        assert!(!before.body.contains("name=\"verdict\""));
        assert!(
            survivor_word(app, id).await.is_empty(),
            "nothing to say yet"
        );
        let early = answer(app, id, &[("verdict", "yes")]).await;
        assert_eq!(early.status, StatusCode::CONFLICT);
        assert_eq!(running_people(app, id).await, 0, "nothing counted");
        assert_eq!(
            get(app, "/en/check/99999999").await.status,
            StatusCode::NOT_FOUND
        );
        assert_eq!(
            get(app, "/en/check/abc").await.status,
            StatusCode::NOT_FOUND
        );

        claim_implemented(app, &official, id).await;
        let asked = get(app, &format!("/en/check/{id}")).await;
        assert!(asked.body.contains("name=\"verdict\""), "{}", asked.body);
        assert!(
            !asked.body.contains("<script"),
            "a survivor page ships no script"
        );
        assert!(asked.headers.get("set-cookie").is_none());
        let word = survivor_word(app, id).await;
        assert!(word.contains(&format!("href=\"/en/check/{id}\"")), "{word}");
        assert!(counts(&word).is_empty(), "no counts before K answered");

        // Bad answers are refused with a message, and everything typed comes back.
        let none = answer(app, id, &[("comment", "It is not open here")]).await;
        assert_eq!(none.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(none.body.contains("Please choose an answer"));
        assert!(none.body.contains("It is not open here"));
        let odd = answer(app, id, &[("verdict", "=HYPERLINK(\"x\")")]).await;
        assert_eq!(odd.status, StatusCode::UNPROCESSABLE_ENTITY);
        let code = answer(app, id, &[("verdict", "yes"), ("code", "12ab")]).await;
        assert_eq!(code.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(running_people(app, id).await, 0);

        // K - 1 answers show nothing; the K-th releases every count; one more moves nothing.
        let k = anonymity_threshold(app).await;
        let verdicts = ["yes", "yes", "partly", "no", "dont-know"];
        for n in 0..k - 1 {
            let sent = answer(app, id, &[("verdict", verdicts[n as usize % 5])]).await;
            assert_eq!(sent.status, StatusCode::OK, "{}", sent.body);
            assert!(sent.body.contains("Your answer is counted"));
        }
        assert!(
            counts(&survivor_word(app, id).await).is_empty(),
            "K - 1 shows nothing"
        );
        answer(app, id, &[("verdict", "yes")]).await;
        let shown = counts(&survivor_word(app, id).await);
        assert_eq!(shown.iter().sum::<u32>(), k, "{shown:?}");
        answer(app, id, &[("verdict", "no")]).await;
        assert_eq!(
            counts(&survivor_word(app, id).await),
            shown,
            "one more answer moves no figure"
        );
        for _ in 0..k - 1 {
            answer(app, id, &[("verdict", "no")]).await;
        }
        let moved = counts(&survivor_word(app, id).await);
        assert_eq!(moved.iter().sum::<u32>(), 2 * k, "{moved:?}");
        assert_eq!(running_people(app, id).await, i64::from(2 * k));

        // The report card counts the claim under what most who knew said.
        let card = tests::survivor::get_settled(app, &format!("/en/bodies/{org}")).await;
        assert!(
            card.body.contains("What survivors say about"),
            "{}",
            card.body
        );
        let disputed = card
            .body
            .split("<dt>Survivors disputed</dt><dd>")
            .nth(1)
            .and_then(|rest| rest.split("</dd>").next())
            .unwrap_or_default()
            .to_string();
        let yes = moved[0];
        let no = moved[2];
        let knew = moved[0] + moved[1] + moved[2];
        let expected = if no * 2 > knew && yes * 2 <= knew {
            "1"
        } else {
            "0"
        };
        assert_eq!(disputed, expected, "{moved:?}");
        let km = get(app, &format!("/km/recommendations/{id}")).await;
        assert!(km.body.contains("អ្វីដែលអ្នករស់រានមានជីវិតនិយាយអំពីរឿងនេះ"));
    }
}

#[tokio::test]
async fn an_overdue_promise_is_asked_about_too() {
    for app in &isolated_apps() {
        let org = new_org(app, "due").await;
        let facilitator = sign_in_as(app, Role::Facilitator, None).await;
        let official = sign_in_as(app, Role::Official, Some(org)).await;
        let id = published_for(app, &facilitator, org, "due").await;
        let due = (app.clock.today() + TimeDelta::days(10)).to_string();
        let fields = [
            ("choice", "accepted"),
            ("original_lang", "en"),
            ("text_en", "We will open it."),
            ("commitment_en", "Open the shelter."),
            ("due_on", due.as_str()),
        ];
        let saved = official
            .post(app, &format!("/en/inbox/{id}/response"), &fields)
            .await;
        assert_eq!(saved.status(), StatusCode::SEE_OTHER);
        let page = get(app, &format!("/en/check/{id}")).await;
        assert!(!page.body.contains("name=\"verdict\""), "not due yet");
        app.clock.advance(TimeDelta::days(11));
        let page = get(app, &format!("/en/check/{id}")).await;
        assert!(page.body.contains("name=\"verdict\""), "the day passed");
        let sent = answer(app, id, &[("verdict", "no")]).await;
        assert_eq!(sent.status, StatusCode::OK);
    }
}

#[tokio::test]
async fn a_receipt_code_answers_once_and_her_receipt_page_asks_her() {
    for app in apps() {
        let org = new_org(app, "code").await;
        let facilitator = sign_in_as(app, Role::Facilitator, None).await;
        let official = sign_in_as(app, Role::Official, Some(org)).await;
        let id = published_for(app, &facilitator, org, "code").await;
        claim_implemented(app, &official, id).await;

        // Her proposal became this recommendation.
        let words = "Open a shelter for women in every province, run by survivors.";
        let proposed = post(
            app,
            "/en/propose",
            &[("theme", "protection"), ("text", words)],
            &[],
        )
        .await;
        assert_eq!(proposed.status, StatusCode::OK, "{}", proposed.body);
        let code = latin_digits(&shown_code(&proposed.body));
        let db = app.db().await;
        let mine = tests::sealed::proposal_with_text(app, words).await;
        let mut linked: proposal::ActiveModel = mine.into();
        linked.recommendation_id = Set(Some(id));
        if let Err(e) = linked.update(&db).await {
            panic!("{e}");
        }

        let receipt = post(app, "/en/receipt", &[("code", &code)], &[]).await;
        assert_eq!(receipt.status, StatusCode::OK);
        assert!(
            receipt.body.contains(&format!("action=\"/en/check/{id}\"")),
            "her receipt page asks her: {}",
            receipt.body
        );
        let before = running_people(app, id).await;
        let sent = answer(app, id, &[("verdict", "partly"), ("code", &code)]).await;
        assert_eq!(sent.status, StatusCode::OK, "{}", sent.body);
        assert!(sent.body.contains("Your answer is counted"));
        let again = answer(app, id, &[("verdict", "no"), ("code", &code)]).await;
        assert_eq!(again.status, StatusCode::OK);
        assert!(again.body.contains("You have already answered"));
        assert_eq!(running_people(app, id).await, before + 1, "counted once");
        let receipt = post(app, "/en/receipt", &[("code", &code)], &[]).await;
        assert!(receipt.body.contains("You have already answered"));
        assert!(!receipt.body.contains(&format!("action=\"/en/check/{id}\"")));

        // A code that opens nothing is refused with its message; nothing is counted.
        let unknown = answer(
            app,
            id,
            &[("verdict", "yes"), ("code", "1234 5678 9012 3456 7890")],
        )
        .await;
        assert_eq!(unknown.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(running_people(app, id).await, before + 1);

        // Any receipt code will do (feedback's too), and nothing links it to her answer.
        let feedback = post(app, "/en/feedback", &feedback_fields(""), &[]).await;
        let other = latin_digits(&shown_code(&feedback.body));
        answer(app, id, &[("verdict", "yes"), ("code", &other)]).await;
        assert_eq!(running_people(app, id).await, before + 2);
        let dump = tests::survivor::dump_database(app).await;
        for c in [&code, &other] {
            assert!(!dump.contains(c.as_str()), "no code is stored");
        }
        let rows = claim_check::Entity::find()
            .filter(claim_check::Column::RecommendationId.eq(id))
            .all(&db)
            .await
            .unwrap_or_default();
        assert_eq!(rows.len(), 2);
    }
}

#[tokio::test]
async fn words_go_through_moderation_and_the_gate_before_anyone_reads_them() {
    for app in &isolated_apps() {
        let org = new_org(app, "words").await;
        let facilitator = sign_in_as(app, Role::Facilitator, None).await;
        let official = sign_in_as(app, Role::Official, Some(org)).await;
        let id = published_for(app, &facilitator, org, "words").await;
        claim_implemented(app, &official, id).await;
        let words = "Not here. Call Dara on 012 345 678 <b>now</b>";
        let sent = answer(app, id, &[("verdict", "no"), ("comment", words)]).await;
        assert_eq!(sent.status, StatusCode::OK, "{}", sent.body);
        let db = app.db().await;
        let row = claim_check::Entity::find()
            .filter(claim_check::Column::RecommendationId.eq(id))
            .one(&db)
            .await
            .ok()
            .flatten()
            .unwrap_or_else(|| panic!("no answer stored"));
        assert!(
            !row.text_original
                .clone()
                .unwrap_or_default()
                .contains("Dara"),
            "the words are sealed"
        );

        // The queue lists it; the item shows the words and what she answered.
        let (_, queue) = facilitator.get(app, "/en/moderation?kind=check").await;
        assert!(
            queue.contains(&format!("/en/moderation/check/{}", row.id)),
            "{queue}"
        );
        let path = format!("/en/moderation/check/{}", row.id);
        let (status, item) = facilitator.get(app, &path).await;
        assert_eq!(status, StatusCode::OK);
        assert!(
            item.contains("Call Dara") && item.contains("&lt;b&gt;"),
            "{item}"
        );
        assert!(!item.contains("<b>now</b>"));
        assert!(!item.contains("name=\"body\""), "no thread to reply in");
        let (status, _) = official.get(app, &path).await;
        assert_ne!(
            status,
            StatusCode::OK,
            "officials never see survivors' words"
        );

        // Publishing waits for a decision on every flag.
        let refused = facilitator
            .post(app, &format!("{path}/state"), &[("state", "published")])
            .await;
        assert!(tests::location(&refused).contains("error=flags"));
        let (_, gate) = facilitator.get(app, &format!("{path}?error=flags")).await;
        let flags = flags_on(&gate);
        assert!(flags.iter().any(|f| f == "012 345 678"), "{flags:?}");
        let mut decided: Vec<(String, String)> = Vec::new();
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
            .post(app, &format!("{path}/flags"), &pairs)
            .await;
        let to = tests::location(&published);
        assert!(to.contains("done=state"), "{to}");

        // Shown from the next day, without her answer beside it.
        let today = survivor_word(app, id).await;
        assert!(!today.contains("Not here"), "never on the day it came");
        app.clock.advance(TimeDelta::days(1));
        let word = survivor_word(app, id).await;
        assert!(word.contains("Not here"), "{word}");
        assert!(!word.contains("Dara") && !word.contains("012 345 678"));
        assert!(!word.contains("<b>now"));

        // Spam is not counted (a day later, so a fresh session).
        let facilitator = sign_in_as(app, Role::Facilitator, None).await;
        let before = running_people(app, id).await;
        let spam = facilitator
            .post(app, &format!("{path}/state"), &[("state", "spam")])
            .await;
        assert!(tests::location(&spam).contains("done=state"));
        assert_eq!(running_people(app, id).await, before - 1);
        assert!(
            !survivor_word(app, id).await.contains("Not here"),
            "spam is not shown"
        );
    }
}

#[tokio::test]
async fn an_answer_and_a_ballot_leave_no_address_and_no_log_line() {
    tests::logs::install();
    for app in apps() {
        let org = new_org(app, "logs").await;
        let facilitator = sign_in_as(app, Role::Facilitator, None).await;
        let official = sign_in_as(app, Role::Official, Some(org)).await;
        let id = published_for(app, &facilitator, org, "logs").await;
        claim_implemented(app, &official, id).await;
        let sent = answer(app, id, &[("verdict", "yes")]).await;
        assert_eq!(sent.status, StatusCode::OK);
        let _ = post(app, "/en/vote", &[("draft", "1")], &[]).await;
        let logged = tests::logs::captured();
        assert!(
            !logged.contains(&format!("/check/{id}")),
            "a survivor's visit logged"
        );
        assert!(!logged.contains("/en/vote"), "a ballot logged");
        let dump = tests::survivor::dump_database(app).await;
        assert!(!dump.contains("127.0.0.1"), "an address stored");
    }
}
