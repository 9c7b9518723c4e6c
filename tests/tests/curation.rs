//! Facilitators curate recommendations: drafts, publishing, history, merging, CSV import;
//! and nobody else may.
use app::{
    domain::role::Role,
    ssr::entities::{audit_event, recommendation, recommendation_revision},
};
use reqwest::StatusCode;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use tests::{
    TestApp, apps, client, fixtures, location,
    session::{Signed, sign_in_as},
    tracker::{new_recommendation, outbox},
};

async fn public_status(app: &TestApp, path: &str) -> StatusCode {
    match client().get(app.url(path)).send().await {
        Ok(r) => r.status(),
        Err(e) => panic!("GET {path}: {e}"),
    }
}

fn unique(prefix: &str) -> String {
    format!(
        "{prefix}-{}",
        chrono::Utc::now().timestamp_micros() % 1_000_000_000
    )
}

#[tokio::test]
async fn a_refused_form_comes_back_with_what_was_typed_and_nothing_is_saved() {
    for app in apps() {
        let db = app.db().await;
        let facilitator = sign_in_as(app, Role::Facilitator, None).await;
        let title = "ផ្តល់ជំនួយផ្នែកច្បាប់ដោយឥតគិតថ្លៃ";
        // Counted by this form's title: the file's other tests add recommendations meanwhile.
        let with_title = || {
            recommendation::Entity::find()
                .filter(recommendation::Column::TitleKm.eq(title))
                .count(&db)
        };
        let before = with_title().await.unwrap_or(0);
        let response = facilitator
            .post(
                app,
                "/km/curate/recommendations/new",
                &[
                    ("reference", "bad ref!"),
                    ("theme", "protection"),
                    ("original_lang", "km"),
                    ("title_km", title),
                    ("translation_state", "missing"),
                ],
            )
            .await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER);
        let (status, page) = facilitator
            .get(app, "/km/curate/recommendations/new?error=1")
            .await;
        assert_eq!(status, StatusCode::OK);
        assert!(page.contains(title), "the typed title is kept");
        assert!(page.contains("bad ref!"), "the typed reference is kept");
        assert!(
            page.contains("លេខយោងមានតែអក្សរ"),
            "reference message in Khmer"
        );
        assert!(
            page.contains("សូមជ្រើសរើសស្ថាប័នយ៉ាងហោចណាស់មួយ"),
            "bodies message in Khmer"
        );
        let after = with_title().await.unwrap_or(0);
        assert_eq!(before, after, "nothing saved");
        // The kept values are shown once: a fresh form is empty again.
        let (_, again) = facilitator.get(app, "/km/curate/recommendations/new").await;
        assert!(!again.contains("bad ref!"));
    }
}

#[tokio::test]
async fn a_draft_is_private_until_published_and_every_edit_is_kept() {
    for app in apps() {
        let db = app.db().await;
        let moj = fixtures::org_id(&db, "moj").await;
        let facilitator = sign_in_as(app, Role::Facilitator, None).await;
        let official_email =
            fixtures::account(&db, "moj-official", Role::Official, Some(moj)).await;
        let reference = unique("CUR");
        let id = new_recommendation(&facilitator, app, &reference, "សេចក្ដីព្រាង", &[moj], false).await;

        let public = format!("/en/recommendations/{id}");
        assert_eq!(public_status(app, &public).await, StatusCode::NOT_FOUND);
        assert_eq!(
            public_status(app, &format!("/api/v1/recommendations/{id}")).await,
            StatusCode::NOT_FOUND
        );

        // An edit: the title gains its English translation.
        let id_text = id.to_string();
        let moj_text = moj.to_string();
        let response = facilitator
            .post(
                app,
                &format!("/en/curate/recommendations/{id_text}"),
                &[
                    ("reference", reference.as_str()),
                    ("theme", "protection"),
                    ("original_lang", "km"),
                    ("title_km", "សេចក្ដីព្រាង"),
                    ("title_en", "A draft"),
                    ("translation_state", "human"),
                    ("bodies", moj_text.as_str()),
                ],
            )
            .await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER);
        let response = facilitator
            .post(
                app,
                &format!("/en/curate/recommendations/{id}/publish"),
                &[],
            )
            .await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER);
        assert_eq!(public_status(app, &public).await, StatusCode::OK);

        let revisions = recommendation_revision::Entity::find()
            .filter(recommendation_revision::Column::RecommendationId.eq(id))
            .all(&db)
            .await
            .unwrap_or_default();
        assert_eq!(revisions.len(), 3, "created, edited, published");
        assert!(
            revisions
                .iter()
                .all(|r| r.editor_id == Some(facilitator.user_id))
        );
        assert!(revisions[0].snapshot.contains("\"title_en\":\"\""));
        assert!(revisions[1].snapshot.contains("A draft"));
        let (_, editor) = facilitator
            .get(app, &format!("/en/curate/recommendations/{id}"))
            .await;
        assert!(
            editor.contains("Title in English"),
            "history names the changed field"
        );

        let audited = audit_event::Entity::find()
            .filter(audit_event::Column::ObjectId.eq(reference.as_str()))
            .all(&db)
            .await
            .unwrap_or_default();
        let actions: Vec<&str> = audited.iter().map(|e| e.action.as_str()).collect();
        assert_eq!(
            actions,
            [
                "recommendation_created",
                "recommendation_edited",
                "recommendation_published"
            ]
        );

        // The ministry's official was told, once.
        let mail = outbox(app, 1).await;
        let to_official: Vec<&String> = mail
            .iter()
            .filter(|m| m.contains(&format!("To: {official_email}")) && m.contains(&reference))
            .collect();
        assert_eq!(to_official.len(), 1, "one 'addressed' email: {mail:?}");
    }
}

#[tokio::test]
async fn only_facilitators_curate() {
    for app in apps() {
        let db = app.db().await;
        let moj = fixtures::org_id(&db, "moj").await;
        let facilitator = sign_in_as(app, Role::Facilitator, None).await;
        let id =
            new_recommendation(&facilitator, app, &unique("ROLE"), "តួនាទី", &[moj], false).await;
        let official = sign_in_as(app, Role::Official, Some(moj)).await;
        let admin = sign_in_as(app, Role::Admin, None).await;
        let moj_text = moj.to_string();
        let edit: Vec<(&str, &str)> = vec![
            ("reference", "HIJACK-1"),
            ("theme", "protection"),
            ("original_lang", "en"),
            ("title_en", "Hijacked"),
            ("translation_state", "missing"),
            ("bodies", moj_text.as_str()),
        ];
        let attempts: Vec<(String, Vec<(&str, &str)>)> = vec![
            ("/en/curate/recommendations/new".into(), edit.clone()),
            (format!("/en/curate/recommendations/{id}"), edit.clone()),
            (format!("/en/curate/recommendations/{id}/publish"), vec![]),
            (
                format!("/en/curate/recommendations/{id}/merge"),
                vec![("canonical", "SR-01")],
            ),
            (
                "/en/curate/forums/new".into(),
                vec![
                    ("title_en", "X"),
                    ("original_lang", "en"),
                    ("province", "kep"),
                    ("starts_on", "2026-01-01"),
                ],
            ),
            ("/en/curate/import/confirm".into(), vec![]),
        ];
        for who in [&official, &admin] {
            for (path, fields) in &attempts {
                let response = who.post(app, path, fields).await;
                assert_eq!(response.status(), StatusCode::FORBIDDEN, "{path}");
            }
            let (status, _) = who.get(app, "/en/curate").await;
            assert_ne!(status, StatusCode::OK);
        }
        // Signed out: sent to sign in, and nothing changes.
        let anonymous = tests::browser_like(app);
        let response = anonymous
            .post(app.url(&format!("/en/curate/recommendations/{id}/publish")))
            .form(&[("csrf", "x")])
            .send()
            .await;
        assert_eq!(
            response.map(|r| r.status()).ok(),
            Some(StatusCode::SEE_OTHER)
        );
        let rec = recommendation::Entity::find_by_id(id)
            .one(&db)
            .await
            .ok()
            .flatten();
        assert_eq!(
            rec.map(|r| (r.published_on, r.title_en)),
            Some((None, None))
        );
        let hijacked = recommendation::Entity::find()
            .filter(recommendation::Column::Reference.eq("HIJACK-1"))
            .count(&db)
            .await
            .unwrap_or(1);
        assert_eq!(hijacked, 0);
    }
}

async fn respond(official: &Signed, app: &TestApp, id: i32, position: &str, text: &str) {
    let response = official
        .post(
            app,
            &format!("/en/inbox/{id}/response"),
            &[
                ("choice", position),
                ("original_lang", "en"),
                ("text_en", text),
            ],
        )
        .await;
    let to = location(&response);
    assert!(to.ends_with("saved=response"), "{to}");
}

#[tokio::test]
async fn a_merged_duplicate_points_to_the_canonical_one_and_its_answers_stay_visible() {
    for app in apps() {
        let db = app.db().await;
        let moj = fixtures::org_id(&db, "moj").await;
        let facilitator = sign_in_as(app, Role::Facilitator, None).await;
        let keep_ref = unique("KEEP");
        let keep = new_recommendation(&facilitator, app, &keep_ref, "រក្សាទុក", &[moj], true).await;
        let dup = new_recommendation(&facilitator, app, &unique("DUP"), "ស្ទួន", &[moj], true).await;
        let official = sign_in_as(app, Role::Official, Some(moj)).await;
        respond(&official, app, dup, "noted", "Answered on the duplicate").await;

        // The form leads to a confirmation naming both sides; only from there is it done.
        let merge = format!("/en/curate/recommendations/{dup}/merge");
        let typed = keep_ref.to_lowercase();
        let response = facilitator
            .post(app, &merge, &[("canonical", typed.as_str())])
            .await;
        let to = location(&response);
        assert_eq!(to, format!("{merge}?canonical={typed}"), "not merged yet");
        let (_, confirm) = facilitator.get(app, &to).await;
        assert!(
            confirm.contains(&keep_ref),
            "{:?}: names the kept one",
            app.backend
        );
        assert!(confirm.contains("One answer."), "{confirm}");
        assert!(
            confirm.contains("value=\"1\" name=\"confirmed\"")
                || confirm.contains("name=\"confirmed\"")
        );
        let (_, km) = facilitator
            .get(
                app,
                &format!("/km/curate/recommendations/{dup}/merge?canonical={typed}"),
            )
            .await;
        assert!(km.contains("បញ្ចូល"), "Khmer confirmation");
        let response = facilitator
            .post(
                app,
                &merge,
                &[("canonical", typed.as_str()), ("confirmed", "1")],
            )
            .await;
        let to = location(&response);
        assert!(to.ends_with("merged=1"), "{to}");

        let page = client()
            .get(app.url(&format!("/en/recommendations/{keep}")))
            .send()
            .await;
        let page = match page {
            Ok(r) => r.text().await.unwrap_or_default(),
            Err(e) => panic!("{e}"),
        };
        assert!(
            page.contains("Answered on the duplicate"),
            "the duplicate's answer shows"
        );
        let dup_page = client()
            .get(app.url(&format!("/en/recommendations/{dup}")))
            .send()
            .await;
        let dup_page = match dup_page {
            Ok(r) => r.text().await.unwrap_or_default(),
            Err(e) => panic!("{e}"),
        };
        assert!(
            dup_page.contains(&format!("merged into {keep_ref}")),
            "{dup_page}"
        );
        // Merging into itself, into something merged or into a draft is refused: a public
        // page would point to something nobody can open.
        let draft_ref = unique("DRAFT");
        new_recommendation(&facilitator, app, &draft_ref, "សេចក្ដីព្រាង", &[moj], false).await;
        for target in [keep_ref.clone(), draft_ref, "<b>=1+1".to_string()] {
            let response = facilitator
                .post(
                    app,
                    &format!("/en/curate/recommendations/{keep}/merge"),
                    &[("canonical", target.as_str()), ("confirmed", "1")],
                )
                .await;
            let to = location(&response);
            assert!(to.ends_with("error=merge"), "{target}: {to}");
            let (_, confirm) = facilitator
                .get(
                    app,
                    &format!(
                        "/en/curate/recommendations/{keep}/merge?canonical={}",
                        urlencoding(&target)
                    ),
                )
                .await;
            assert!(confirm.contains("It cannot be merged into"), "{target}");
            assert!(
                !confirm.contains("name=\"confirmed\""),
                "{target}: no button"
            );
            assert!(!confirm.contains("<b>=1+1"), "escaped");
        }

        // Undone: the duplicate stands alone again; twice is once.
        for _ in 0..2 {
            let response = facilitator
                .post(
                    app,
                    &format!("/en/curate/recommendations/{dup}/unmerge"),
                    &[],
                )
                .await;
            assert!(
                location(&response).ends_with("unmerged=1"),
                "{:?}",
                app.backend
            );
        }
        let dup_page = client()
            .get(app.url(&format!("/en/recommendations/{dup}")))
            .send()
            .await;
        let dup_page = match dup_page {
            Ok(r) => r.text().await.unwrap_or_default(),
            Err(e) => panic!("{e}"),
        };
        assert!(!dup_page.contains("merged into"), "{:?}", app.backend);
        assert!(dup_page.contains("Answered on the duplicate"));
        let undone = audit_event::Entity::find()
            .filter(audit_event::Column::Action.eq("recommendation_unmerged"))
            .filter(
                audit_event::Column::ObjectId.eq(recommendation::Entity::find_by_id(dup)
                    .one(&db)
                    .await
                    .ok()
                    .flatten()
                    .map(|r| r.reference)
                    .unwrap_or_default()),
            )
            .count(&db)
            .await
            .unwrap_or_default();
        assert_eq!(undone, 1, "{:?}: audited once", app.backend);
    }
}

fn urlencoding(text: &str) -> String {
    form_urlencoded::byte_serialize(text.as_bytes()).collect()
}
