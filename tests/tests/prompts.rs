//! Voice prompts: recordings uploaded by staff (checked by content, size-limited), shown as a
//! play control only where recorded and only in their language, served under their hash for
//! a year; the survivor pages stay script-free and small with prompts on them.
use app::domain::role::Role;
use reqwest::StatusCode;
use tests::{
    TestApp, isolated_apps, location,
    session::{Signed, sign_in_as},
    survivor::{first_load_bytes, get},
};

/// The first bytes of an Ogg/Opus file (what a recorder writes first), then silence.
fn opus_recording() -> Vec<u8> {
    let mut bytes = b"OggS".to_vec();
    bytes.resize(28, 0);
    bytes.extend_from_slice(b"OpusHead");
    bytes.resize(4000, 0);
    bytes
}

async fn upload(
    app: &TestApp,
    who: &Signed,
    key: &str,
    lang: &str,
    name: &str,
    bytes: Vec<u8>,
) -> reqwest::Response {
    let file = reqwest::multipart::Part::bytes(bytes).file_name(name.to_string());
    let form = reqwest::multipart::Form::new()
        .text("csrf", who.csrf.clone())
        .text("key", key.to_string())
        .text("prompt_lang", lang.to_string())
        .part("file", file);
    match who
        .http
        .post(app.url("/en/prompts"))
        .multipart(form)
        .send()
        .await
    {
        Ok(r) => r,
        Err(e) => panic!("upload: {e}"),
    }
}

#[tokio::test]
async fn recordings_are_checked_and_shown_only_where_recorded() {
    for app in &isolated_apps() {
        let facilitator = sign_in_as(app, Role::Facilitator, None).await;
        let (status, page) = facilitator.get(app, "/en/prompts").await;
        assert_eq!(status, StatusCode::OK);
        assert!(page.contains("Voice prompts") && page.contains("multipart/form-data"));
        let (_, home) = facilitator.get(app, "/en/").await;
        assert!(
            home.contains("href=\"/en/prompts\""),
            "the header leads there"
        );

        // Refused: not audio (whatever its name), too big, an unknown text or language.
        for (name, bytes) in [
            ("intro.ogg", b"\x89PNG\r\n\x1a\n0000000000000000".to_vec()),
            ("intro.mp3", b"hello, this is text, not sound".to_vec()),
            ("intro.ogg", Vec::new()),
        ] {
            let refused = upload(app, &facilitator, "feedback-intro", "km", name, bytes).await;
            assert!(location(&refused).contains("error="), "{name}");
        }
        let mut big = opus_recording();
        big.resize(1024 * 1024 + 1, 0);
        let too_big = upload(app, &facilitator, "feedback-intro", "km", "long.ogg", big).await;
        assert!(location(&too_big).contains("error=too-big"));
        let (_, page) = facilitator.get(app, &location(&too_big)).await;
        assert!(page.contains("too big (at most 1 MB"));
        let not_audio = upload(
            app,
            &facilitator,
            "feedback-intro",
            "km",
            "a.ogg",
            b"=HYPERLINK(\"x\")".to_vec(),
        )
        .await;
        assert!(location(&not_audio).contains("error=not-audio"));
        for (key, lang) in [("nav-audit", "km"), ("feedback-intro", "fr")] {
            let refused = upload(app, &facilitator, key, lang, "a.ogg", opus_recording()).await;
            assert!(location(&refused).contains("error=state"), "{key} {lang}");
        }
        let official = sign_in_as(app, Role::Official, Some(1)).await;
        let denied = upload(
            app,
            &official,
            "feedback-intro",
            "km",
            "a.ogg",
            opus_recording(),
        )
        .await;
        assert_eq!(denied.status(), StatusCode::FORBIDDEN);
        let feedback = get(app, "/km/feedback").await;
        assert!(!feedback.body.contains("<audio"), "nothing recorded yet");

        // The Khmer intro and "yes" recorded: shown in Khmer only, never played by itself.
        let saved = upload(
            app,
            &facilitator,
            "feedback-intro",
            "km",
            "i.bin",
            opus_recording(),
        )
        .await;
        assert!(location(&saved).contains("saved=1"), "{}", location(&saved));
        let mut mp3 = b"ID3\x04\x00".to_vec();
        mp3.resize(3000, 1);
        let saved = upload(app, &facilitator, "answer-yes", "km", "yes.mp3", mp3).await;
        assert!(location(&saved).contains("saved=1"));
        let khmer = get(app, "/km/feedback").await;
        assert_eq!(
            khmer.body.matches("<audio").count(),
            2,
            "intro and the answer, once"
        );
        assert!(khmer.body.contains("preload=\"none\"") && !khmer.body.contains("autoplay"));
        assert!(!khmer.body.contains("<script"));
        assert!(
            khmer
                .headers
                .get("content-security-policy")
                .and_then(|v| v.to_str().ok())
                .is_some_and(|p| p.contains("media-src 'self'") && p.contains("script-src 'none'"))
        );
        assert!(first_load_bytes(app, "/km/feedback").await <= 30 * 1024);
        let (status, staff) = facilitator.get(app, "/en/prompts").await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(
            staff.matches("<audio").count(),
            2,
            "each recording heard there too"
        );
        let english = get(app, "/en/feedback").await;
        assert!(!english.body.contains("<audio"), "recorded in Khmer only");

        // Served under its hash, as audio, kept a year.
        let src = khmer
            .body
            .split("<audio")
            .nth(1)
            .and_then(|a| a.split("src=\"").nth(1))
            .and_then(|s| s.split('"').next())
            .unwrap_or_default()
            .to_string();
        assert!(src.starts_with("/audio/"), "{src}");
        let audio = match tests::client().get(app.url(&src)).send().await {
            Ok(r) => r,
            Err(e) => panic!("audio: {e}"),
        };
        assert_eq!(audio.status(), StatusCode::OK);
        let header = |name: &str| {
            audio
                .headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .unwrap_or_default()
                .to_string()
        };
        assert_eq!(header("content-type"), "audio/ogg");
        assert!(header("cache-control").contains("immutable"));
        let missing = tests::client().get(app.url("/audio/0000")).send().await;
        assert!(missing.is_ok_and(|r| r.status() == StatusCode::NOT_FOUND));

        // Removed: gone from the page.
        let removed = facilitator
            .post(
                app,
                "/en/prompts/remove",
                &[("key", "feedback-intro"), ("prompt_lang", "km")],
            )
            .await;
        assert!(location(&removed).contains("saved=1"));
        let khmer = get(app, "/km/feedback").await;
        assert_eq!(khmer.body.matches("<audio").count(), 1, "only the answer's");
    }
}
