//! Paper forms, by clicking only, in Khmer at phone width with JavaScript off: a facilitator
//! opens "Paper forms" from the header, prints two sheets (to PDF, as Chromium prints them:
//! one A4 page per sheet), types one returned sheet in under its code, and the survivor
//! reads her feedback with the code from her slip.
use app::domain::role::Role;
use fantoccini::{Client, Locator, wd::PrintConfiguration};
use tests::{TestApp, fixtures, workspace_root};

use super::{click, fill, look_wide_in_english, screenshot, sign_in_from_home, text, wait_for};

pub async fn facilitator_prints_and_types_in_a_sheet(client: &Client, app: &TestApp) {
    let tag = format!("{:?}", app.backend).to_lowercase();
    let db = app.db().await;
    let email = fixtures::account(&db, "paper", Role::Facilitator, None).await;
    sign_in_from_home(client, app, "km", &email, None).await;
    click(client, "header.site .staff-nav a[href=\"/km/paper\"]").await;
    wait_for(
        client,
        "the paper page",
        "return !!document.querySelector('#paper-sheets')",
    )
    .await;
    screenshot(client, &format!("paper-page-km-{tag}")).await;
    match client.find(Locator::Css("#paper-sheets")).await {
        Ok(field) => {
            let _ = field.clear().await;
        }
        Err(e) => panic!("{tag}: no sheet count: {e}"),
    }
    fill(client, "#paper-sheets", "2").await;
    click(client, "form.stacked button[type=submit]").await;
    wait_for(
        client,
        "the printed sheets",
        "return document.querySelectorAll('article.paper-sheet').length === 2",
    )
    .await;
    screenshot(client, &format!("paper-sheets-km-{tag}")).await;
    let pdf = match client
        .print(
            PrintConfiguration::builder()
                .background(true)
                .build()
                .unwrap_or_else(|e| panic!("print settings: {e}")),
        )
        .await
    {
        Ok(pdf) => pdf,
        Err(e) => panic!("{tag}: cannot print to PDF: {e}"),
    };
    assert!(pdf.starts_with(b"%PDF"), "{tag}: not a PDF");
    let dir = workspace_root().join("target/screenshots");
    let _ = std::fs::create_dir_all(&dir);
    let _ = std::fs::write(dir.join(format!("paper-sheets-km-{tag}.pdf")), &pdf);
    // One A4 page per sheet: its slip on the same page.
    let raw = String::from_utf8_lossy(&pdf);
    let pages = raw.matches("/Type /Page").count() - raw.matches("/Type /Pages").count();
    assert_eq!(pages, 2, "{tag}: {pages} pages for two sheets");
    let code = text(
        client,
        "return document.querySelector('.paper-slip .receipt-code').textContent",
    )
    .await;
    assert_eq!(
        code.chars().filter(|c| !c.is_whitespace()).count(),
        20,
        "{tag}: {code}"
    );

    // The paper page in English on a laptop.
    click(client, "div.notice a[href=\"/km/paper\"]").await;
    wait_for(
        client,
        "the paper page",
        "return !!document.querySelector('#paper-sheets')",
    )
    .await;
    look_wide_in_english(client, &format!("paper-page-en-laptop-{tag}")).await;

    // The sheet comes back: typed in from "Paper forms", by clicking.
    click(client, "header.site .staff-nav a[href=\"/km/paper\"]").await;
    click(client, "a.button[href=\"/km/paper/enter\"]").await;
    wait_for(
        client,
        "the sheet's form",
        "return !!document.querySelector('#paper-code-box')",
    )
    .await;
    fill(client, "#paper-code-box", &code).await;
    click(client, "input[name=service][value=shelter]").await;
    match client.find(Locator::Css("#province-select")).await {
        Ok(select) => {
            if let Err(e) = select.select_by_value("siem-reap").await {
                panic!("{tag}: cannot choose the province: {e}");
            }
        }
        Err(e) => panic!("{tag}: no province list: {e}"),
    }
    for q in ["respect", "safe", "privacy", "rights", "choice", "helped"] {
        click(client, &format!("input[name=q-{q}][value=yes]")).await;
    }
    let words = format!(
        "ខ្ញុំមានសុវត្ថិភាព {}",
        chrono::Utc::now().timestamp_micros() % 1_000_000
    );
    fill(client, "#text-box", &words).await;
    screenshot(client, &format!("paper-enter-km-{tag}")).await;
    click(client, "form.survivor button[type=submit]").await;
    wait_for(
        client,
        "the sheet typed in",
        "return !!document.querySelector('section.received')",
    )
    .await;
    screenshot(client, &format!("paper-entered-km-{tag}")).await;
    let stored = tests::sealed::feedback_with_text(app, &words).await;
    assert_eq!(stored.channel, "paper", "{tag}");

    // The survivor, with her slip: from the home page to her words.
    if let Err(e) = client.delete_all_cookies().await {
        panic!("cannot sign out: {e}");
    }
    if let Err(e) = client.goto(&app.url("/km/")).await {
        panic!("cannot open the home page: {e}");
    }
    click(client, "a.button[href=\"/km/receipt\"]").await;
    fill(client, "input[name=code]", &code).await;
    click(client, "form.survivor button[type=submit]").await;
    wait_for(
        client,
        "her words on the thread",
        &format!("return document.body.innerText.includes({words:?})"),
    )
    .await;
    screenshot(client, &format!("paper-slip-thread-km-{tag}")).await;
}
