//! A forum's recommendations come in from CSV (all rows or none) and go out as CSV with a
//! byte order mark; Khmer text survives the round trip unchanged.
use app::{domain::role::Role, ssr::entities::recommendation};
use reqwest::StatusCode;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use tests::{TestApp, apps, client, fixtures, location, session::Signed, session::sign_in_as};

fn unique() -> String {
    format!("{}", chrono::Utc::now().timestamp_micros() % 1_000_000_000)
}

/// Sends a CSV file to the import form; returns where it redirects.
async fn upload(facilitator: &Signed, app: &TestApp, forum: i32, csv: &str) -> String {
    let form = reqwest::multipart::Form::new()
        .text("csrf", facilitator.csrf.clone())
        .text("forum", forum.to_string())
        .part(
            "file",
            reqwest::multipart::Part::bytes(csv.as_bytes().to_vec()).file_name("forum.csv"),
        );
    match facilitator
        .http
        .post(app.url("/km/curate/import"))
        .multipart(form)
        .send()
        .await
    {
        Ok(r) => location(&r),
        Err(e) => panic!("upload: {e}"),
    }
}

async fn count_with_prefix(app: &TestApp, prefix: &str) -> u64 {
    let db = app.db().await;
    recommendation::Entity::find()
        .filter(recommendation::Column::Reference.starts_with(prefix))
        .count(&db)
        .await
        .unwrap_or(0)
}

const TITLE: &str = "ពង្រឹងការអនុវត្តច្បាប់\u{200b}ប្រឆាំងការជួញដូរមនុស្ស";
const TEXT: &str = "អ្នករស់រានមានជីវិតត្រូវការ \"ជំនួយ\" ផ្នែកច្បាប់, ដោយឥតគិតថ្លៃ។\nបន្ទាត់ទីពីរ។";

fn file(prefix: &str, second_body: &str) -> String {
    format!(
        "\u{feff}reference,theme,original_lang,title_km,title_en,text_km,text_en,bodies\n\
         {prefix}-1,prosecution,km,{TITLE},Enforce the law,\"{}\",,moj\n\
         {prefix}-2,protection,en,,Free legal aid,,Free legal aid for every survivor,{second_body}\n",
        TEXT.replace('"', "\"\"")
    )
}

#[tokio::test]
async fn one_bad_row_imports_nothing_and_says_which_row() {
    for app in apps() {
        let db = app.db().await;
        let forum = fixtures::forum_with_recommendations(&db, &format!("IMB{}", unique()), 0).await;
        let facilitator = sign_in_as(app, Role::Facilitator, None).await;
        let prefix = format!("BAD{}", unique());
        let sent = upload(&facilitator, app, forum, &file(&prefix, "no-such-body")).await;
        assert_eq!(sent, "/km/curate/import");
        let (status, preview) = facilitator.get(app, "/km/curate/import").await;
        assert_eq!(status, StatusCode::OK);
        assert!(preview.contains("មាន ១ ជួរមានបញ្ហា"), "summary in Khmer");
        assert!(preview.contains("ស្ថាប័នមួយនៅក្នុងជួរនេះ មិនស្គាល់ទេ"), "row message");
        assert!(
            !preview.contains("/curate/import/confirm"),
            "no import button"
        );
        let response = facilitator
            .post(app, "/km/curate/import/confirm", &[])
            .await;
        let to = location(&response);
        assert!(to.ends_with("error=invalid"), "{to}");
        assert_eq!(count_with_prefix(app, &prefix).await, 0, "nothing imported");

        // Files that are not CSV text at all are refused with a message too.
        let form = reqwest::multipart::Form::new()
            .text("csrf", facilitator.csrf.clone())
            .text("forum", forum.to_string())
            .part(
                "file",
                reqwest::multipart::Part::bytes(vec![0xff, 0xfe, 0x00, 0x41]),
            );
        let response = facilitator
            .http
            .post(app.url("/km/curate/import"))
            .multipart(form)
            .send()
            .await;
        let to = response.map(|r| location(&r)).unwrap_or_default();
        assert!(to.ends_with("error=not-utf8"), "{to}");
    }
}

#[tokio::test]
async fn a_valid_file_imports_every_row_and_khmer_round_trips_through_export() {
    for app in apps() {
        let db = app.db().await;
        let forum = fixtures::forum_with_recommendations(&db, &format!("IMG{}", unique()), 0).await;
        let facilitator = sign_in_as(app, Role::Facilitator, None).await;
        let prefix = format!("GOOD{}", unique());
        upload(
            &facilitator,
            app,
            forum,
            &file(&prefix, "Ministry of Justice; mosvy"),
        )
        .await;
        let (_, preview) = facilitator.get(app, "/en/curate/import").await;
        assert!(preview.contains("All 2 rows are ready."), "{preview}");
        let response = facilitator
            .post(app, "/en/curate/import/confirm", &[("publish", "1")])
            .await;
        let to = location(&response);
        assert_eq!(to, "/en/curate?imported=2");
        assert_eq!(count_with_prefix(app, &prefix).await, 2);

        // The forum's CSV, as a spreadsheet would download it.
        let response = match client()
            .get(app.url(&format!("/km/recommendations.csv?forum={forum}")))
            .send()
            .await
        {
            Ok(r) => r,
            Err(e) => panic!("{e}"),
        };
        assert_eq!(
            response
                .headers()
                .get("content-type")
                .and_then(|v| v.to_str().ok()),
            Some("text/csv; charset=utf-8")
        );
        let bytes = response.bytes().await.unwrap_or_default();
        assert!(
            bytes.starts_with("\u{feff}".as_bytes()),
            "UTF-8 byte order mark"
        );
        let mut reader = csv::Reader::from_reader(&bytes[3..]);
        let headers = reader.headers().cloned().unwrap_or_default();
        let column = |name: &str| headers.iter().position(|h| h == name).unwrap_or(usize::MAX);
        let rows: Vec<csv::StringRecord> = reader.records().filter_map(Result::ok).collect();
        assert_eq!(rows.len(), 2);
        let first = rows
            .iter()
            .find(|r| r.get(column("reference")) == Some(format!("{prefix}-1").as_str()));
        let Some(first) = first else {
            panic!("row 1 missing")
        };
        assert_eq!(
            first.get(column("title_km")),
            Some(TITLE),
            "Khmer title unchanged"
        );
        assert_eq!(
            first.get(column("text_km")),
            Some(TEXT),
            "Khmer text unchanged"
        );
        assert_eq!(first.get(column("status")), Some("awaiting_response"));
        let second = rows
            .iter()
            .find(|r| r.get(column("reference")) == Some(format!("{prefix}-2").as_str()));
        assert_eq!(
            second.and_then(|r| r.get(column("bodies"))),
            Some("moj; mosvy")
        );
        assert!(
            second
                .and_then(|r| r.get(column("bodies_km")))
                .is_some_and(|b| b.contains("ក្រសួងយុត្តិធម៌"))
        );

        // The exported file imports again (into a new forum, with new references).
        let text = String::from_utf8_lossy(&bytes).replace(&prefix, &format!("{prefix}R"));
        let forum2 =
            fixtures::forum_with_recommendations(&db, &format!("IMR{}", unique()), 0).await;
        upload(&facilitator, app, forum2, &text).await;
        let (_, preview) = facilitator.get(app, "/en/curate/import").await;
        assert!(preview.contains("All 2 rows are ready."), "{preview}");

        // A body's answer shows in the answer columns: one line per body, in the order of
        // `bodies` (the ministry answered, MoSVY not yet).
        let second_id = recommendation::Entity::find()
            .filter(recommendation::Column::Reference.eq(format!("{prefix}-2")))
            .one(&db)
            .await
            .ok()
            .flatten()
            .map(|r| r.id)
            .unwrap_or_else(|| panic!("{prefix}-2 not stored"));
        let moj = fixtures::org_id(&db, "moj").await;
        let official = sign_in_as(app, Role::Official, Some(moj)).await;
        let answered = official
            .post(
                app,
                &format!("/en/inbox/{second_id}/response"),
                &[
                    ("choice", "accepted"),
                    ("original_lang", "en"),
                    ("text_en", "We accept."),
                    ("commitment_en", "Train\nclerks; all of them"),
                    ("due_on", "2031-03-31"),
                ],
            )
            .await;
        assert!(location(&answered).ends_with("saved=response"));
        let bytes = client()
            .get(app.url(&format!("/en/recommendations.csv?forum={forum}")))
            .send()
            .await
            .unwrap_or_else(|e| panic!("{e}"))
            .bytes()
            .await
            .unwrap_or_default();
        let mut reader = csv::Reader::from_reader(&bytes[3..]);
        let headers = reader.headers().cloned().unwrap_or_default();
        let column = |name: &str| headers.iter().position(|h| h == name).unwrap_or(usize::MAX);
        let row = reader
            .records()
            .filter_map(Result::ok)
            .find(|r| r.get(column("reference")) == Some(format!("{prefix}-2").as_str()))
            .unwrap_or_else(|| panic!("row 2 missing"));
        let today = app.clock.today().to_string();
        for (name, expected) in [
            ("answer_positions", "accepted\n".to_string()),
            ("answered_on", format!("{today}\n")),
            ("commitments_en", "Train clerks; all of them\n".to_string()),
            ("commitments_km", "\n".to_string()),
            ("due_on", "2031-03-31\n".to_string()),
            ("progress_stages", "\n".to_string()),
        ] {
            assert_eq!(row.get(column(name)), Some(expected.as_str()), "{name}");
        }
    }
}
