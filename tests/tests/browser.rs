//! In Debian's Chromium: the Khmer tracker renders, its filters apply themselves, and the language
//! switch works. Needs `chromium` and `chromedriver` (installed by `scripts/setup`).
use std::{
    net::TcpListener,
    process::{Child, Command, Stdio},
    time::{Duration, Instant},
};

use app::{domain::role::Role, ssr::auth::totp};
use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::json;
use tests::{TestApp, apps, fixtures, workspace_root};

#[path = "browser/accessibility.rs"]
mod accessibility;
#[path = "browser/approval.rs"]
mod approval;
#[path = "browser/assisted.rs"]
mod assisted;
#[path = "browser/first_screen.rs"]
mod first_screen;
#[path = "browser/forum_day.rs"]
mod forum_day;
#[path = "browser/paper.rs"]
mod paper;
#[path = "browser/prompts.rs"]
mod prompts;

/// Ends chromedriver when the test ends, however it ends.
struct Driver(Child);

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> u16 {
    match TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()) {
        Ok(addr) => addr.port(),
        Err(e) => panic!("no free port: {e}"),
    }
}

async fn browser() -> (Driver, Client) {
    browser_with(true).await
}

/// Chromium, with JavaScript on or off (as on a phone where it is turned off).
async fn browser_with(javascript: bool) -> (Driver, Client) {
    let port = free_port();
    let child = Command::new("chromedriver")
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn();
    let driver = match child {
        Ok(c) => Driver(c),
        Err(e) => panic!("chromedriver is not installed ({e}): run scripts/setup"),
    };
    let profile = tempfile::tempdir().map(|d| d.keep()).unwrap_or_default();
    let caps = json!({
        "goog:chromeOptions": {
            "binary": "/usr/bin/chromium",
            "args": [
                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--disable-quic",
                "--window-size=390,900",
                format!("--user-data-dir={}", profile.display()),
            ],
            "prefs": {
                "profile.managed_default_content_settings.javascript": if javascript { 1 } else { 2 }
            }
        }
    });
    let Some(caps) = caps.as_object().cloned() else {
        panic!("capabilities")
    };
    let started = Instant::now();
    loop {
        let attempt = ClientBuilder::new(HttpConnector::new())
            .capabilities(caps.clone())
            .connect(&format!("http://127.0.0.1:{port}"))
            .await;
        match attempt {
            Ok(client) => return (driver, client),
            Err(e) if started.elapsed() > Duration::from_secs(30) => {
                panic!("cannot start Chromium through chromedriver: {e}")
            }
            Err(_) => tokio::time::sleep(Duration::from_millis(250)).await,
        }
    }
}

/// Polls `script` (which returns a boolean) until it is true.
async fn wait_for(client: &Client, what: &str, script: &str) {
    if !poll(client, script, Duration::from_secs(90)).await {
        panic!(
            "timed out waiting for {what} ({})",
            page_state(client).await
        );
    }
}

/// Whether `script` became true within `limit`.
async fn poll(client: &Client, script: &str, limit: Duration) -> bool {
    let started = Instant::now();
    loop {
        if let Ok(value) = client.execute(script, vec![]).await
            && value.as_bool() == Some(true)
        {
            return true;
        }
        if started.elapsed() > limit {
            return false;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

/// Waits for the page's WASM to run. A file load lost on a starved machine gets one reload,
/// reported on stderr with what had loaded; a page that never runs still fails.
async fn wait_for_hydration(client: &Client) {
    const RUNNING: &str = "return document.documentElement.dataset.hydrated === 'true'";
    if poll(client, RUNNING, Duration::from_secs(45)).await {
        return;
    }
    eprintln!(
        "not running after 45 s, reloading once: {}",
        page_state(client).await
    );
    if let Err(e) = client.refresh().await {
        panic!("cannot reload: {e}");
    }
    if !poll(client, RUNNING, Duration::from_secs(45)).await {
        panic!("the page's WASM never ran ({})", page_state(client).await);
    }
}

/// The address, load state and every file the page fetched: what a timeout needs to be read.
async fn page_state(client: &Client) -> String {
    let url = client
        .current_url()
        .await
        .map(|u| u.to_string())
        .unwrap_or_default();
    let files = client
        .execute(
            "return document.readyState + '; ' + performance.getEntriesByType('resource')\
             .map(e => e.name + ' ' + Math.round(e.duration) + ' ms ' + e.responseStatus)\
             .join(', ')",
            vec![],
        )
        .await
        .map(|v| v.as_str().unwrap_or_default().to_string())
        .unwrap_or_else(|e| format!("no script: {e}"));
    format!("at {url}: {files}")
}

async fn text(client: &Client, script: &str) -> String {
    match client.execute(script, vec![]).await {
        Ok(v) => v.as_str().unwrap_or_default().to_string(),
        Err(e) => panic!("script failed: {e}"),
    }
}

async fn screenshot(client: &Client, name: &str) {
    let dir = workspace_root().join("target/screenshots");
    let _ = std::fs::create_dir_all(&dir);
    if let Ok(png) = client.screenshot().await {
        let _ = std::fs::write(dir.join(format!("{name}.png")), png);
    }
}

const CARDS: &str = "return document.querySelectorAll('article.card').length";

async fn tracker_in_khmer_hydrates_and_switches_language(client: &Client, app: &TestApp) {
    let tag = format!("{:?}", app.backend).to_lowercase();
    if let Err(e) = client.goto(&app.url("/km/recommendations")).await {
        panic!("cannot open the tracker: {e}");
    }
    assert_eq!(
        text(client, "return document.documentElement.lang").await,
        "km"
    );
    assert_eq!(
        text(client, "return document.querySelector('h1').textContent").await,
        "អនុសាសន៍"
    );
    let cards = client
        .execute(CARDS, vec![])
        .await
        .ok()
        .and_then(|v| v.as_u64());
    assert!(cards.unwrap_or(0) >= 15, "{tag}: {cards:?} cards");
    wait_for_hydration(client).await;
    screenshot(client, &format!("tracker-km-{tag}")).await;

    // With WASM, choosing a filter applies it: no click on the Apply button.
    match client
        .find(Locator::Css("details.filters-box summary"))
        .await
    {
        Ok(summary) => {
            if let Err(e) = summary.click().await {
                panic!("cannot open the filters: {e}");
            }
        }
        Err(e) => panic!("no filter box: {e}"),
    }
    let select = match client.find(Locator::Css("select[name=theme]")).await {
        Ok(el) => el,
        Err(e) => panic!("no theme filter: {e}"),
    };
    if let Err(e) = select.select_by_value("prosecution").await {
        panic!("cannot choose a theme: {e}");
    }
    wait_for(
        client,
        "the filtered list",
        "return location.search.includes('theme=prosecution') \
         && document.querySelectorAll('article.card').length === 4",
    )
    .await;

    // The language switch keeps the page and its filters.
    match client.find(Locator::Css("a.lang-switch")).await {
        Ok(link) => {
            if let Err(e) = link.click().await {
                panic!("cannot switch language: {e}");
            }
        }
        Err(e) => panic!("no language switch: {e}"),
    }
    wait_for(
        client,
        "the English page",
        "return document.documentElement.lang === 'en'",
    )
    .await;
    let url = client
        .current_url()
        .await
        .map(|u| u.to_string())
        .unwrap_or_default();
    assert!(
        url.contains("/en/recommendations?") && url.contains("theme=prosecution"),
        "{tag}: {url}"
    );
    assert_eq!(
        text(client, "return document.querySelector('h1').textContent").await,
        "Recommendations"
    );
    let cards = client
        .execute(CARDS, vec![])
        .await
        .ok()
        .and_then(|v| v.as_u64());
    assert_eq!(cards, Some(4), "{tag}");
    screenshot(client, &format!("tracker-en-{tag}")).await;
}

async fn fill(client: &Client, css: &str, text: &str) {
    match client.find(Locator::Css(css)).await {
        Ok(field) => {
            if let Err(e) = field.send_keys(text).await {
                panic!("cannot type into {css}: {e}");
            }
        }
        Err(e) => panic!("no field {css}: {e}"),
    }
}

/// The page in English at laptop width, for a look at the wide layout (saved as `name`);
/// then back to Khmer at phone width, by the language switch.
async fn look_wide_in_english(client: &Client, name: &str) {
    if let Err(e) = client.set_window_size(1280, 900).await {
        panic!("cannot widen the window: {e}");
    }
    click(client, "a.lang-switch").await;
    wait_for(
        client,
        "English",
        "return document.documentElement.lang === 'en'",
    )
    .await;
    screenshot(client, name).await;
    click(client, "a.lang-switch").await;
    wait_for(
        client,
        "Khmer",
        "return document.documentElement.lang === 'km'",
    )
    .await;
    if let Err(e) = client.set_window_size(390, 900).await {
        panic!("cannot narrow the window: {e}");
    }
}

async fn click(client: &Client, css: &str) {
    // On a phone the header's links are in its menu: a person taps "Menu" first.
    let open_menu = format!(
        "const e = document.querySelector({css:?}); \
         const d = e && e.closest('details:not([open])'); \
         if (d) {{ d.querySelector('summary').click(); }} return true;"
    );
    let _ = client.execute(&open_menu, vec![]).await;
    match client.find(Locator::Css(css)).await {
        Ok(el) => {
            if let Err(e) = el.click().await {
                panic!("cannot click {css}: {e}");
            }
        }
        Err(e) => panic!("nothing to click at {css}: {e}"),
    }
}

async fn facilitator_signs_in_in_khmer_with_two_step_and_out(client: &Client, app: &TestApp) {
    let tag = format!("{:?}", app.backend).to_lowercase();
    let db = app.db().await;
    let (email, secret) =
        fixtures::account_with_totp(&db, "browser", Role::Facilitator, None).await;
    if let Err(e) = client.goto(&app.url("/km/login")).await {
        panic!("cannot open sign-in: {e}");
    }
    assert_eq!(
        text(client, "return document.querySelector('h1').textContent").await,
        "ចូលគណនី"
    );
    fill(client, "#email", &email).await;
    fill(client, "#password", fixtures::PASSWORD).await;
    click(client, "form.stacked button[type=submit]").await;
    wait_for(
        client,
        "the code step",
        "return location.pathname === '/km/login/code'",
    )
    .await;
    assert_eq!(
        text(client, "return document.querySelector('h1').textContent").await,
        "បញ្ចូលលេខកូដរបស់អ្នក"
    );
    let code = totp::code_at(&secret, chrono::Utc::now().timestamp()).unwrap_or_default();
    fill(client, "#code", &code).await;
    click(client, "form.stacked button[type=submit]").await;
    wait_for(
        client,
        "the account page",
        "return location.pathname === '/km/account'",
    )
    .await;
    let role = text(
        client,
        "return document.querySelector('dd.role').textContent",
    )
    .await;
    assert_eq!(role, "អ្នកសម្របសម្រួល", "{tag}");
    screenshot(client, &format!("account-km-{tag}")).await;

    click(client, "form[action='/km/logout'] button").await;
    wait_for(
        client,
        "the home page",
        "return location.pathname === '/km/'",
    )
    .await;
    if let Err(e) = client.goto(&app.url("/km/account")).await {
        panic!("cannot reopen the account page: {e}");
    }
    let body = text(client, "return document.body.textContent").await;
    assert!(
        body.contains("សូមចូលគណនី ដើម្បីមើលទំព័រនេះ។"),
        "{tag}: still signed in"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_facilitator_signs_in_in_khmer_with_two_step_and_signs_out() {
    let (_driver, client) = browser().await;
    for app in apps() {
        facilitator_signs_in_in_khmer_with_two_step_and_out(&client, app).await;
    }
    let _ = client.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn khmer_tracker_renders_hydrates_and_switches_to_english() {
    let (_driver, client) = browser().await;
    for app in apps() {
        tracker_in_khmer_hydrates_and_switches_language(&client, app).await;
    }
    let _ = client.close().await;
}

async fn attr(client: &Client, css: &str, name: &str) -> Option<String> {
    match client.find(Locator::Css(css)).await {
        Ok(el) => el.attr(name).await.ok().flatten(),
        Err(e) => panic!("no element {css}: {e}"),
    }
}

/// The text of the element, once it is there (a form post may still be loading).
async fn element_text(client: &Client, css: &str) -> String {
    let found = client
        .wait()
        .at_most(Duration::from_secs(20))
        .for_element(Locator::Css(css))
        .await;
    match found {
        Ok(el) => el.text().await.unwrap_or_default(),
        Err(e) => panic!("no element {css}: {e}"),
    }
}

async fn survivor_path_in_khmer_without_javascript(client: &Client, app: &TestApp) {
    let tag = format!("{:?}", app.backend).to_lowercase();
    // JavaScript is off: the home page never hydrates.
    if let Err(e) = client.goto(&app.url("/km/")).await {
        panic!("cannot open the home page: {e}");
    }
    tokio::time::sleep(Duration::from_millis(1500)).await;
    assert_eq!(
        attr(client, "html", "data-hydrated").await,
        None,
        "{tag}: JavaScript ran"
    );

    click(client, "a[href='/km/feedback']").await;
    element_text(client, "#province-select").await;
    assert_eq!(element_text(client, "h1").await, "ប្រាប់យើងអំពីសេវាមួយ");
    click(client, "input[name=service][value=shelter]").await;
    match client.find(Locator::Css("#province-select")).await {
        Ok(select) => {
            if let Err(e) = select.select_by_value("siem-reap").await {
                panic!("cannot choose the province: {e}");
            }
        }
        Err(e) => panic!("no province list: {e}"),
    }
    for q in ["respect", "safe", "privacy", "rights", "choice", "helped"] {
        click(client, &format!("input[name=q-{q}][value=yes]")).await;
    }
    fill(client, "#text-box", "បុគ្គលិកបានជួយខ្ញុំច្រើន").await;
    screenshot(client, &format!("feedback-km-{tag}")).await;
    click(client, "form.survivor button[type=submit]").await;

    // The code, as a survivor copies it down: Khmer digits in four groups.
    let code = element_text(client, "#receipt-code").await;
    assert_eq!(code.split(' ').count(), 4, "{tag}: {code}");
    assert!(
        code.chars().all(|c| c == ' ' || ('០'..='៩').contains(&c)),
        "{code}"
    );
    screenshot(client, &format!("receipt-km-{tag}")).await;

    // A facilitator answers in the thread.
    let item = tests::sealed::feedback_with_text(app, "បុគ្គលិកបានជួយខ្ញុំច្រើន").await;
    let facilitator = tests::session::sign_in_as(app, Role::Facilitator, None).await;
    let reply = facilitator
        .http
        .post(app.url(&format!("/km/moderation/feedback/{}/reply", item.id)))
        .form(&[
            ("csrf", facilitator.csrf.as_str()),
            ("body", "សូមអរគុណ។ យើងបានអានហើយ។"),
        ])
        .send()
        .await;
    assert!(
        reply.is_ok_and(|r| r.status().is_redirection()),
        "{tag}: reply not sent"
    );

    // The survivor comes back and types the code as written down.
    if let Err(e) = client.goto(&app.url("/km/receipt")).await {
        panic!("cannot open the receipt page: {e}");
    }
    fill(client, "#code-box", &code).await;
    click(client, "form.survivor button[type=submit]").await;
    let messages = element_text(client, "ol.messages").await;
    assert!(
        messages.contains("សូមអរគុណ។ យើងបានអានហើយ។"),
        "{tag}: {messages}"
    );
    assert_eq!(
        client
            .current_url()
            .await
            .map(|u| u.path().to_string())
            .unwrap_or_default(),
        "/km/receipt",
        "the address never carries the code"
    );
    fill(client, "#reply-box", "អរគុណច្រើន").await;
    click(client, "form.survivor button[type=submit]").await;
    assert_eq!(
        element_text(client, "p.notice.done").await,
        "បានផ្ញើចម្លើយរបស់អ្នកហើយ។"
    );
    assert!(
        element_text(client, "ol.messages")
            .await
            .contains("អរគុណច្រើន")
    );
    screenshot(client, &format!("thread-km-{tag}")).await;
    let cookies = client.get_all_cookies().await.unwrap_or_default();
    assert!(cookies.is_empty(), "{tag}: a cookie was set: {cookies:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_survivor_gives_feedback_and_comes_back_in_khmer_without_javascript() {
    let (_driver, client) = browser_with(false).await;
    for app in apps() {
        survivor_path_in_khmer_without_javascript(&client, app).await;
    }
    let _ = client.close().await;
}

async fn sign_in(client: &Client, app: &TestApp, email: &str) {
    if let Err(e) = client.delete_all_cookies().await {
        panic!("cannot sign out: {e}");
    }
    if let Err(e) = client.goto(&app.url("/en/login")).await {
        panic!("cannot open sign-in: {e}");
    }
    fill(client, "#email", email).await;
    fill(client, "#password", fixtures::PASSWORD).await;
    click(client, "form.stacked button[type=submit]").await;
    wait_for(
        client,
        "the account page",
        "return location.pathname === '/en/account'",
    )
    .await;
}

/// Sets a form field's value as a person choosing it would (selects and date pickers).
async fn set_value(client: &Client, css: &str, value: &str) {
    let script = format!(
        "const e = document.querySelector({css:?}); e.value = {value:?}; return e.value === {value:?};"
    );
    match client.execute(&script, vec![]).await {
        Ok(serde_json::Value::Bool(true)) => {}
        other => panic!("cannot set {css}: {other:?}"),
    }
}

async fn recommendation_from_facilitator_to_implemented(client: &Client, app: &TestApp) {
    let tag = format!("{:?}", app.backend).to_lowercase();
    let db = app.db().await;
    let mosvy = fixtures::org_id(&db, "mosvy").await;
    let facilitator = fixtures::account(&db, "curator", Role::Facilitator, None).await;
    let official = fixtures::account(&db, "mosvy-official", Role::Official, Some(mosvy)).await;
    let reference = format!("BR-{}", chrono::Utc::now().timestamp_micros() % 1_000_000);

    // The facilitator writes the recommendation and publishes it to the ministry.
    sign_in(client, app, &facilitator).await;
    if let Err(e) = client
        .goto(&app.url("/en/curate/recommendations/new"))
        .await
    {
        panic!("cannot open the editor: {e}");
    }
    fill(client, "#reference", &reference).await;
    fill(client, "#title_km", "ផ្ដល់ទីជម្រកសុវត្ថិភាពនៅគ្រប់ខេត្ត").await;
    fill(client, "#title_en", "A safe shelter in every province").await;
    set_value(client, "#translation_state", "human").await;
    click(client, &format!("#body-{mosvy}")).await;
    click(client, "button[name=publish]").await;
    wait_for(
        client,
        "the saved recommendation",
        "return location.search.includes('saved=1')",
    )
    .await;
    let id: i32 = text(client, "return location.pathname.split('/').pop()")
        .await
        .parse()
        .unwrap_or_else(|_| panic!("{tag}: no id in the URL"));

    // The ministry's official accepts it with a commitment, then reports it done.
    sign_in(client, app, &official).await;
    if let Err(e) = client.goto(&app.url(&format!("/en/inbox/{id}"))).await {
        panic!("cannot open the answer page: {e}");
    }
    set_value(client, "#response-choice", "accepted").await;
    set_value(client, "#response-original_lang", "en").await;
    fill(
        client,
        "#response-text_en",
        "We accept this recommendation.",
    )
    .await;
    fill(client, "#response-commitment_km", "បើកទីជម្រកចំនួន ៥ បន្ថែម").await;
    set_value(client, "#response-due_on", "2027-12-31").await;
    confirm_answer(client, "response").await;
    wait_for(
        client,
        "the saved response",
        "return location.search.includes('saved=response')",
    )
    .await;
    set_value(client, "#progress-choice", "implemented").await;
    set_value(client, "#progress-original_lang", "km").await;
    fill(client, "#progress-text_km", "ទីជម្រកទាំង ៥ បានបើកហើយ").await;
    confirm_answer(client, "progress").await;
    wait_for(
        client,
        "the saved progress",
        "return location.search.includes('saved=progress')",
    )
    .await;

    // The official corrects the first answer, finding it in the picker by its first words.
    let picked = text(
        client,
        "return [...document.querySelectorAll('#response-corrects option')]\
         .find(o => o.textContent.includes('We accept this recommendation'))?.value || ''",
    )
    .await;
    assert!(
        !picked.is_empty(),
        "{tag}: the picker names the entry by its words"
    );
    set_value(client, "#response-choice", "partially_accepted").await;
    set_value(client, "#response-original_lang", "en").await;
    fill(
        client,
        "#response-text_en",
        "Correction: we accept it for five provinces first.",
    )
    .await;
    set_value(client, "#response-corrects", &picked).await;
    confirm_answer(client, "response").await;
    wait_for(
        client,
        "the saved correction",
        "return location.search.includes('saved=response')",
    )
    .await;
    screenshot(client, &format!("answer-corrected-{tag}")).await;

    // Anyone reads the timeline in Khmer.
    if let Err(e) = client.delete_all_cookies().await {
        panic!("cannot sign out: {e}");
    }
    if let Err(e) = client
        .goto(&app.url(&format!("/km/recommendations/{id}")))
        .await
    {
        panic!("cannot open the public page: {e}");
    }
    let status = element_text(client, "p.status-line").await;
    assert!(status.contains("បានអនុវត្ត"), "{tag}: status {status}");
    let timeline = element_text(client, "section.timelines").await;
    for expected in [
        "ក្រសួងសង្គមកិច្ច",
        "ការឆ្លើយតប៖ បានទទួលយក",
        "បើកទីជម្រកចំនួន ៥ បន្ថែម",
        "កាលកំណត់ ៣១ ធ្នូ ២០២៧",
        "វឌ្ឍនភាព៖ បានអនុវត្ត",
        "ទីជម្រកទាំង ៥ បានបើកហើយ",
    ] {
        assert!(
            timeline.contains(expected),
            "{tag}: {expected:?} missing from {timeline}"
        );
    }
    // The corrected answer stays, struck through, saying when it was corrected.
    let superseded = element_text(client, "section.timelines li.superseded").await;
    assert!(
        superseded.contains("បានកែតម្រូវនៅថ្ងៃ") && superseded.contains("បានទទួលយក"),
        "{tag}: {superseded}"
    );
    screenshot(client, &format!("timeline-km-{tag}")).await;

    // Reported implemented: the page asks the people it was for, and one answers by clicking.
    click(client, "#survivor-word a.button").await;
    wait_for(
        client,
        "the question",
        "return !!document.querySelector('input[name=verdict]')",
    )
    .await;
    screenshot(client, &format!("check-form-km-{tag}")).await;
    click(client, "input[name=verdict][value=partly]").await;
    fill(client, "#comment-box", "នៅភូមិខ្ញុំ មិនទាន់មានទេ").await;
    click(client, "form.survivor button[type=submit]").await;
    wait_for(
        client,
        "the answer counted",
        "return !!document.querySelector('.received .notice.done')",
    )
    .await;
    let thanks = element_text(client, ".received").await;
    assert!(thanks.contains("បានរាប់ចម្លើយរបស់អ្នកហើយ"), "{tag}: {thanks}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_recommendation_goes_from_facilitator_to_official_to_implemented_in_khmer() {
    let (_driver, client) = browser().await;
    for app in apps() {
        recommendation_from_facilitator_to_implemented(&client, app).await;
    }
    let _ = client.close().await;
}

/// With JavaScript off, from the tracker: a Khmer word typed into the search box finds the
/// recommendations that have it inside their sentences, with the word marked.
async fn search_in_khmer_without_javascript(client: &Client, app: &TestApp) {
    let tag = format!("{:?}", app.backend).to_lowercase();
    if let Err(e) = client.goto(&app.url("/km/recommendations")).await {
        panic!("cannot open the tracker: {e}");
    }
    fill(client, "#search-q", "ការងារ").await;
    click(client, "form.search button[type=submit]").await;
    wait_for(
        client,
        "the search results",
        "return location.search.includes('q=') && document.readyState === 'complete'",
    )
    .await;
    let found = client
        .execute(CARDS, vec![])
        .await
        .ok()
        .and_then(|v| v.as_u64())
        .unwrap_or_default();
    assert!(found > 0, "{tag}: nothing found");
    let marked = text(
        client,
        "return document.querySelector('.snippet mark')?.textContent ?? ''",
    )
    .await;
    assert!(marked.contains("ការងារ"), "{tag}: marked {marked:?}");
    assert_eq!(
        text(client, "return document.querySelector('#search-q').value").await,
        "ការងារ",
        "{tag}: the words stay in the box"
    );
    screenshot(client, &format!("search-km-{tag}")).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reader_searches_in_khmer_without_javascript() {
    let (_driver, client) = browser_with(false).await;
    for app in apps() {
        search_in_khmer_without_javascript(&client, app).await;
    }
    let _ = client.close().await;
}

/// Each role, from the home page and by clicking only: signs in through the header's link,
/// then opens every screen its header offers, each of which shows its heading and no error.
/// At phone width; the facilitator in Khmer.
async fn every_screen_of_each_role_by_clicking(client: &Client, app: &TestApp) {
    let tag = format!("{:?}", app.backend).to_lowercase();
    let db = app.db().await;
    let moj = fixtures::org_id(&db, "moj").await;
    for (role, org, lang) in [
        (Role::Admin, None, "en"),
        (Role::Facilitator, None, "km"),
        (Role::Official, Some(moj), "en"),
    ] {
        let who = format!("{role:?}").to_lowercase();
        // Administrators must use two-step sign-in.
        let (email, secret) = if role == Role::Admin {
            let (email, secret) =
                fixtures::account_with_totp(&db, &format!("walk-{who}"), role, org).await;
            (email, Some(secret))
        } else {
            let email = fixtures::account(&db, &format!("walk-{who}"), role, org).await;
            (email, None)
        };
        // The one address typed: the home page.
        sign_in_from_home(client, app, lang, &email, secret.as_deref()).await;
        let screens = text(
            client,
            "return JSON.stringify([...document.querySelectorAll('header.site .staff-nav a')]\
             .map(a => a.getAttribute('href')))",
        )
        .await;
        let screens: Vec<String> = serde_json::from_str(&screens).unwrap_or_default();
        assert!(
            screens.len() >= 2,
            "{tag} {who}: the header offers {screens:?}"
        );
        for screen in &screens {
            click(client, &format!("header.site a[href=\"/{lang}/\"]")).await;
            wait_for(
                client,
                "the home page",
                &format!("return location.pathname === '/{lang}/'"),
            )
            .await;
            click(
                client,
                &format!("header.site .staff-nav a[href=\"{screen}\"]"),
            )
            .await;
            wait_for(
                client,
                screen,
                &format!(
                    "return location.pathname === {screen:?} && document.readyState === 'complete'"
                ),
            )
            .await;
            let heading = element_text(client, "main#main h1").await;
            let error = text(
                client,
                "return document.querySelector('main#main section.error') ? 'error' : ''",
            )
            .await;
            assert!(
                !heading.trim().is_empty() && error.is_empty(),
                "{tag} {who}: {screen} shows {heading:?} {error}"
            );
            let name = screen.trim_start_matches('/').replace('/', "-");
            screenshot(client, &format!("walk-{who}-{name}-{tag}")).await;
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_role_reaches_every_screen_from_the_home_page_by_clicking() {
    let (_driver, client) = browser().await;
    for app in apps() {
        every_screen_of_each_role_by_clicking(&client, app).await;
    }
    let _ = client.close().await;
}

/// The answer form's button shows the entry as it will be public; its own button sends it.
async fn confirm_answer(client: &Client, kind: &str) {
    click(
        client,
        &format!("section.answer-{kind} form.stacked button[type=submit]"),
    )
    .await;
    wait_for(
        client,
        "the preview",
        &format!("return location.search.includes('preview={kind}')"),
    )
    .await;
    click(client, &format!("#{kind}-preview button[type=submit]")).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_second_official_approves_an_answer_by_clicking() {
    let (_driver, client) = browser().await;
    for app in apps() {
        approval::second_official_approves(&client, app).await;
    }
    let _ = client.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_forum_day_is_captured_published_and_presented_without_javascript() {
    let (_driver, client) = browser_with(false).await;
    for app in apps() {
        forum_day::capture_present_publish(&client, app).await;
    }
    let _ = client.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_first_question_of_the_khmer_form_is_on_a_phones_first_screen() {
    let (_driver, client) = browser_with(false).await;
    for app in apps() {
        first_screen::first_question_on_the_first_screen(&client, app).await;
    }
    let _ = client.close().await;
}

/// Signs in from the home page's header link, with the two-step code when there is one.
pub(crate) async fn sign_in_from_home(
    client: &Client,
    app: &TestApp,
    lang: &str,
    email: &str,
    secret: Option<&str>,
) {
    if let Err(e) = client.delete_all_cookies().await {
        panic!("cannot sign out: {e}");
    }
    if let Err(e) = client.goto(&app.url(&format!("/{lang}/"))).await {
        panic!("cannot open the home page: {e}");
    }
    click(client, &format!("header.site a[href=\"/{lang}/login\"]")).await;
    fill(client, "#email", email).await;
    fill(client, "#password", fixtures::PASSWORD).await;
    click(client, "form.stacked button[type=submit]").await;
    if let Some(secret) = secret {
        wait_for(
            client,
            "the code step",
            &format!("return location.pathname === '/{lang}/login/code'"),
        )
        .await;
        let code = totp::code_at(secret, chrono::Utc::now().timestamp()).unwrap_or_default();
        fill(client, "#code", &code).await;
        click(client, "form.stacked button[type=submit]").await;
    }
    wait_for(
        client,
        "the account page",
        &format!("return location.pathname === '/{lang}/account'"),
    )
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn axe_finds_nothing_on_any_public_or_survivor_page_in_either_language() {
    let (_driver, client) = browser().await;
    for app in apps() {
        accessibility::every_public_and_survivor_page(&client, app).await;
    }
    let _ = client.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_facilitator_enters_feedback_with_a_survivor_and_hands_over_the_code() {
    let (_driver, client) = browser().await;
    for app in apps() {
        assisted::facilitator_helps_a_survivor(&client, app).await;
    }
    let _ = client.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_facilitator_prints_paper_forms_and_types_one_in_without_javascript() {
    let (_driver, client) = browser_with(false).await;
    for app in apps() {
        paper::facilitator_prints_and_types_in_a_sheet(&client, app).await;
    }
    let _ = client.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_facilitator_records_a_voice_prompt_that_plays_only_when_pressed() {
    let (_driver, client) = browser_with(false).await;
    // Servers of its own: the recording would show on the other walks' forms.
    for app in &tests::isolated_apps() {
        prompts::facilitator_records_the_introduction(&client, app).await;
    }
    let _ = client.close().await;
}
