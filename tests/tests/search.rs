//! Search on the tracker, the API and the CSV: Khmer words inside running text, a query
//! typed with zero-width spaces, English word forms, words only an answer carries, ranking,
//! filters and paging with `q`; drafts are never found.
use app::{
    domain::role::Role,
    ssr::{entities::recommendation, store::search_index},
};
use reqwest::StatusCode;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::Value;
use tests::{TestApp, apps, client, fixtures, location, session::Signed, session::sign_in_as};

async fn page(app: &TestApp, path: &str) -> (StatusCode, String) {
    match client().get(app.url(path)).send().await {
        Ok(r) => (r.status(), r.text().await.unwrap_or_default()),
        Err(e) => panic!("GET {path}: {e}"),
    }
}

fn encoded(q: &str) -> String {
    form_urlencoded::byte_serialize(q.as_bytes()).collect()
}

/// A recommendation made through the curation form; its id.
async fn create(
    facilitator: &Signed,
    app: &TestApp,
    fields: &[(&str, &str)],
    body: i32,
    publish: bool,
) -> i32 {
    let body = body.to_string();
    let mut form: Vec<(&str, &str)> = vec![
        ("forum", ""),
        ("original_lang", "en"),
        ("bodies", body.as_str()),
    ];
    form.extend_from_slice(fields);
    if publish {
        form.push(("publish", "1"));
    }
    let response = facilitator
        .post(app, "/en/curate/recommendations/new", &form)
        .await;
    let to = location(&response);
    if !to.contains("saved=1") {
        let (_, editor) = facilitator.get(app, &to).await;
        let problems = editor
            .split("class=\"problems\"")
            .nth(1)
            .unwrap_or_default();
        panic!(
            "not saved: {to}: {}",
            problems.chars().take(600).collect::<String>()
        );
    }
    to.trim_start_matches("/en/curate/recommendations/")
        .split('?')
        .next()
        .and_then(|id| id.parse().ok())
        .unwrap_or_else(|| panic!("no id in {to}"))
}

/// Where each reference's card stands on the page (`None`: absent). The card names it in
/// Latin digits (a Khmer page shows Khmer digits).
fn order(page: &str, refs: &[&str]) -> Vec<Option<usize>> {
    refs.iter()
        .map(|r| page.find(&format!("data-reference=\"{r}\"")))
        .collect()
}

fn has(page: &str, reference: &str) -> bool {
    order(page, &[reference])[0].is_some()
}

#[tokio::test]
async fn words_are_found_in_both_languages_wherever_they_are_written() {
    for app in apps() {
        let db = app.db().await;
        let moj = fixtures::org_id(&db, "moj").await;
        let facilitator = sign_in_as(app, Role::Facilitator, None).await;
        // A word no other test writes, so each run finds only its own recommendations.
        let tag = format!(
            "zq{}",
            chrono::Utc::now().timestamp_micros() % 1_000_000_000
        );
        // References are kept in capitals.
        let upper = tag.to_uppercase();
        let (ref_a, ref_b, ref_c) = (
            format!("SA-{upper}"),
            format!("SB-{upper}"),
            format!("SC-{upper}"),
        );
        let title_a = format!("Safe shelters in every province {tag}");
        let a = create(
            &facilitator,
            app,
            &[
                ("reference", &ref_a),
                ("theme", "protection"),
                ("title_en", &title_a),
                ("title_km", "ផ្ទះសុវត្ថិភាព"),
                ("body_km", "ជនរងគ្រោះត្រូវការការងារនិងប្រាក់សំណងពីតុលាការ"),
                (
                    "body_en",
                    "Survivors need work and compensation from the courts.",
                ),
                ("translation_state", "human"),
            ],
            moj,
            true,
        )
        .await;
        let title_b = format!("Faster trials {tag}");
        let b = create(
            &facilitator,
            app,
            &[
                ("reference", &ref_b),
                ("theme", "prosecution"),
                ("title_en", &title_b),
                ("body_en", "Hearings should not wait for years."),
                ("translation_state", "missing"),
            ],
            moj,
            true,
        )
        .await;
        let title_c = format!("A draft about compensation {tag}");
        create(
            &facilitator,
            app,
            &[
                ("reference", &ref_c),
                ("theme", "prosecution"),
                ("title_en", &title_c),
                ("body_en", "Not published."),
                ("translation_state", "missing"),
            ],
            moj,
            false,
        )
        .await;
        // Only the answer to B carries "compensated".
        let official = sign_in_as(app, Role::Official, Some(moj)).await;
        let answered = official
            .post(
                app,
                &format!("/en/inbox/{b}/response"),
                &[
                    ("choice", "accepted"),
                    ("original_lang", "en"),
                    ("text_en", "Every victim will be compensated within a year."),
                    ("commitment_en", "Pay from the victims fund"),
                    ("due_on", "2027-06-30"),
                ],
            )
            .await;
        assert!(
            location(&answered).contains("saved="),
            "{}",
            location(&answered)
        );

        let search = |lang: &str, q: &str| format!("/{lang}/recommendations?q={}", encoded(q));
        // A Khmer word in the middle of a sentence, also typed with a zero-width space, and
        // from the English page.
        for q in [
            format!("ការងារ {tag}"),
            format!("ការ\u{200B}ងារ {tag}"),
            format!("សំណង {tag}"),
        ] {
            for lang in ["km", "en"] {
                let (status, found) = page(app, &search(lang, &q)).await;
                assert_eq!(status, StatusCode::OK);
                assert_eq!(
                    order(&found, &[&ref_a, &ref_b])
                        .iter()
                        .map(Option::is_some)
                        .collect::<Vec<_>>(),
                    [true, false],
                    "{q:?} on {lang}: {}",
                    found
                        .split("class=\"count\"")
                        .nth(1)
                        .map(|x| x.chars().take(300).collect::<String>())
                        .unwrap_or_default()
                );
            }
        }
        // English word forms; ranking: A has the word in its text, B only in an answer; the
        // draft C is never found.
        let (_, found) = page(app, &search("en", &format!("compensations {tag}"))).await;
        let at = order(&found, &[&ref_a, &ref_b, &ref_c]);
        assert!(
            at[0].is_some() && at[1].is_some() && at[2].is_none(),
            "{at:?}"
        );
        assert!(at[0] < at[1], "text ranks above answers");
        assert!(
            found.contains("<mark>compensation</mark>"),
            "the word is marked"
        );
        assert!(found.contains("body&#x27;s response") || found.contains("body's response"));
        let (_, found) = page(app, &search("en", &format!("shelter {tag}"))).await;
        assert!(has(&found, &ref_a) && !has(&found, &ref_b));
        // Titles rank above text: "trials" is B's title.
        let (_, found) = page(app, &search("en", &tag)).await;
        assert!(has(&found, &ref_a) && has(&found, &ref_b) && !has(&found, &ref_c));

        // With filters; nothing found says so and offers the search without them.
        let (_, found) = page(app, &format!("{}&theme=prosecution", search("en", &tag))).await;
        assert!(!has(&found, &ref_a) && has(&found, &ref_b));
        let (_, none) = page(app, &format!("{}&theme=prevention", search("en", &tag))).await;
        assert!(none.contains("Nothing was found for"), "plain message");
        assert!(
            !none.contains("class=\"count\""),
            "no count of nothing beside it"
        );
        assert!(
            none.contains(&format!("/en/recommendations?q={tag}")),
            "offers the wider search"
        );

        // The API and the CSV take the same `q`, and page through it.
        let api = |path: String| async move {
            let r = client().get(app.url(&path)).send().await;
            let text = match r {
                Ok(r) => r.text().await.unwrap_or_default(),
                Err(e) => panic!("GET {path}: {e}"),
            };
            serde_json::from_str::<Value>(&text).unwrap_or(Value::Null)
        };
        let first = api(format!("/api/v1/recommendations?limit=1&q={tag}")).await;
        assert_eq!(first["data"][0]["id"], a);
        let after = first["next_after"].as_i64().unwrap_or_default();
        let second = api(format!(
            "/api/v1/recommendations?limit=1&q={tag}&after={after}"
        ))
        .await;
        assert_eq!(second["data"][0]["id"], b);
        assert_eq!(second["next_after"], Value::Null);
        let (_, csv) = page(
            app,
            &format!(
                "/en/recommendations.csv?q={}",
                encoded(&format!("ការងារ {tag}"))
            ),
        )
        .await;
        assert!(csv.contains(&ref_a) && !csv.contains(&ref_b));

        // Markup typed into the box comes back as text.
        let (status, typed) = page(app, &search("en", &format!("<script>x</script> {tag}"))).await;
        assert_eq!(status, StatusCode::OK);
        assert!(!typed.contains("<script>x</script>"));
    }
}

#[tokio::test]
async fn search_pages_through_its_ranking_and_keeps_the_words() {
    for app in apps() {
        let db = app.db().await;
        let tag = format!(
            "zp{}",
            chrono::Utc::now().timestamp_micros() % 1_000_000_000
        );
        let prefix = format!("PG{tag}");
        let forum = fixtures::forum_with_recommendations(&db, &prefix, 23).await;
        // The fixture writes rows directly, past the forms that index what they save.
        let made = recommendation::Entity::find()
            .filter(recommendation::Column::ForumId.eq(forum))
            .all(&db)
            .await
            .unwrap_or_default();
        for rec in made {
            let indexed = search_index::refresh_recommendation(&db, rec.id).await;
            assert!(indexed.is_ok(), "{indexed:?}");
        }
        let q = prefix.to_lowercase();
        let shown = |html: &str| {
            (1..=23)
                .filter(|n| html.contains(&format!("{prefix}-{n}<")))
                .count()
        };
        // One word read in rank order from the index, and the same with a filter, which
        // ranks every match in one statement: both page through all 23, each once.
        for address in [
            format!("/en/recommendations?q={q}"),
            format!("/en/recommendations?q={q}&forum={forum}"),
        ] {
            let (_, first) = page(app, &address).await;
            assert!(first.contains("23"), "the count of matches: {address}");
            let next = first
                .split("rel=\"next\" href=\"")
                .nth(1)
                .and_then(|rest| rest.split('"').next())
                .map(|href| href.replace("&amp;", "&"))
                .unwrap_or_default();
            assert!(
                next.contains(&format!("q={q}")) && next.contains("after="),
                "{next}"
            );
            let (_, second) = page(app, &next).await;
            assert!(
                second.contains("23"),
                "the count on the next page: {address}"
            );
            assert_eq!(shown(&first) + shown(&second), 23, "{address}");
            assert!(
                !second.contains("rel=\"next\""),
                "two pages in all: {address}"
            );
        }
    }
}
