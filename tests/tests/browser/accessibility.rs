//! axe-core 4.14 (installed by `scripts/setup --browser`) on every public and survivor page, in
//! Khmer and in English, at phone width: no violation of WCAG 2.1 A and AA, nor of axe's best
//! practices.
use app::{
    domain::status::Status,
    ssr::entities::{forum, recommendation},
};
use fantoccini::Client;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use tests::{TestApp, fixtures, workspace_root};

const RUN: &str = "const done = arguments[arguments.length - 1];\
    axe.run(document, {runOnly: {type: 'tag', values: \
    ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}})\
    .then(r => done(r.violations.map(v => v.id + ' (' + v.nodes.length + '): ' + \
    v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', '))))\
    .catch(e => done(['axe failed: ' + e]));";

pub async fn every_public_and_survivor_page(client: &Client, app: &TestApp) {
    let tag = format!("{:?}", app.backend).to_lowercase();
    let path = workspace_root().join("target/axe/node_modules/axe-core/axe.min.js");
    let axe = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("axe-core is not installed ({e}): run scripts/setup --browser"));
    let db = app.db().await;
    let claimed = recommendation::Entity::find()
        .filter(recommendation::Column::IsDemo.eq(true))
        .filter(recommendation::Column::Status.eq(Status::Implemented))
        .one(&db)
        .await
        .ok()
        .flatten()
        .map(|r| r.id)
        .unwrap_or_else(|| panic!("{tag}: the demo has an implemented recommendation"));
    let forum = forum::Entity::find()
        .filter(forum::Column::IsDemo.eq(true))
        .one(&db)
        .await
        .ok()
        .flatten()
        .map(|f| f.id)
        .unwrap_or_else(|| panic!("{tag}: the demo has a forum"));
    let body = fixtures::org_id(&db, "moj").await;
    let pages = [
        String::new(),
        "/recommendations".into(),
        format!("/recommendations/{claimed}"),
        "/forums".into(),
        format!("/forums/{forum}"),
        format!("/forums/{forum}/present/1"),
        format!("/forums/{forum}/handout"),
        "/bodies".into(),
        format!("/bodies/{body}"),
        "/services".into(),
        "/feedback".into(),
        "/propose".into(),
        "/receipt".into(),
        format!("/check/{claimed}"),
        "/login".into(),
    ];
    let mut found = Vec::new();
    for lang in ["km", "en"] {
        for page in &pages {
            let address = format!("/{lang}{page}");
            if let Err(e) = client.goto(&app.url(&address)).await {
                panic!("{tag}: cannot open {address}: {e}");
            }
            if let Err(e) = client.execute(&axe, vec![]).await {
                panic!("{tag}: cannot load axe-core on {address}: {e}");
            }
            let violations = match client.execute_async(RUN, vec![]).await {
                Ok(v) => v,
                Err(e) => panic!("{tag}: axe-core did not run on {address}: {e}"),
            };
            for v in violations.as_array().into_iter().flatten() {
                found.push(format!("{address}: {}", v.as_str().unwrap_or_default()));
            }
        }
    }
    assert!(found.is_empty(), "{tag}: {}", found.join("\n"));
}
