//! Paper forms for outreach: a facilitator prints a batch, each sheet with its own code; a
//! returned sheet is typed in under its code, once, marked "on paper"; the survivor reads the
//! reply with her slip; unused codes expire with their batch.
use app::{domain::role::Role, ssr::entities::feedback};
use chrono::TimeDelta;
use reqwest::StatusCode;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use tests::{
    TestApp, isolated_apps,
    session::{Signed, sign_in_as},
    survivor::{count, dump_database, feedback_fields, latin_digits, post},
};

/// Prints `sheets` sheets valid for `days`; the printed codes in Latin digits.
async fn print(app: &TestApp, who: &Signed, sheets: &str, days: &str) -> Vec<String> {
    let printed = who
        .post(
            app,
            "/en/paper",
            &[("sheets", sheets), ("sheet_lang", "km"), ("days", days)],
        )
        .await;
    assert_eq!(printed.status(), StatusCode::OK);
    let page = printed.text().await.unwrap_or_default();
    assert!(page.contains("lang=\"km\""), "the sheets in Khmer");
    assert!(!page.contains("<script"), "a printed page runs nothing");
    page.split("class=\"paper-code\"")
        .skip(1)
        .map(|sheet| {
            let code = sheet
                .split("<strong>")
                .nth(1)
                .and_then(|r| r.split('<').next())
                .unwrap_or_default();
            latin_digits(code)
        })
        .collect()
}

/// The pass and fields of "type in a returned sheet", as the facilitator's page gives them.
async fn entry_pass(app: &TestApp, who: &Signed) -> String {
    let (status, page) = who.get(app, "/en/paper/enter").await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("name=\"paper_code\""), "{page}");
    assert!(
        page.contains("action=\"/en/feedback\""),
        "the survivors' route"
    );
    page.split("name=\"assisted\" value=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap_or_else(|| panic!("no pass on the page"))
        .to_string()
}

async fn enter(app: &TestApp, pass: &str, code: &str, text: &'static str) -> tests::survivor::Page {
    let mut fields = feedback_fields(text);
    fields.push(("assisted", pass));
    fields.push(("paper_code", code));
    post(app, "/en/feedback", &fields, &[]).await
}

async fn on_paper(app: &TestApp) -> usize {
    feedback::Entity::find()
        .filter(feedback::Column::Channel.eq("paper"))
        .all(&app.db().await)
        .await
        .unwrap_or_default()
        .len()
}

#[tokio::test]
async fn a_printed_sheet_is_typed_in_once_and_its_slip_opens_the_reply() {
    for app in &isolated_apps() {
        let facilitator = sign_in_as(app, Role::Facilitator, None).await;
        let (status, page) = facilitator.get(app, "/en/paper").await;
        assert_eq!(status, StatusCode::OK);
        assert!(page.contains("Print a batch") && page.contains("can still come back: 0"));
        let (_, home) = facilitator.get(app, "/en/").await;
        assert!(
            home.contains("href=\"/en/paper\""),
            "the header leads there"
        );

        let codes = print(app, &facilitator, "៣", "90").await;
        assert_eq!(codes.len(), 3, "Khmer digits read as 3");
        assert!(codes.iter().all(|c| c.len() == 20));
        assert_eq!(count(app, "paper_codes").await, 3);
        let dump = dump_database(app).await;
        assert!(
            codes.iter().all(|c| !dump.contains(c.as_str())),
            "codes are stored only hashed"
        );
        let (_, page) = facilitator.get(app, "/en/paper").await;
        assert!(page.contains("can still come back: 3"));

        // One sheet comes back and is typed in, spaces and all.
        let pass = entry_pass(app, &facilitator).await;
        let spaced = format!("{} {}", &codes[0][..10], &codes[0][10..]);
        let entered = enter(app, &pass, &spaced, "The shelter was safe.").await;
        assert_eq!(entered.status, StatusCode::OK, "{}", entered.body);
        assert!(entered.body.contains("The sheet is typed in"));
        assert!(
            !entered.body.contains(&codes[0]),
            "no code shown: she has her slip"
        );
        assert_eq!(on_paper(app).await, 1);
        assert_eq!(count(app, "paper_codes").await, 2);

        // A facilitator replies; her slip opens the thread, and she reads the reply there.
        let stored = tests::sealed::feedback_with_text(app, "The shelter was safe.").await;
        assert_eq!(stored.channel, "paper");
        let reply = "Thank you for your sheet. We read it.";
        let replied = facilitator
            .post(
                app,
                &format!("/en/moderation/feedback/{}/reply", stored.id),
                &[("body", reply)],
            )
            .await;
        assert!(replied.status().is_redirection(), "{}", replied.status());
        let thread = post(app, "/en/receipt", &[("code", &codes[0])], &[]).await;
        assert_eq!(thread.status, StatusCode::OK);
        assert!(thread.body.contains("The shelter was safe.") && thread.body.contains(reply));

        // The same sheet again: refused, nothing saved, every answer kept.
        let again = enter(app, &pass, &codes[0], "Typed twice").await;
        assert_eq!(again.status, StatusCode::CONFLICT);
        assert!(again.body.contains("typed in before") && again.body.contains("Typed twice"));
        assert_eq!(on_paper(app).await, 1);

        // A code no batch printed, a malformed one, none at all, and no pass.
        let mut made_up = codes[1].clone().into_bytes();
        made_up[19] = if made_up[19] == b'0' { b'1' } else { b'0' };
        let made_up = String::from_utf8(made_up).unwrap_or_default();
        let unknown = enter(app, &pass, &made_up, "").await;
        assert_eq!(unknown.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(unknown.body.contains("No printed sheet has this code"));
        let short = enter(app, &pass, "12345", "").await;
        assert_eq!(short.status, StatusCode::UNPROCESSABLE_ENTITY);
        let missing = enter(app, &pass, "", "").await;
        assert!(missing.body.contains("Type the code printed at the top"));
        let mut no_pass = feedback_fields("");
        no_pass.push(("paper_code", codes[1].as_str()));
        let refused = post(app, "/en/feedback", &no_pass, &[]).await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(
            on_paper(app).await,
            1,
            "only a facilitator's page says 'on paper'"
        );
        assert_eq!(
            count(app, "paper_codes").await,
            2,
            "nothing spent by mistakes"
        );

        // Officials cannot print.
        let official = sign_in_as(app, Role::Official, Some(1)).await;
        let denied = official
            .post(
                app,
                "/en/paper",
                &[("sheets", "2"), ("sheet_lang", "en"), ("days", "30")],
            )
            .await;
        assert_ne!(denied.status(), StatusCode::OK);
        assert_eq!(count(app, "paper_codes").await, 2);
    }
}

#[tokio::test]
async fn bad_batches_are_refused_plainly_and_unused_codes_expire() {
    for app in &isolated_apps() {
        let facilitator = sign_in_as(app, Role::Facilitator, None).await;
        for (sheets, days, lang) in [
            ("0", "90", "km"),
            ("51", "90", "km"),
            ("=1+1", "90", "km"),
            ("5", "7", "km"),
            ("5", "90", "fr"),
        ] {
            let refused = facilitator
                .post(
                    app,
                    "/km/paper",
                    &[("sheets", sheets), ("days", days), ("sheet_lang", lang)],
                )
                .await;
            let location = refused
                .headers()
                .get("location")
                .and_then(|v| v.to_str().ok())
                .unwrap_or_default()
                .to_string();
            assert!(
                location.starts_with("/km/paper?error="),
                "{sheets} {days} {lang}: {location}"
            );
            let (_, page) = facilitator.get(app, &location).await;
            assert!(
                page.contains("role=\"alert\""),
                "the reason is shown: {location}"
            );
        }
        assert_eq!(count(app, "paper_codes").await, 0);

        let codes = print(app, &facilitator, "2", "30").await;
        let pass = entry_pass(app, &facilitator).await;
        app.clock.advance(TimeDelta::days(31));
        // Her session and the pass are older than 12 hours too: signed in again, a fresh page.
        let facilitator = sign_in_as(app, Role::Facilitator, None).await;
        let pass_now = entry_pass(app, &facilitator).await;
        assert_ne!(pass, pass_now);
        let late = enter(app, &pass_now, &codes[0], "Came back late").await;
        assert_eq!(late.status, StatusCode::GONE);
        assert!(
            late.body.contains("after its batch expired") && late.body.contains("Came back late")
        );
        let old_pass = enter(app, &pass, &codes[1], "Old page").await;
        assert!(
            old_pass.body.contains("This page has expired") && old_pass.body.contains("Old page")
        );
        assert!(
            old_pass.body.contains("name=\"paper_code\""),
            "still the paper form"
        );
        assert_eq!(on_paper(app).await, 0);

        let swept = app::ssr::retention::sweep(&app.db().await, &app.clock)
            .await
            .unwrap_or_else(|e| panic!("sweep: {e}"));
        assert_eq!(swept.paper_codes, 2);
        assert_eq!(count(app, "paper_codes").await, 0);
    }
}
