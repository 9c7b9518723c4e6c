//! A forum's outcome document, pasted: one draft per numbered item (Khmer or Latin digits),
//! reviewed like an imported file before anything is saved; a refused paste comes back as
//! typed.
use app::{domain::role::Role, ssr::entities::recommendation};
use reqwest::StatusCode;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use tests::{TestApp, apps, fixtures, location, session::sign_in_as, tracker::new_forum};

async fn made(app: &TestApp, prefix: &str) -> Vec<recommendation::Model> {
    recommendation::Entity::find()
        .filter(recommendation::Column::Reference.starts_with(prefix))
        .order_by_asc(recommendation::Column::Id)
        .all(&app.db().await)
        .await
        .unwrap_or_default()
}

#[tokio::test]
async fn a_pasted_numbered_list_becomes_drafts_after_review() {
    for app in apps() {
        let facilitator = sign_in_as(app, Role::Facilitator, None).await;
        let id = new_forum(&facilitator, app, "Outcome forum", "siem-reap").await;
        let stamp = chrono::Utc::now().timestamp_micros() % 1_000_000;
        let prefix = format!("OD{stamp}");
        let khmer_list = "អនុសាសន៍ពីវេទិកាសៀមរាប\n\
                          ១. បណ្ដុះបណ្ដាលប៉ូលិស អំពីការសម្ភាសន៍។ ឲ្យអ្នករស់រានមានជីវិតមានសុវត្ថិភាព។\n\
                          ២។ បើកទីជម្រក\nនៅគ្រប់ខេត្ត។\n\
                          ១០- ផ្ដល់អាហារូបករណ៍។";
        let forum_field = id.to_string();
        let fields = [
            ("forum", forum_field.as_str()),
            ("document", khmer_list),
            ("original_lang", "km"),
            ("theme", "protection"),
            ("prefix", prefix.as_str()),
            ("bodies", "moj"),
        ];
        let split = facilitator
            .post(app, "/km/curate/import/outcome", &fields)
            .await;
        assert_eq!(location(&split), "/km/curate/import", "{:?}", app.backend);
        assert!(
            made(app, &prefix).await.is_empty(),
            "nothing saved before review"
        );
        let (_, review) = facilitator.get(app, "/en/curate/import").await;
        assert!(review.contains("All 3 rows are ready"), "{:?}", app.backend);
        for n in [1, 2, 10] {
            assert!(review.contains(&format!("{prefix}-{n}<")), "{n}");
        }
        let confirmed = facilitator
            .post(app, "/en/curate/import/confirm", &[])
            .await;
        assert_eq!(location(&confirmed), "/en/curate?imported=3");
        let saved = made(app, &prefix).await;
        assert_eq!(saved.len(), 3);
        let first = &saved[0];
        assert_eq!(first.forum_id, Some(id));
        assert!(first.published_on.is_none(), "a draft");
        assert_eq!(first.title_km.as_deref(), Some("បណ្ដុះបណ្ដាលប៉ូលិស អំពីការសម្ភាសន៍។"));
        assert!(
            first
                .body_km
                .as_deref()
                .is_some_and(|b| b.ends_with("មានសុវត្ថិភាព។"))
        );
        assert_eq!(saved[1].body_km.as_deref(), Some("បើកទីជម្រក នៅគ្រប់ខេត្ត។"));

        // Latin digits, in English; a formula in an item is caught at review.
        let english = "Recommendations\n1) Fund legal aid.\n2) =HYPERLINK(\"http://x\")\n";
        let latin = format!("{prefix}E");
        let fields = [
            ("forum", forum_field.as_str()),
            ("document", english),
            ("original_lang", "en"),
            ("theme", "prosecution"),
            ("prefix", latin.as_str()),
            ("bodies", "moj"),
        ];
        facilitator
            .post(app, "/en/curate/import/outcome", &fields)
            .await;
        let (_, review) = facilitator.get(app, "/en/curate/import").await;
        assert!(review.contains("1 rows have problems"), "{:?}", app.backend);
        assert!(review.contains("as a formula"));
        let refused = facilitator
            .post(app, "/en/curate/import/confirm", &[])
            .await;
        assert!(
            location(&refused).contains("error="),
            "{}",
            location(&refused)
        );
        assert!(made(app, &latin).await.is_empty());
        facilitator.post(app, "/en/curate/import/cancel", &[]).await;
    }
}

#[tokio::test]
async fn a_refused_paste_says_why_and_keeps_the_text() {
    for app in apps() {
        let facilitator = sign_in_as(app, Role::Facilitator, None).await;
        let id = new_forum(&facilitator, app, "Outcome forum", "siem-reap")
            .await
            .to_string();
        let typed = "Our ideas, without numbers: <script>alert(1)</script>";
        for (forum, document, prefix, code, message) in [
            (
                id.as_str(),
                typed,
                "SR-2026",
                "no-items",
                "No numbered items were found",
            ),
            (
                id.as_str(),
                "1. Fund shelters.",
                "SR 2026!",
                "prefix",
                "only Latin letters",
            ),
            (
                "999999",
                "1. Fund shelters.",
                "SR-2026",
                "forum",
                "Choose the forum",
            ),
        ] {
            let fields = [
                ("forum", forum),
                ("document", document),
                ("original_lang", "en"),
                ("theme", "prevention"),
                ("prefix", prefix),
                ("bodies", "moj"),
            ];
            let sent = facilitator
                .post(app, "/en/curate/import/outcome", &fields)
                .await;
            assert!(
                location(&sent).ends_with(&format!("error={code}")),
                "{code}: {}",
                location(&sent)
            );
            let (_, page) = facilitator
                .get(app, &format!("/en/curate/import?error={code}"))
                .await;
            assert!(page.contains(message), "{code}: {:?}", app.backend);
            let kept = document.replace('<', "&lt;").replace('>', "&gt;");
            assert!(page.contains(&kept), "{code}: the text is kept");
        }
        // The Khmer message reads in Khmer.
        let fields = [
            ("forum", id.as_str()),
            ("document", "គ្មានលេខ"),
            ("prefix", "SR"),
        ];
        facilitator
            .post(app, "/km/curate/import/outcome", &fields)
            .await;
        let (_, page) = facilitator
            .get(app, "/km/curate/import?error=no-items")
            .await;
        assert!(page.contains("រកមិនឃើញចំណុចដែលមានលេខរៀងទេ"));
        // Only facilitators.
        let db = app.db().await;
        let moj = fixtures::org_id(&db, "moj").await;
        let official = sign_in_as(app, Role::Official, Some(moj)).await;
        let denied = official
            .post(
                app,
                "/en/curate/import/outcome",
                &[
                    ("forum", id.as_str()),
                    ("document", "1. x"),
                    ("prefix", "SR"),
                ],
            )
            .await;
        assert_eq!(denied.status(), StatusCode::FORBIDDEN);
    }
}
