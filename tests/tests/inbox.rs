//! An official's inbox with a thousand recommendations: each group shows a page at a time, its
//! count covers them all, and turning one group's page leaves the others where they were.
use app::{
    domain::{org::OrgKind, role::Role},
    ssr::entities::{recommendation, recommendation_body},
};
use reqwest::StatusCode;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter, sea_query::Expr,
};
use tests::{apps, fixtures, session::sign_in_as};

/// The inbox's links to answer a recommendation, in the order shown.
fn answer_links(html: &str) -> Vec<String> {
    html.split("href=\"/en/inbox/")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .filter(|id| id.chars().all(|c| c.is_ascii_digit()))
        .map(str::to_owned)
        .collect()
}

#[tokio::test]
async fn a_long_inbox_shows_each_group_a_page_at_a_time() {
    for app in apps() {
        let db = app.db().await;
        let org = fixtures::new_organisation(&db, "inbox", OrgKind::Government).await;
        let stamp = chrono::Utc::now().timestamp_micros() % 1_000_000_000;
        // 120 recommendations published long ago and never answered: all overdue.
        let prefix = format!("INBOX{stamp}");
        fixtures::forum_with_recommendations(&db, &prefix, 120).await;
        let recs = recommendation::Entity::find()
            .filter(recommendation::Column::Reference.starts_with(format!("{prefix}-")))
            .all(&db)
            .await
            .unwrap_or_default();
        assert_eq!(recs.len(), 120);
        let mut ids: Vec<i32> = recs.iter().map(|r| r.id).collect();
        ids.sort_unstable();
        for id in &ids {
            let addressed = recommendation_body::ActiveModel {
                recommendation_id: Set(*id),
                organisation_id: Set(org),
            }
            .insert(&db)
            .await;
            assert!(addressed.is_ok(), "{addressed:?}");
        }
        // The last 60 published today: waiting for an answer, not yet overdue.
        let today = recommendation::Entity::update_many()
            .col_expr(
                recommendation::Column::PublishedOn,
                Expr::value(app.clock.today()),
            )
            .filter(recommendation::Column::Id.is_in(ids[60..].to_vec()))
            .exec(&db)
            .await;
        assert!(today.is_ok(), "{today:?}");
        let official = sign_in_as(app, Role::Official, Some(org)).await;
        let shown = |parts: &[&[i32]]| {
            parts
                .iter()
                .flat_map(|ids| ids.iter().map(i32::to_string))
                .collect::<Vec<_>>()
        };
        let (overdue, awaiting) = (&ids[..60], &ids[60..]);

        let (status, first) = official.get(app, "/en/inbox").await;
        assert_eq!(status, StatusCode::OK);
        assert!(
            first.contains("Overdue (60)"),
            "the count covers every page"
        );
        assert!(first.contains("Waiting for your answer (60)"));
        assert_eq!(
            answer_links(&first),
            shown(&[&overdue[..50], &awaiting[..50]])
        );
        assert_eq!(first.matches("Page 1 of 2").count(), 2);
        assert!(first.contains("href=\"/en/inbox?overdue=2#inbox-overdue\""));
        assert!(first.contains("href=\"/en/inbox?awaiting=2#inbox-awaiting\""));
        assert!(!first.contains("rel=\"prev\""));

        // Turning one group's page leaves the other where it was.
        let (_, second) = official.get(app, "/en/inbox?overdue=2").await;
        assert_eq!(
            answer_links(&second),
            shown(&[&overdue[50..], &awaiting[..50]])
        );
        assert!(
            second.contains("href=\"/en/inbox#inbox-overdue\""),
            "back to page 1"
        );
        assert!(second.contains("href=\"/en/inbox?overdue=2&amp;awaiting=2#inbox-awaiting\""));
        let (_, both) = official.get(app, "/en/inbox?overdue=2&awaiting=2").await;
        assert_eq!(
            answer_links(&both),
            shown(&[&overdue[50..], &awaiting[50..]])
        );
        assert!(both.contains("href=\"/en/inbox?awaiting=2#inbox-overdue\""));

        // Past the last page is the last; what is not a page number is the first.
        let (_, last) = official.get(app, "/en/inbox?overdue=99&answered=7").await;
        assert_eq!(
            answer_links(&last),
            shown(&[&overdue[50..], &awaiting[..50]])
        );
        assert!(last.contains("Page 2 of 2") && !last.contains("answered=7#"));
        for odd in ["abc", "-1", "0", "%3Cb%3E", "1e9"] {
            let (status, page) = official.get(app, &format!("/en/inbox?overdue={odd}")).await;
            assert_eq!(status, StatusCode::OK, "{odd}");
            assert_eq!(answer_links(&page), answer_links(&first), "{odd}");
        }

        let (_, khmer) = official.get(app, "/km/inbox").await;
        assert!(khmer.contains("ទំព័រទី ១ ក្នុងចំណោម ២"), "Khmer digits");
        assert!(khmer.contains("ហួសកាលកំណត់ (៦០)"));
    }
}
