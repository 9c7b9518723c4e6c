//! Voice prompts, by clicking only, in Khmer at phone width with JavaScript off: a
//! facilitator opens "Voice prompts" from the header and attaches a recording to the form's
//! introduction; the survivor's form then shows a play control there, which plays nothing
//! until pressed.
use app::domain::role::Role;
use fantoccini::{Client, Locator};
use tests::{TestApp, fixtures, workspace_root};

use super::{click, look_wide_in_english, screenshot, sign_in_from_home, text, wait_for};

pub async fn facilitator_records_the_introduction(client: &Client, app: &TestApp) {
    let tag = format!("{:?}", app.backend).to_lowercase();
    let db = app.db().await;
    let email = fixtures::account(&db, "voice", Role::Facilitator, None).await;
    sign_in_from_home(client, app, "km", &email, None).await;
    click(client, "header.site .staff-nav a[href=\"/km/prompts\"]").await;
    wait_for(
        client,
        "the prompts page",
        "return !!document.querySelector('ol.prompts')",
    )
    .await;

    // The first bytes of an Ogg/Opus recording, named as a phone might name it.
    let dir = workspace_root().join("target/tmp");
    let _ = std::fs::create_dir_all(&dir);
    let file = dir.join(format!("intro-{tag}.m4a"));
    let mut bytes = b"OggS".to_vec();
    bytes.resize(28, 0);
    bytes.extend_from_slice(b"OpusHead");
    bytes.resize(2000, 0);
    if let Err(e) = std::fs::write(&file, bytes) {
        panic!("cannot write the recording: {e}");
    }
    let input = "li#feedback-intro li[lang=km] input[type=file]";
    match client.find(Locator::Css(input)).await {
        Ok(field) => {
            if let Err(e) = field.send_keys(&file.display().to_string()).await {
                panic!("{tag}: cannot choose the file: {e}");
            }
        }
        Err(e) => panic!("{tag}: no file field: {e}"),
    }
    screenshot(client, &format!("prompts-km-{tag}")).await;
    click(client, "li#feedback-intro li[lang=km] button[type=submit]").await;
    wait_for(
        client,
        "the saved recording",
        "return !!document.querySelector('li#feedback-intro li[lang=km] audio')",
    )
    .await;

    look_wide_in_english(client, &format!("prompts-en-laptop-{tag}")).await;

    // The survivor's form, from the home page: the control is there and nothing plays.
    if let Err(e) = client.delete_all_cookies().await {
        panic!("cannot sign out: {e}");
    }
    if let Err(e) = client.goto(&app.url("/km/")).await {
        panic!("cannot open the home page: {e}");
    }
    click(client, "a.button[href=\"/km/feedback\"]").await;
    wait_for(
        client,
        "the form",
        "return !!document.querySelector('audio.prompt')",
    )
    .await;
    tokio::time::sleep(std::time::Duration::from_millis(800)).await;
    let state = text(
        client,
        "const a = document.querySelector('audio.prompt'); \
         return [a.paused, a.autoplay, a.preload, a.currentTime].join(' ')",
    )
    .await;
    assert_eq!(state, "true false none 0", "{tag}: nothing plays by itself");
    screenshot(client, &format!("prompts-feedback-km-{tag}")).await;
}
