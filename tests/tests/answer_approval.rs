//! An organisation may require a second official's approval: its answers wait as drafts,
//! seen by nobody outside it, until another of its officials approves; the author may not
//! approve their own, and a draft that can no longer publish as written is refused.
use app::{
    domain::role::Role,
    ssr::entities::{audit_event, organisation, recommendation, response},
};
use reqwest::StatusCode;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use tests::{
    TestApp, apps, client, location,
    session::{Signed, sign_in_as},
    tracker::new_recommendation,
};

fn unique(prefix: &str) -> String {
    format!(
        "{prefix}-{}",
        chrono::Utc::now().timestamp_micros() % 1_000_000_000
    )
}

async fn public(app: &TestApp, path: &str) -> String {
    match client().get(app.url(path)).send().await {
        Ok(r) => r.text().await.unwrap_or_default(),
        Err(e) => panic!("GET {path}: {e}"),
    }
}

async fn status_of(app: &TestApp, id: i32) -> String {
    match recommendation::Entity::find_by_id(id)
        .one(&app.db().await)
        .await
    {
        Ok(Some(r)) => r.status.code().to_string(),
        other => panic!("{other:?}"),
    }
}

async fn answers_on(app: &TestApp, id: i32) -> Vec<response::Model> {
    response::Entity::find()
        .filter(response::Column::RecommendationId.eq(id))
        .all(&app.db().await)
        .await
        .unwrap_or_default()
}

/// The ids of the drafts the page offers, in order.
fn drafts_on(page: &str) -> Vec<String> {
    page.split("/drafts/")
        .skip(1)
        .filter_map(|rest| rest.split('/').next())
        .fold(Vec::new(), |mut ids, id| {
            if ids.last().map(String::as_str) != Some(id) {
                ids.push(id.to_string());
            }
            ids
        })
}

/// An administrator makes an organisation whose answers need approval, through its form.
async fn organisation_needing_approval(admin: &Signed, app: &TestApp) -> i32 {
    let code = unique("two").to_lowercase();
    let made = admin
        .post(
            app,
            "/en/organisations/new",
            &[
                ("code", code.as_str()),
                ("name_en", "Two-key ministry"),
                ("kind", "government"),
                ("answers_need_approval", "on"),
            ],
        )
        .await;
    assert_eq!(location(&made), "/en/organisations", "{:?}", app.backend);
    let org = organisation::Entity::find()
        .filter(organisation::Column::Code.eq(&code))
        .one(&app.db().await)
        .await;
    match org {
        Ok(Some(o)) => {
            assert!(o.answers_need_approval);
            o.id
        }
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn a_second_official_approves_before_an_answer_is_public() {
    for app in apps() {
        let admin = sign_in_as(app, Role::Admin, None).await;
        let org = organisation_needing_approval(&admin, app).await;
        // A checkbox value the form does not send is refused, not read as "on".
        let odd = admin
            .post(
                app,
                &format!("/en/organisations/{org}"),
                &[
                    ("code", "x-odd"),
                    ("name_en", "Odd"),
                    ("kind", "government"),
                    ("answers_need_approval", "yes"),
                ],
            )
            .await;
        assert!(
            location(&odd).ends_with("error=state"),
            "{}",
            location(&odd)
        );
        let (_, orgs) = admin.get(app, "/en/organisations").await;
        assert!(orgs.contains("second official"));

        let facilitator = sign_in_as(app, Role::Facilitator, None).await;
        let reference = unique("TK");
        let id = new_recommendation(&facilitator, app, &reference, "ពីរ", &[org], true).await;
        let writer = sign_in_as(app, Role::Official, Some(org)).await;
        let checker = sign_in_as(app, Role::Official, Some(org)).await;
        let answer = [
            ("choice", "accepted"),
            ("original_lang", "en"),
            ("text_en", "We accept: <i>two keys</i>."),
            ("commitment_en", "Open a desk in every province"),
            ("due_on", "2031-03-31"),
        ];
        // The preview says it will wait for a second official.
        let mut asked = answer.to_vec();
        asked.push(("step", "preview"));
        writer
            .post(app, &format!("/en/inbox/{id}/response"), &asked)
            .await;
        let (_, preview) = writer
            .get(app, &format!("/en/inbox/{id}?preview=response"))
            .await;
        assert!(preview.contains("Send for approval"), "{:?}", app.backend);
        assert!(preview.contains("waits for another official"));

        let mut sent = answer.to_vec();
        sent.push(("step", "confirm"));
        let drafted = writer
            .post(app, &format!("/en/inbox/{id}/response"), &sent)
            .await;
        assert!(
            location(&drafted).ends_with("saved=drafted"),
            "{}",
            location(&drafted)
        );
        // Nothing public: not the record, the status, the page, the API or the CSV.
        assert!(answers_on(app, id).await.is_empty());
        assert_eq!(status_of(app, id).await, "awaiting_response");
        for path in [
            format!("/en/recommendations/{id}"),
            format!("/api/v1/recommendations/{id}"),
            format!("/en/bodies/{org}"),
            "/en/recommendations.csv".to_string(),
        ] {
            assert!(!public(app, &path).await.contains("two keys"), "{path}");
        }

        // The writer sees it waiting, and may not approve it, even by a hand-made post.
        let (_, mine) = writer.get(app, &format!("/en/inbox/{id}")).await;
        assert!(mine.contains("Waiting for a second official"));
        assert!(mine.contains("You wrote this"));
        assert!(
            !mine.contains("/approve\""),
            "no approve button for its author"
        );
        let draft = drafts_on(&mine).first().cloned().unwrap_or_default();
        let own = writer
            .post(app, &format!("/en/inbox/{id}/drafts/{draft}/approve"), &[])
            .await;
        assert!(
            location(&own).ends_with("error=own-draft"),
            "{}",
            location(&own)
        );
        assert!(answers_on(app, id).await.is_empty());

        // Another organisation's official cannot reach it.
        let db = app.db().await;
        let moj = tests::fixtures::org_id(&db, "moj").await;
        let stranger = sign_in_as(app, Role::Official, Some(moj)).await;
        let theirs = stranger
            .post(app, &format!("/en/inbox/{id}/drafts/{draft}/approve"), &[])
            .await;
        assert!(
            location(&theirs).ends_with("error=draft"),
            "{}",
            location(&theirs)
        );
        // A facilitator does not answer for anyone.
        let staff = facilitator
            .post(app, &format!("/en/inbox/{id}/drafts/{draft}/approve"), &[])
            .await;
        assert_eq!(staff.status(), StatusCode::FORBIDDEN);

        // The second official is told, in the inbox, and approves.
        let (_, inbox) = checker.get(app, "/en/inbox").await;
        assert!(
            inbox.contains("Waiting for your approval (1)"),
            "{:?}",
            app.backend
        );
        let (_, page) = checker.get(app, &format!("/en/inbox/{id}")).await;
        assert!(page.contains(&writer.email), "names who wrote it");
        assert!(page.contains("two keys"));
        let approved = checker
            .post(app, &format!("/en/inbox/{id}/drafts/{draft}/approve"), &[])
            .await;
        assert!(
            location(&approved).ends_with("saved=approved"),
            "{}",
            location(&approved)
        );
        let saved = answers_on(app, id).await;
        assert_eq!(saved.len(), 1);
        assert_eq!(
            saved[0].author_id,
            Some(writer.user_id),
            "the writer's answer"
        );
        assert_eq!(status_of(app, id).await, "answered");
        let shown = public(app, &format!("/en/recommendations/{id}")).await;
        assert!(shown.contains("two keys"));
        assert!(!shown.contains("<i>two keys"), "escaped");
        // Twice: the draft is gone.
        let again = checker
            .post(app, &format!("/en/inbox/{id}/drafts/{draft}/approve"), &[])
            .await;
        assert!(
            location(&again).ends_with("error=draft"),
            "{}",
            location(&again)
        );
        assert_eq!(answers_on(app, id).await.len(), 1);
        let approvals = audit_event::Entity::find()
            .filter(audit_event::Column::Action.eq("answer_approved"))
            .filter(audit_event::Column::ActorId.eq(checker.user_id))
            .count(&db)
            .await
            .unwrap_or_default();
        assert_eq!(approvals, 1);
    }
}

#[tokio::test]
async fn a_draft_can_be_taken_back_and_a_stale_one_is_refused() {
    for app in apps() {
        let admin = sign_in_as(app, Role::Admin, None).await;
        let org = organisation_needing_approval(&admin, app).await;
        let facilitator = sign_in_as(app, Role::Facilitator, None).await;
        let id = new_recommendation(&facilitator, app, &unique("TB"), "ដក", &[org], true).await;
        let writer = sign_in_as(app, Role::Official, Some(org)).await;
        let checker = sign_in_as(app, Role::Official, Some(org)).await;
        let progress = [
            ("choice", "in_progress"),
            ("original_lang", "km"),
            ("text_km", "បានចាប់ផ្ដើមបណ្ដុះបណ្ដាល"),
        ];
        // Two identical drafts: once the first is public, the second would repeat it.
        for _ in 0..2 {
            let sent = writer
                .post(app, &format!("/km/inbox/{id}/progress"), &progress)
                .await;
            assert!(
                location(&sent).ends_with("saved=drafted"),
                "{}",
                location(&sent)
            );
        }
        let (_, page) = checker.get(app, &format!("/km/inbox/{id}")).await;
        assert!(page.contains("កំពុងរង់ចាំមន្ត្រីទីពីរ"), "Khmer heading");
        let drafts = drafts_on(&page);
        assert_eq!(drafts.len(), 2, "{drafts:?}");
        let first = checker
            .post(
                app,
                &format!("/km/inbox/{id}/drafts/{}/approve", drafts[0]),
                &[],
            )
            .await;
        assert!(location(&first).ends_with("saved=approved"));
        assert_eq!(status_of(app, id).await, "in_progress");
        let second = checker
            .post(
                app,
                &format!("/km/inbox/{id}/drafts/{}/approve", drafts[1]),
                &[],
            )
            .await;
        assert!(
            location(&second).ends_with("error=draft-stale"),
            "{}",
            location(&second)
        );
        let (_, told) = checker
            .get(app, &format!("/km/inbox/{id}?error=draft-stale"))
            .await;
        assert!(told.contains("មិនអាចផ្សព្វផ្សាយដូចដែលបានសរសេរទៀតទេ"));

        // Its author takes it back: nothing published, and the form holds the text again.
        let back = writer
            .post(
                app,
                &format!("/km/inbox/{id}/drafts/{}/discard", drafts[1]),
                &[],
            )
            .await;
        assert!(
            location(&back).ends_with("saved=discarded"),
            "{}",
            location(&back)
        );
        let (_, form) = writer.get(app, &format!("/km/inbox/{id}")).await;
        assert!(
            form.contains(">បានចាប់ផ្ដើមបណ្ដុះបណ្ដាល</textarea>"),
            "{:?}",
            app.backend
        );
        assert!(drafts_on(&form).is_empty());
        let twice = writer
            .post(
                app,
                &format!("/km/inbox/{id}/drafts/{}/discard", drafts[1]),
                &[],
            )
            .await;
        assert!(location(&twice).ends_with("error=draft"));
    }
}
