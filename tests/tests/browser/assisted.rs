//! Feedback with a survivor, by clicking only, in Khmer at phone width: a facilitator opens
//! "Feedback with a survivor" from the header, fills the form with her, and gets the receipt
//! code on a slip to hand over. The stored feedback is marked "assisted" and nothing more.
use app::domain::role::Role;
use fantoccini::{Client, Locator};
use tests::{TestApp, fixtures};

use super::{click, element_text, fill, screenshot, sign_in_from_home, wait_for};

pub async fn facilitator_helps_a_survivor(client: &Client, app: &TestApp) {
    let tag = format!("{:?}", app.backend).to_lowercase();
    let db = app.db().await;
    let email = fixtures::account(&db, "outreach", Role::Facilitator, None).await;
    sign_in_from_home(client, app, "km", &email, None).await;
    click(client, "header.site .staff-nav a[href=\"/km/assisted\"]").await;
    wait_for(
        client,
        "the helper's form",
        "return !!document.querySelector('input[name=assisted]')",
    )
    .await;
    let words = format!(
        "បុគ្គលិកស្ដាប់ខ្ញុំ {}",
        chrono::Utc::now().timestamp_micros() % 1_000_000
    );
    click(client, "input[name=service][value=legal-aid]").await;
    match client.find(Locator::Css("#province-select")).await {
        Ok(select) => {
            if let Err(e) = select.select_by_value("battambang").await {
                panic!("{tag}: cannot choose the province: {e}");
            }
        }
        Err(e) => panic!("{tag}: no province list: {e}"),
    }
    for q in ["respect", "safe", "privacy", "rights", "choice", "helped"] {
        click(client, &format!("input[name=q-{q}][value=partly]")).await;
    }
    fill(client, "#text-box", &words).await;
    screenshot(client, &format!("assisted-form-km-{tag}")).await;
    click(client, "form.survivor button[type=submit]").await;
    wait_for(
        client,
        "the slip",
        "return !!document.querySelector('.slip .slip-code')",
    )
    .await;
    let slip = element_text(client, ".slip .slip-code").await;
    assert_eq!(slip.split(' ').count(), 4, "{tag}: {slip}");
    screenshot(client, &format!("assisted-slip-km-{tag}")).await;
    let stored = tests::sealed::feedback_with_text(app, &words).await;
    assert_eq!(stored.channel, "assisted", "{tag}");
}
