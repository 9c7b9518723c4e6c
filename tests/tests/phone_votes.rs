//! Prioritising on phones: a venue link made for a forum's day opens a ballot of its drafts;
//! two phones vote, a shared phone passes to the next person, and only counts are kept.
use app::{domain::role::Role, ssr::entities::recommendation};
use reqwest::StatusCode;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use tests::{
    TestApp, apps, location,
    session::{Signed, sign_in_as},
    survivor::{get, once_token, post},
    tracker::new_forum,
};

async fn drafts(app: &TestApp, forum: i32) -> Vec<recommendation::Model> {
    recommendation::Entity::find()
        .filter(recommendation::Column::ForumId.eq(forum))
        .order_by_asc(recommendation::Column::Id)
        .all(&app.db().await)
        .await
        .unwrap_or_default()
}

/// Opens a venue link for `forum` (or none) and returns its token, as shown once.
async fn venue_link(app: &TestApp, facilitator: &Signed, forum: &str) -> String {
    let form = [
        ("label", "Forum day, voting"),
        ("hours", "10"),
        ("submissions", "50"),
        ("forum", forum),
    ];
    let opened = facilitator.post(app, "/en/venues", &form).await;
    assert_eq!(location(&opened), "/en/venues?opened=1");
    let (_, page) = facilitator.get(app, "/en/venues?opened=1").await;
    page.split("/en/feedback?venue=")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap_or_else(|| panic!("no venue link shown"))
        .to_string()
}

#[tokio::test]
async fn phones_vote_through_the_forums_venue_link_and_only_counts_are_kept() {
    for app in apps() {
        let facilitator = sign_in_as(app, Role::Facilitator, None).await;
        let forum = new_forum(&facilitator, app, "Voting day", "siem-reap").await;
        let day = format!("/en/curate/forums/{forum}/day");
        for text in [
            "Train police to listen first.",
            "Open a shelter in every province.",
            "Pay for lawyers <b>now</b>.",
            "Teach skills that lead to work.",
        ] {
            let added = facilitator
                .post(
                    app,
                    &day,
                    &[
                        ("text", text),
                        ("lang", "en"),
                        ("theme", "protection"),
                        ("group", ""),
                    ],
                )
                .await;
            assert!(location(&added).contains("saved=1"));
        }
        let ids: Vec<String> = drafts(app, forum)
            .await
            .iter()
            .map(|r| r.id.to_string())
            .collect();
        assert_eq!(ids.len(), 4);
        let (_, page) = facilitator.get(app, &day).await;
        assert!(
            page.contains(&format!("/en/venues?forum={forum}")),
            "the day leads to voting"
        );

        // A link for no forum opens no ballot; an unknown forum is refused.
        let plain = venue_link(app, &facilitator, "").await;
        let none = get(app, &format!("/en/vote?venue={plain}")).await;
        assert_eq!(none.status, StatusCode::NOT_FOUND);
        assert!(none.body.contains("not for voting"));
        let odd = facilitator
            .post(
                app,
                "/en/venues",
                &[
                    ("label", "x"),
                    ("hours", "1"),
                    ("submissions", "5"),
                    ("forum", "99999999"),
                ],
            )
            .await;
        assert!(location(&odd).contains("error="), "{}", location(&odd));

        let token = venue_link(app, &facilitator, &forum.to_string()).await;
        let (_, shown) = facilitator.get(app, "/en/venues").await;
        assert!(!shown.contains(&token), "the link is shown once");
        let ballot = get(app, &format!("/en/vote?venue={token}")).await;
        assert_eq!(ballot.status, StatusCode::OK);
        assert!(ballot.body.contains("Open a shelter in every province"));
        assert!(ballot.body.contains("&lt;b&gt;now"), "escaped");
        assert!(
            !ballot.body.contains("<script"),
            "a survivor page ships no script"
        );
        assert!(ballot.headers.get("set-cookie").is_none());
        let km = get(app, &format!("/km/vote?venue={token}")).await;
        assert!(km.body.contains("ជ្រើសរើសអ្វីដែលសំខាន់បំផុត"));

        // Two phones: the first chooses two, the second three.
        let first = post(
            app,
            "/en/vote",
            &[
                ("venue", &token),
                ("once", &once_token(&ballot.body)),
                ("draft", &ids[0]),
                ("draft", &ids[1]),
            ],
            &[],
        )
        .await;
        assert_eq!(first.status, StatusCode::OK, "{}", first.body);
        assert!(first.body.contains("Your choice is counted"));
        // The same form sent again (a reload) counts once.
        let reload = post(
            app,
            "/en/vote",
            &[
                ("venue", &token),
                ("once", &once_token(&ballot.body)),
                ("draft", &ids[0]),
                ("draft", &ids[1]),
            ],
            &[],
        )
        .await;
        assert_eq!(reload.status, StatusCode::OK);
        // The shared phone's "next person" opens an empty ballot.
        let next = first
            .body
            .split("href=\"/en/vote?venue=")
            .nth(1)
            .map(|rest| format!("/en/vote?venue={rest}"))
            .as_deref()
            .and_then(|rest| rest.split('"').next())
            .unwrap_or_default()
            .replace("&amp;", "&");
        assert_eq!(next, format!("/en/vote?venue={token}"));
        let second_ballot = get(app, &next).await;
        assert!(
            !boxes(&second_ballot.body).contains("checked"),
            "an empty ballot"
        );
        let second = post(
            app,
            "/en/vote",
            &[
                ("venue", &token),
                ("once", &once_token(&second_ballot.body)),
                ("draft", &ids[1]),
                ("draft", &ids[2]),
                ("draft", &ids[3]),
            ],
            &[],
        )
        .await;
        assert_eq!(second.status, StatusCode::OK);

        // Bad ballots: none, four, another forum's draft, a formula. Nothing counted.
        let four: Vec<(&str, &str)> = std::iter::once(("venue", token.as_str()))
            .chain(ids.iter().map(|id| ("draft", id.as_str())))
            .collect();
        let too_many = post(app, "/en/vote", &four, &[]).await;
        assert_eq!(too_many.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(too_many.body.contains("no more than three"));
        assert_eq!(
            boxes(&too_many.body).matches("checked").count(),
            4,
            "the ticks come back"
        );
        let empty = post(app, "/en/vote", &[("venue", &token)], &[]).await;
        assert!(empty.body.contains("at least one"));
        let other = post(app, "/en/vote", &[("venue", &token), ("draft", "1")], &[]).await;
        assert_eq!(other.status, StatusCode::UNPROCESSABLE_ENTITY);
        let formula = post(
            app,
            "/en/vote",
            &[("venue", &token), ("draft", "=1+1")],
            &[],
        )
        .await;
        assert_eq!(formula.status, StatusCode::UNPROCESSABLE_ENTITY);
        let no_link = post(app, "/en/vote", &[("draft", &ids[0])], &[]).await;
        assert_eq!(no_link.status, StatusCode::NOT_FOUND);

        let votes: Vec<i32> = drafts(app, forum)
            .await
            .iter()
            .map(|r| r.phone_votes)
            .collect();
        assert_eq!(votes, vec![1, 2, 1, 1]);
        let (_, page) = facilitator.get(app, &day).await;
        assert!(
            page.contains("2 votes on phones"),
            "the facilitator sees the counts"
        );

        // Ordering by votes counts paper and phones together.
        let mut tallies: Vec<(String, String)> = ids
            .iter()
            .map(|id| (format!("votes-{id}"), "0".to_string()))
            .collect();
        tallies[3].1 = "5".into();
        tallies.push(("by_votes".into(), "1".into()));
        let pairs: Vec<(&str, &str)> = tallies
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        let saved = facilitator
            .post(
                app,
                &format!("/en/curate/forums/{forum}/day/tallies"),
                &pairs,
            )
            .await;
        assert_eq!(saved.status(), StatusCode::SEE_OTHER);
        let mut rows = drafts(app, forum).await;
        rows.sort_by_key(|r| r.day_order);
        assert_eq!(
            rows[0].id.to_string(),
            ids[3],
            "5 on paper + 1 on phones first"
        );
        assert_eq!(rows[1].id.to_string(), ids[1], "2 on phones next");

        // Closed: the ballot is gone.
        let close = facilitator.get(app, "/en/venues").await.1;
        let close = close
            .split("action=\"/en/venues/")
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .map(|rest| format!("/en/venues/{rest}"))
            .unwrap_or_else(|| panic!("no close button"));
        facilitator.post(app, &close, &[]).await;
        let closed = get(app, &format!("/en/vote?venue={token}")).await;
        assert_eq!(closed.status, StatusCode::NOT_FOUND);
        let late = post(
            app,
            "/en/vote",
            &[("venue", &token), ("draft", &ids[0])],
            &[],
        )
        .await;
        assert_eq!(late.status, StatusCode::NOT_FOUND);
        let votes: Vec<i32> = drafts(app, forum)
            .await
            .iter()
            .map(|r| r.phone_votes)
            .collect();
        assert_eq!(votes, vec![1, 2, 1, 1]);
    }
}

/// The page after its CSS (which names `:checked` itself): where the ballot's boxes are.
fn boxes(html: &str) -> &str {
    html.split("</style>").last().unwrap_or_default()
}
