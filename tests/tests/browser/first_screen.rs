//! On a 390 × 844 phone in Khmer, without JavaScript, the feedback form's first question is
//! on the first screen: the header folds its links into a menu that opens without script.
use fantoccini::Client;
use tests::TestApp;

use super::{click, screenshot, text, wait_for};

pub async fn first_question_on_the_first_screen(client: &Client, app: &TestApp) {
    let tag = format!("{:?}", app.backend).to_lowercase();
    if let Err(e) = client.set_window_size(390, 844).await {
        panic!("cannot size the window: {e}");
    }
    if let Err(e) = client.delete_all_cookies().await {
        panic!("cannot sign out: {e}");
    }
    if let Err(e) = client.goto(&app.url("/km/feedback")).await {
        panic!("cannot open the form: {e}");
    }
    wait_for(
        client,
        "the form",
        "return !!document.querySelector('form.survivor legend')",
    )
    .await;
    let top = text(
        client,
        "const l = document.querySelector('form.survivor legend').getBoundingClientRect(); \
         return String(Math.round(l.top)) + ' ' + String(Math.round(l.bottom)) + ' ' + String(window.innerHeight);",
    )
    .await;
    let numbers: Vec<i64> = top.split(' ').filter_map(|n| n.parse().ok()).collect();
    assert!(
        numbers.len() == 3 && numbers[1] < numbers[2] - 40,
        "{tag}: the first question is at {top} (top, bottom, screen)"
    );
    screenshot(client, &format!("first-screen-km-{tag}")).await;
    // The menu opens by a tap, and its links lead on.
    click(client, "header.site nav a[href=\"/km/recommendations\"]").await;
    wait_for(
        client,
        "the tracker",
        "return location.pathname === '/km/recommendations'",
    )
    .await;
    if let Err(e) = client.set_window_size(390, 900).await {
        panic!("cannot size the window back: {e}");
    }
}
