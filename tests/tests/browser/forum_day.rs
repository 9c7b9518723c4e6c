//! A forum's day in Chromium at phone width with JavaScript off, by clicking from the home
//! page: the facilitator opens the forum from the curation screen, captures three drafts,
//! marks a priority, merges two, opens a venue link for voting, two phones vote (one passed
//! round with "next person"), she types the paper tallies, publishes the set, and shows it
//! on the projector and the handout.
use app::domain::role::Role;
use fantoccini::Client;
use tests::{TestApp, fixtures};

use super::{
    browser_with, click, element_text, fill, screenshot, set_value, sign_in_from_home, text,
    wait_for,
};

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
    phones_vote(client, app, &forum, &tag).await;
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

/// From the day page the facilitator opens a venue link for this forum; two phones (two
/// browsers with no session) vote through it, the first passed to a second person; the day
/// page then shows the counts.
async fn phones_vote(client: &Client, app: &TestApp, forum: &str, tag: &str) {
    click(client, &format!("a[href=\"/km/venues?forum={forum}\"]")).await;
    wait_for(
        client,
        "the venue form with this forum chosen",
        &format!("return document.querySelector('#venue-forum')?.value === '{forum}'"),
    )
    .await;
    fill(client, "#venue-label", "ថ្ងៃវេទិកា បោះឆ្នោត").await;
    click(client, "form.stacked button[type=submit]").await;
    wait_for(
        client,
        "the new links",
        "return !!document.querySelector('a.new-link[href*=\"/vote?venue=\"]')",
    )
    .await;
    screenshot(client, &format!("forum-day-venue-link-{tag}")).await;
    let link = text(
        client,
        "return document.querySelector('a.new-link[href*=\"/vote?venue=\"]').getAttribute('href')",
    )
    .await;
    // The link names the configured public address; the test server listens elsewhere.
    let path = link
        .split_once("/km/vote")
        .map(|(_, query)| format!("/km/vote{query}"))
        .unwrap_or_else(|| panic!("{tag}: no ballot link in {link}"));
    let ballot = app.url(&path);
    // Phone one: a participant ticks the second idea, then passes the phone on.
    let (_one, phone) = browser_with(false).await;
    if let Err(e) = phone.goto(&ballot).await {
        panic!("{tag}: cannot open the ballot: {e}");
    }
    wait_for(
        &phone,
        "the ballot",
        "return !!document.querySelector('.ballot-list')",
    )
    .await;
    screenshot(&phone, &format!("forum-day-ballot-{tag}")).await;
    click(&phone, ".ballot-list li:nth-child(2) input[type=checkbox]").await;
    click(&phone, "form.survivor button[type=submit]").await;
    wait_for(
        &phone,
        "counted",
        "return !!document.querySelector('.received .notice.done')",
    )
    .await;
    screenshot(&phone, &format!("forum-day-voted-{tag}")).await;
    click(&phone, ".received a.button").await;
    wait_for(
        &phone,
        "an empty ballot for the next person",
        "return !!document.querySelector('.ballot-list') && !document.querySelector('.ballot-list input:checked')",
    )
    .await;
    click(&phone, ".ballot-list li:nth-child(1) input[type=checkbox]").await;
    click(&phone, ".ballot-list li:nth-child(2) input[type=checkbox]").await;
    click(&phone, "form.survivor button[type=submit]").await;
    wait_for(
        &phone,
        "counted again",
        "return !!document.querySelector('.received .notice.done')",
    )
    .await;
    let _ = phone.close().await;

    // Phone two: another participant, the second idea too.
    let (_two, other) = browser_with(false).await;
    if let Err(e) = other.goto(&ballot).await {
        panic!("{tag}: cannot open the ballot: {e}");
    }
    click(&other, ".ballot-list li:nth-child(2) input[type=checkbox]").await;
    click(&other, "form.survivor button[type=submit]").await;
    wait_for(
        &other,
        "counted",
        "return !!document.querySelector('.received .notice.done')",
    )
    .await;
    let _ = other.close().await;

    if let Err(e) = client
        .goto(&app.url(&format!("/km/curate/forums/{forum}/day")))
        .await
    {
        panic!("{tag}: cannot go back to the day: {e}");
    }
    let counts = element_text(client, "ol.day-drafts > li:nth-child(2) .meta").await;
    assert!(counts.contains("៣ សំឡេងឆ្នោតតាមទូរស័ព្ទ"), "{tag}: {counts}");
    let first = element_text(client, "ol.day-drafts > li:nth-child(1) .meta").await;
    assert!(first.contains("១ សំឡេងឆ្នោតតាមទូរស័ព្ទ"), "{tag}: {first}");
}
