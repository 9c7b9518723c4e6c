//! A second official's approval, by clicking only, at phone width: an administrator ticks it
//! for an organisation on *Organisations*; one official sends an answer, which waits; another
//! finds it in the inbox under "Waiting for your approval" and approves it; anyone then reads
//! it on the public page. The second official works in Khmer.
use app::domain::role::Role;
use fantoccini::Client;
use tests::{TestApp, fixtures, tracker::new_recommendation};

use super::{click, element_text, fill, screenshot, set_value, sign_in_from_home, text, wait_for};

/// Scrolls what the screenshot is for into view.
async fn show(client: &Client, css: &str) {
    let script = format!("document.querySelector({css:?})?.scrollIntoView(); return true;");
    let _ = client.execute(&script, vec![]).await;
}

/// Opens a screen from the header, as a person would.
async fn from_header(client: &Client, lang: &str, screen: &str) {
    let path = format!("/{lang}/{screen}");
    click(
        client,
        &format!("header.site .staff-nav a[href=\"{path}\"]"),
    )
    .await;
    wait_for(
        client,
        &path,
        &format!("return location.pathname === {path:?} && document.readyState === 'complete'"),
    )
    .await;
}

pub async fn second_official_approves(client: &Client, app: &TestApp) {
    let tag = format!("{:?}", app.backend).to_lowercase();
    let db = app.db().await;
    let code = format!("two-{}", chrono::Utc::now().timestamp_micros() % 1_000_000);
    let org = {
        use app::ssr::entities::organisation;
        use sea_orm::{ActiveModelTrait, ActiveValue::Set};
        let made = organisation::ActiveModel {
            code: Set(code.clone()),
            name_en: Set(Some(format!("Two-key office {code}"))),
            original_lang: Set("en".into()),
            kind: Set(app::domain::org::OrgKind::Government),
            is_demo: Set(false),
            created_at: Set(chrono::Utc::now()),
            ..Default::default()
        };
        match made.insert(&db).await {
            Ok(o) => o.id,
            Err(e) => panic!("{tag}: {e}"),
        }
    };

    // The administrator ticks "a second official" for it.
    let (admin, secret) =
        fixtures::account_with_totp(&db, "approval-admin", Role::Admin, None).await;
    sign_in_from_home(client, app, "en", &admin, Some(&secret)).await;
    from_header(client, "en", "organisations").await;
    let form = format!("form[action=\"/en/organisations/{org}\"]");
    click(client, &format!("{form} input[name=answers_need_approval]")).await;
    click(client, &format!("{form} button[type=submit]")).await;
    wait_for(
        client,
        "the saved organisation",
        &format!("return document.querySelector('{form} input[name=answers_need_approval]')?.checked === true"),
    )
    .await;
    screenshot(client, &format!("approval-organisations-{tag}")).await;

    let facilitator = tests::session::sign_in_as(app, Role::Facilitator, None).await;
    let reference = format!("AP-{}", chrono::Utc::now().timestamp_micros() % 1_000_000);
    let id = new_recommendation(&facilitator, app, &reference, "ការយល់ព្រម", &[org], true).await;
    let writer = fixtures::account(&db, "approval-writer", Role::Official, Some(org)).await;
    let checker = fixtures::account(&db, "approval-checker", Role::Official, Some(org)).await;

    // The first official answers; the preview says it will wait.
    sign_in_from_home(client, app, "en", &writer, None).await;
    from_header(client, "en", "inbox").await;
    click(client, &format!("a[href=\"/en/inbox/{id}\"]")).await;
    wait_for(
        client,
        "the answer page",
        "return !!document.querySelector('#response-choice')",
    )
    .await;
    set_value(client, "#response-choice", "accepted").await;
    set_value(client, "#response-original_lang", "en").await;
    fill(
        client,
        "#response-text_en",
        "We accept, once two of us agree.",
    )
    .await;
    click(
        client,
        "section.answer-response form.stacked button[type=submit]",
    )
    .await;
    wait_for(
        client,
        "the preview",
        "return location.search.includes('preview=response')",
    )
    .await;
    let preview = element_text(client, "#response-preview").await;
    assert!(
        preview.contains("waits for another official"),
        "{tag}: {preview}"
    );
    show(client, "#response-preview").await;
    screenshot(client, &format!("approval-preview-{tag}")).await;
    click(client, "#response-preview button[type=submit]").await;
    wait_for(
        client,
        "the draft",
        "return location.search.includes('saved=drafted')",
    )
    .await;
    let waiting = element_text(client, "section.drafts").await;
    assert!(waiting.contains("You wrote this"), "{tag}: {waiting}");
    show(client, "section.drafts").await;
    screenshot(client, &format!("approval-drafted-{tag}")).await;

    // The second official, in Khmer, finds it from the header and approves it.
    sign_in_from_home(client, app, "km", &checker, None).await;
    from_header(client, "km", "inbox").await;
    let asks = element_text(client, "section.inbox-to-approve").await;
    assert!(asks.contains("កំពុងរង់ចាំការយល់ព្រមរបស់អ្នក"), "{tag}: {asks}");
    click(
        client,
        &format!("section.inbox-to-approve a[href=\"/km/inbox/{id}\"]"),
    )
    .await;
    wait_for(
        client,
        "the drafts",
        "return !!document.querySelector('section.drafts')",
    )
    .await;
    show(client, "section.drafts").await;
    screenshot(client, &format!("approval-to-approve-km-{tag}")).await;
    click(
        client,
        "section.drafts form[action$=\"/approve\"] button[type=submit]",
    )
    .await;
    wait_for(
        client,
        "the approval",
        "return location.search.includes('saved=approved')",
    )
    .await;
    let left = text(
        client,
        "return document.querySelector('section.drafts') ? 'drafts' : ''",
    )
    .await;
    assert!(left.is_empty(), "{tag}: nothing waits any more");

    // Anyone reads it.
    if let Err(e) = client.delete_all_cookies().await {
        panic!("cannot sign out: {e}");
    }
    if let Err(e) = client
        .goto(&app.url(&format!("/en/recommendations/{id}")))
        .await
    {
        panic!("cannot open the public page: {e}");
    }
    let timeline = element_text(client, "section.timelines").await;
    assert!(
        timeline.contains("once two of us agree"),
        "{tag}: {timeline}"
    );
}
