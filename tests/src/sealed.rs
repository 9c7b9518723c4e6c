//! Survivors' words are sealed at rest: tests find a submission by its words by opening each
//! stored original with the server's keys, as the server itself would.
use app::ssr::{
    entities::{feedback, proposal},
    seal::Sealer,
};
use sea_orm::EntityTrait;

use crate::TestApp;

/// The keys of `app`'s server (made on its first start, beside its secret).
pub fn sealer(app: &TestApp) -> Sealer {
    let path = Sealer::path_beside(&app.secret_file);
    Sealer::load_or_create(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The feedback whose original is `text`, with its original opened.
pub async fn feedback_with_text(app: &TestApp, text: &str) -> feedback::Model {
    let sealer = sealer(app);
    let rows = feedback::Entity::find()
        .all(&app.db().await)
        .await
        .unwrap_or_else(|e| panic!("feedback: {e}"));
    rows.into_iter()
        .map(|mut f| {
            f.text_original = sealer.open_or_log(f.text_original.as_deref());
            f
        })
        .find(|f| f.text_original.as_deref() == Some(text))
        .unwrap_or_else(|| panic!("no feedback with the words {text:?}"))
}

/// The proposal whose original is `text`, with its original opened.
pub async fn proposal_with_text(app: &TestApp, text: &str) -> proposal::Model {
    let sealer = sealer(app);
    let rows = proposal::Entity::find()
        .all(&app.db().await)
        .await
        .unwrap_or_else(|e| panic!("proposals: {e}"));
    rows.into_iter()
        .map(|mut p| {
            p.text_original = sealer
                .open_or_log(Some(&p.text_original))
                .unwrap_or_default();
            p
        })
        .find(|p| p.text_original == text)
        .unwrap_or_else(|| panic!("no proposal with the words {text:?}"))
}
