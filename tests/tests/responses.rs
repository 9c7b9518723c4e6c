//! Officials answer for their own organisation only; the history is append-only; status and
//! overdue follow the (movable) clock; reminders go to the outbox once.
use app::{
    domain::role::Role,
    ssr::{
        entities::{recommendation, response},
        reminders,
    },
};
use chrono::TimeDelta;
use reqwest::StatusCode;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, Statement};
use tests::{
    TestApp, apps, client, fixtures, isolated_apps, location,
    session::{Signed, sign_in_as},
    tracker::{new_recommendation, outbox},
};

fn unique(prefix: &str) -> String {
    format!(
        "{prefix}-{}",
        chrono::Utc::now().timestamp_micros() % 1_000_000_000
    )
}

async fn public_page(app: &TestApp, path: &str) -> String {
    match client().get(app.url(path)).send().await {
        Ok(r) => r.text().await.unwrap_or_default(),
        Err(e) => panic!("GET {path}: {e}"),
    }
}

async fn status_of(app: &TestApp, id: i32) -> String {
    let db = app.db().await;
    match recommendation::Entity::find_by_id(id).one(&db).await {
        Ok(Some(r)) => r.status.code().to_string(),
        other => panic!("{other:?}"),
    }
}

async fn accept(official: &Signed, app: &TestApp, id: i32, due: &str) -> reqwest::Response {
    official
        .post(
            app,
            &format!("/en/inbox/{id}/response"),
            &[
                ("choice", "accepted"),
                ("original_lang", "en"),
                ("text_en", "We accept."),
                ("commitment_en", "Train every court clerk"),
                ("due_on", due),
            ],
        )
        .await
}

#[tokio::test]
async fn an_official_answers_only_for_their_organisation_and_only_what_is_addressed_to_it() {
    for app in apps() {
        let db = app.db().await;
        let (moj, mosvy) = (
            fixtures::org_id(&db, "moj").await,
            fixtures::org_id(&db, "mosvy").await,
        );
        let facilitator = sign_in_as(app, Role::Facilitator, None).await;
        let to_moj = new_recommendation(&facilitator, app, &unique("A"), "ក", &[moj], true).await;
        let draft = new_recommendation(&facilitator, app, &unique("D"), "ខ", &[mosvy], false).await;
        let mosvy_official = sign_in_as(app, Role::Official, Some(mosvy)).await;

        // Not addressed to MoSVY, and a draft: both refused, nothing saved.
        for id in [to_moj, draft] {
            let response = accept(&mosvy_official, app, id, "2027-01-31").await;
            assert_eq!(response.status(), StatusCode::FORBIDDEN, "{id}");
            let (status, _) = mosvy_official.get(app, &format!("/en/inbox/{id}")).await;
            assert_eq!(status, StatusCode::NOT_FOUND);
        }
        assert_eq!(status_of(app, to_moj).await, "awaiting_response");
        // Facilitators and admins do not speak for organisations.
        for role in [Role::Facilitator, Role::Admin] {
            let other = sign_in_as(app, role, None).await;
            let response = accept(&other, app, to_moj, "2027-01-31").await;
            assert_eq!(response.status(), StatusCode::FORBIDDEN, "{role:?}");
        }
        let (status, inbox) = mosvy_official.get(app, "/en/inbox").await;
        assert_eq!(status, StatusCode::OK);
        assert!(!inbox.contains(&format!("/en/inbox/{to_moj}")));

        // The ministry's own official may, and the status follows.
        let moj_official = sign_in_as(app, Role::Official, Some(moj)).await;
        let response = accept(&moj_official, app, to_moj, "2027-01-31").await;
        assert!(location(&response).ends_with("saved=response"));
        assert_eq!(status_of(app, to_moj).await, "answered");
        // A bad answer comes back with its message and what was typed.
        let response = moj_official
            .post(
                app,
                &format!("/km/inbox/{to_moj}/progress"),
                &[
                    ("choice", "finished"),
                    ("original_lang", "km"),
                    ("text_km", "ធ្វើរួច"),
                ],
            )
            .await;
        assert!(location(&response).ends_with("error=1"));
        let (_, page) = moj_official.get(app, &format!("/km/inbox/{to_moj}")).await;
        assert!(page.contains("ធ្វើរួច"), "typed note kept");
        assert!(
            page.contains("សូមជ្រើសរើសថាការងារនៅត្រឹមណា"),
            "message in Khmer"
        );
        assert!(
            page.contains("href=\"#progress-choice\""),
            "the message links to its field"
        );
    }
}

#[tokio::test]
async fn entries_are_never_changed_or_deleted_and_a_correction_is_a_new_entry() {
    for app in apps() {
        let db = app.db().await;
        let moj = fixtures::org_id(&db, "moj").await;
        let facilitator = sign_in_as(app, Role::Facilitator, None).await;
        let id = new_recommendation(&facilitator, app, &unique("AO"), "គ", &[moj], true).await;
        let official = sign_in_as(app, Role::Official, Some(moj)).await;
        assert!(
            location(&accept(&official, app, id, "2027-03-31").await).ends_with("saved=response")
        );
        let first = match db
            .query_one_raw(Statement::from_string(
                db.get_database_backend(),
                format!("SELECT id FROM responses WHERE recommendation_id = {id}"),
            ))
            .await
        {
            Ok(Some(row)) => row.try_get::<i32>("", "id").unwrap_or_default(),
            other => panic!("{other:?}"),
        };

        // The same entry again (a second click, a resent form) is refused and not kept, and
        // the page says why.
        let again = accept(&official, app, id, "2027-03-31").await;
        assert!(
            location(&again).ends_with("error=1"),
            "{}",
            location(&again)
        );
        let (_, inbox) = official.get(app, &format!("/en/inbox/{id}")).await;
        assert!(
            inbox.contains("exactly what your organisation"),
            "the reason is shown"
        );
        let entries = db
            .query_one_raw(Statement::from_string(
                db.get_database_backend(),
                format!("SELECT CAST(COUNT(*) AS INTEGER) AS n FROM responses WHERE recommendation_id = {id}"),
            ))
            .await;
        let entries = match entries {
            Ok(Some(row)) => row.try_get::<i32>("", "n").unwrap_or_default(),
            other => panic!("{other:?}"),
        };
        assert_eq!(entries, 1, "one entry kept");

        // No route edits or deletes an entry.
        for method in [
            reqwest::Method::PUT,
            reqwest::Method::DELETE,
            reqwest::Method::PATCH,
        ] {
            for path in [
                format!("/en/inbox/{id}/response"),
                format!("/en/inbox/{id}/response/{first}"),
            ] {
                let response = official
                    .http
                    .request(method.clone(), app.url(&path))
                    .form(&[("csrf", official.csrf.as_str()), ("choice", "rejected")])
                    .send()
                    .await;
                let status = response.map(|r| r.status()).unwrap_or(StatusCode::OK);
                assert!(
                    matches!(
                        status,
                        StatusCode::METHOD_NOT_ALLOWED | StatusCode::NOT_FOUND
                    ),
                    "{method} {path}: {status}"
                );
            }
        }
        // Not even the database lets it happen.
        for sql in [
            format!("UPDATE responses SET position = 'rejected' WHERE id = {first}"),
            format!("DELETE FROM responses WHERE id = {first}"),
            "UPDATE progress_updates SET stage = 'stalled'".to_string(),
            "DELETE FROM recommendation_revisions".to_string(),
        ] {
            let result = db.execute_unprepared(&sql).await;
            assert!(result.is_err(), "{sql} should be refused");
        }

        // A correction: a new entry that names the one it corrects.
        let first_text = first.to_string();
        let response = official
            .post(
                app,
                &format!("/en/inbox/{id}/response"),
                &[
                    ("choice", "partially_accepted"),
                    ("original_lang", "en"),
                    ("text_en", "Correction: only in Phnom Penh."),
                    ("corrects", first_text.as_str()),
                ],
            )
            .await;
        assert!(location(&response).ends_with("saved=response"));
        let page = public_page(app, &format!("/en/recommendations/{id}")).await;
        assert!(page.contains("We accept."), "the first entry stays");
        assert!(page.contains("Correction: only in Phnom Penh."));
        assert!(page.contains("Corrects the entry of"));
        // The corrected entry stays, marked as no longer standing and linked to its
        // correction, which links back; the API says the same.
        let superseded = page
            .split(&format!("id=\"response-{first}\""))
            .nth(1)
            .and_then(|rest| rest.split("</li>").next())
            .unwrap_or_default();
        assert!(
            superseded.contains("superseded") && superseded.contains("no longer stands"),
            "{superseded}"
        );
        let api = public_page(app, &format!("/api/v1/recommendations/{id}")).await;
        let api: serde_json::Value = serde_json::from_str(&api).unwrap_or_default();
        let responses = api["responses"].as_array().cloned().unwrap_or_default();
        let by_id = |n: i64| responses.iter().find(|r| r["id"] == n).cloned();
        let correction = responses
            .iter()
            .find(|r| r["corrects_id"] == first)
            .and_then(|r| r["id"].as_i64())
            .unwrap_or_else(|| panic!("no correction in {responses:?}"));
        assert!(page.contains(&format!("href=\"#response-{correction}\"")));
        assert!(page.contains(&format!("href=\"#response-{first}\"")));
        assert_eq!(
            by_id(i64::from(first)).map(|r| r["corrected_by_id"].clone()),
            Some(serde_json::json!(correction))
        );
        assert_eq!(
            by_id(correction).map(|r| r["corrected_by_id"].clone()),
            Some(serde_json::Value::Null)
        );
        // The correction picker tells entries of one day apart by their first words.
        let (_, answering) = official.get(app, &format!("/en/inbox/{id}")).await;
        let picker = answering
            .split("name=\"corrects\"")
            .nth(1)
            .and_then(|rest| rest.split("</select>").next())
            .unwrap_or_default();
        assert!(
            picker.contains("“We accept.”") && picker.contains("“Correction: only in Phnom"),
            "{picker}"
        );
        // Correcting another organisation's entry, or one that does not exist, is refused.
        let response = official
            .post(
                app,
                &format!("/en/inbox/{id}/response"),
                &[
                    ("choice", "noted"),
                    ("original_lang", "en"),
                    ("text_en", "x"),
                    ("corrects", "999999"),
                ],
            )
            .await;
        assert!(location(&response).ends_with("error=1"));
    }
}

#[tokio::test]
async fn overdue_follows_the_clock_and_reminders_go_out_once() {
    for app in isolated_apps() {
        let db = app.db().await;
        let ccpcr = fixtures::org_id(&db, "ccpcr").await;
        let email = fixtures::account(&db, "ccpcr-official", Role::Official, Some(ccpcr)).await;
        let facilitator = sign_in_as(&app, Role::Facilitator, None).await;
        let reference = unique("OD");
        let id = new_recommendation(&facilitator, &app, &reference, "ហួស", &[ccpcr], true).await;
        let addressed = outbox(&app, 1).await.len();
        let overdue_list = format!("/en/recommendations?overdue=1&body={ccpcr}");
        assert!(!public_page(&app, &overdue_list).await.contains(&reference));

        let sweep = || async {
            let outbox = app::ssr::mail::Outbox::new(
                None,
                app.outbox.clone(),
                "Samleng <samleng@localhost>",
                "http://127.0.0.1",
            );
            let outbox = match outbox {
                Ok(o) => o,
                Err(e) => panic!("{e}"),
            };
            match reminders::sweep(&db, &app.clock, &outbox, 90).await {
                Ok(n) => n,
                Err(e) => panic!("{e}"),
            }
        };
        assert_eq!(sweep().await, 0, "nothing is overdue on day one");

        // 91 days on, with no answer: overdue in the tracker, the inbox and the email.
        app.clock.advance(TimeDelta::days(91));
        assert!(public_page(&app, &overdue_list).await.contains(&reference));
        let official = sign_in_as(&app, Role::Official, Some(ccpcr)).await;
        let (_, inbox) = official.get(&app, "/en/inbox").await;
        let overdue_section = inbox.split("inbox-awaiting").next().unwrap_or_default();
        assert!(overdue_section.contains(&reference), "listed as overdue");
        assert!(sweep().await >= 1);
        assert_eq!(sweep().await, 0, "each reminder goes out once");
        let mail = outbox(&app, addressed + 1).await;
        assert!(
            mail.iter()
                .filter(|m| m.contains(&format!("To: {email}")))
                .count()
                >= 2
        );

        // An answer with a commitment ends that; its due date passing starts another.
        let today = app.clock.today();
        let due = (today + TimeDelta::days(10)).to_string();
        assert!(location(&accept(&official, &app, id, &due).await).ends_with("saved=response"));
        assert!(!public_page(&app, &overdue_list).await.contains(&reference));
        app.clock.advance(TimeDelta::days(11));
        assert!(public_page(&app, &overdue_list).await.contains(&reference));
        assert!(sweep().await >= 1, "commitment overdue reminder");
        // The reminder gives the due date as the pages do, in each language.
        let due_day = today + TimeDelta::days(10);
        let said = outbox(&app, addressed + 3)
            .await
            .iter()
            .map(|m| tests::tracker::mail_text(m))
            .filter(|text| text.contains(&reference))
            .collect::<Vec<_>>()
            .join("\n");
        assert!(
            said.contains(&app::domain::khmer::date(
                due_day,
                app::domain::lang::Lang::Km
            )) && said.contains(&app::domain::khmer::date(
                due_day,
                app::domain::lang::Lang::En
            )) && !said.contains(&due),
            "{said}"
        );
        assert_eq!(status_of(&app, id).await, "answered");

        // Implemented: closed, never overdue again. (Eleven days on, the session has ended.)
        let official = sign_in_as(&app, Role::Official, Some(ccpcr)).await;
        let response = official
            .post(
                &app,
                &format!("/en/inbox/{id}/progress"),
                &[
                    ("choice", "implemented"),
                    ("original_lang", "en"),
                    ("text_en", "Done."),
                ],
            )
            .await;
        assert!(location(&response).ends_with("saved=progress"));
        assert_eq!(status_of(&app, id).await, "implemented");
        assert!(!public_page(&app, &overdue_list).await.contains(&reference));
        assert_eq!(sweep().await, 0);
    }
}

#[tokio::test]
async fn an_answer_is_shown_as_it_will_be_public_before_it_is_saved() {
    for app in apps() {
        let db = app.db().await;
        let moj = fixtures::org_id(&db, "moj").await;
        let facilitator = sign_in_as(app, Role::Facilitator, None).await;
        let id = new_recommendation(&facilitator, app, &unique("PV"), "មើលមុន", &[moj], true).await;
        let official = sign_in_as(app, Role::Official, Some(moj)).await;
        let fields = [
            ("choice", "accepted"),
            ("original_lang", "en"),
            ("text_en", "We accept <b>this</b> =HYPERLINK(\"x\")."),
            ("commitment_en", "Train every court clerk"),
            ("due_on", "2031-06-30"),
        ];
        let answers = || async {
            response::Entity::find()
                .filter(response::Column::RecommendationId.eq(id))
                .count(&db)
                .await
                .unwrap_or_default()
        };
        let mut asked: Vec<(&str, &str)> = fields.to_vec();
        asked.push(("step", "preview"));
        let shown = official
            .post(app, &format!("/en/inbox/{id}/response"), &asked)
            .await;
        assert_eq!(
            location(&shown),
            format!("/en/inbox/{id}?preview=response#response-preview"),
            "{:?}",
            app.backend
        );
        assert_eq!(answers().await, 0, "nothing saved before it is confirmed");
        let (_, page) = official
            .get(app, &format!("/en/inbox/{id}?preview=response"))
            .await;
        let preview = page
            .split("id=\"response-preview\"")
            .nth(1)
            .unwrap_or_default();
        assert!(preview.contains("for good"), "{:?}", app.backend);
        assert!(preview.contains("30 June 2031"));
        assert!(
            preview.contains("We accept &lt;b&gt;this&lt;/b&gt;"),
            "escaped"
        );
        assert!(preview.contains("name=\"step\" value=\"confirm\""));
        assert_eq!(answers().await, 0);
        // Reloaded, the preview and the form's text are still there.
        let (_, reloaded) = official
            .get(app, &format!("/en/inbox/{id}?preview=response"))
            .await;
        assert!(
            reloaded.contains("id=\"response-preview\""),
            "{:?}",
            app.backend
        );
        assert!(reloaded.contains("Train every court clerk"));

        let mut confirmed: Vec<(&str, &str)> = fields.to_vec();
        confirmed.push(("step", "confirm"));
        let saved = official
            .post(app, &format!("/en/inbox/{id}/response"), &confirmed)
            .await;
        assert!(
            location(&saved).ends_with("saved=response"),
            "{}",
            location(&saved)
        );
        assert_eq!(answers().await, 1, "{:?}", app.backend);
        let (_, after) = official.get(app, &format!("/en/inbox/{id}")).await;
        assert!(!after.contains("id=\"response-preview\""));
        assert!(
            !after.contains(">Train every court clerk</textarea>"),
            "sent: the form is empty again"
        );
        // The Khmer preview reads in Khmer.
        let mut again: Vec<(&str, &str)> = fields.to_vec();
        again[0] = ("choice", "partially_accepted");
        again.push(("step", "preview"));
        official
            .post(app, &format!("/km/inbox/{id}/response"), &again)
            .await;
        let (_, km) = official
            .get(app, &format!("/km/inbox/{id}?preview=response"))
            .await;
        assert!(km.contains("ពិនិត្យវាមុនពេលវាក្លាយជាសាធារណៈ"));
        assert!(km.contains("៣០ មិថុនា ២០៣១"));
        assert_eq!(answers().await, 1);
    }
}
