//! A forum's day in Chromium at phone width with JavaScript off, by clicking from the home
//! page: the facilitator opens the forum from the curation screen, captures three drafts,
//! marks a priority, merges two, publishes the set, and shows it on the projector and the
//! handout.
use app::domain::role::Role;
use fantoccini::Client;
use tests::{TestApp, fixtures};

use super::{click, element_text, fill, screenshot, set_value, sign_in_from_home, text, wait_for};

pub async fn capture_present_publish(client: &Client, app: &TestApp) {
    let tag = format!("{:?}", app.backend).to_lowercase();
    let db = app.db().await;
    let moj = fixtures::org_id(&db, "moj").await;
    let email = fixtures::account(&db, "forum-day", Role::Facilitator, None).await;
    sign_in_from_home(client, app, "km", &email, None).await;
    click(client, "header.site .staff-nav a[href=\"/km/curate\"]").await;
    wait_for(
        client,
        "curation",
        "return location.pathname === '/km/curate'",
    )
    .await;
    click(client, "a[href=\"/km/curate/forums/new\"]").await;
    wait_for(
        client,
        "the forum editor",
        "return !!document.querySelector('#title_km')",
    )
    .await;
    let stamp = chrono::Utc::now().timestamp_micros() % 1_000_000;
    fill(client, "#title_km", &format!("វេទិកាថ្ងៃនេះ {stamp}")).await;
    set_value(client, "#province", "siem-reap").await;
    set_value(client, "#starts_on", "2026-12-02").await;
    click(client, "form.stacked button[type=submit]").await;
    wait_for(
        client,
        "the saved forum",
        "return location.search.includes('saved=1')",
    )
    .await;
    let forum = text(client, "return location.pathname.split('/').pop()").await;
    click(
        client,
        &format!("a[href=\"/km/curate/forums/{forum}/day\"]"),
    )
    .await;
    wait_for(
        client,
        "the day",
        "return !!document.querySelector('#capture textarea')",
    )
    .await;
    for (words, group) in [
        ("បណ្ដុះបណ្ដាលប៉ូលិស អំពីការសម្ភាសន៍ដោយគោរព។", "ក្រុមទី ១"),
        ("បើកទីជម្រកនៅគ្រប់ខេត្ត។", "ក្រុមទី ២"),
        ("ប៉ូលិសគួរតែរៀនសម្ភាសន៍ដោយសុភាព។", "ក្រុមទី ៣"),
    ] {
        fill(client, "#capture textarea", words).await;
        set_value(client, "#theme", "protection").await;
        // The group stays filled from the last entry: a person types over it.
        set_value(client, "#group", group).await;
        click(client, "#capture button[type=submit]").await;
        wait_for(
            client,
            "the added draft",
            &format!("return document.body.textContent.includes({words:?})"),
        )
        .await;
    }
    screenshot(client, &format!("forum-day-captured-{tag}")).await;
    // The third says what the first says: it goes up, then joins the first.
    click(
        client,
        "ol.day-drafts > li:nth-child(3) form input[value=up] ~ button",
    )
    .await;
    wait_for(client, "the new order", "return document.querySelector('ol.day-drafts > li:nth-child(2)').textContent.includes('ក្រុមទី ៣')").await;
    click(
        client,
        "ol.day-drafts > li:nth-child(1) input[name=confirmed]",
    )
    .await;
    click(client, "ol.day-drafts > li:nth-child(1) form.merge button").await;
    wait_for(
        client,
        "the merge",
        "return document.querySelectorAll('ol.day-drafts > li').length === 2",
    )
    .await;
    click(
        client,
        "ol.day-drafts > li:nth-child(1) form input[value=priority] ~ button",
    )
    .await;
    wait_for(
        client,
        "the priority",
        "return !!document.querySelector('ol.day-drafts > li.priority')",
    )
    .await;
    let second = element_text(client, "ol.day-drafts > li:nth-child(2) .meta").await;
    assert!(
        second.contains("ពី ក្រុមទី ២") && !second.contains("១ក្រុម"),
        "{tag}: {second}"
    );
    screenshot(client, &format!("forum-day-ordered-{tag}")).await;
    // Paper ballots counted: the second draft got more votes, and goes first.
    let second_id = text(
        client,
        "return document.querySelector('ol.day-drafts > li:nth-child(2)').id.replace('draft-', '')",
    )
    .await;
    set_value(client, &format!("#votes-{second_id}"), "៩").await;
    click(client, "#by_votes").await;
    click(client, "#tallies button[type=submit]").await;
    wait_for(
        client,
        "the order by votes",
        &format!("return document.querySelector('ol.day-drafts > li:nth-child(1)').id === 'draft-{second_id}'"),
    )
    .await;
    screenshot(client, &format!("forum-day-votes-{tag}")).await;
    click(client, &format!("#publish-set input[value=\"{moj}\"]")).await;
    click(client, "#publish-set button[type=submit]").await;
    wait_for(
        client,
        "the public forum",
        &format!("return location.pathname === '/km/forums/{forum}'"),
    )
    .await;
    click(client, &format!("a[href=\"/km/forums/{forum}/present/1\"]")).await;
    wait_for(
        client,
        "the projector",
        "return !!document.querySelector('.projector')",
    )
    .await;
    let first = element_text(client, ".projector").await;
    assert!(first.contains("ទី ១ ក្នុងចំណោម ២"), "{tag}: {first}");
    screenshot(client, &format!("forum-day-projector-{tag}")).await;
    click(client, ".slide-nav a[rel=next]").await;
    wait_for(
        client,
        "the second",
        "return location.pathname.endsWith('/present/2')",
    )
    .await;
    click(client, ".slide-nav a.leave").await;
    click(client, &format!("a[href=\"/km/forums/{forum}/handout\"]")).await;
    wait_for(
        client,
        "the handout",
        "return !!document.querySelector('.handout')",
    )
    .await;
    let handout = element_text(client, ".handout").await;
    assert!(
        handout.contains("បើកទីជម្រកនៅគ្រប់ខេត្ត") && handout.contains("ប៉ូលិសគួរតែរៀនសម្ភាសន៍"),
        "{tag}: {handout}"
    );
}
