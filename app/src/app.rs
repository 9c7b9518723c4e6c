//! The HTML shell and the routes.
use leptos::prelude::*;
use leptos_meta::{HashedStylesheet, MetaTags, provide_meta_context};
use leptos_router::{
    SsrMode,
    components::{ParentRoute, Route, Router, Routes},
    path,
};

use crate::pages::{
    account::AccountPage,
    answers::{AnswerPage, InboxPage},
    assisted::AssistedPage,
    audit::AuditPage,
    bodies::BodiesPage,
    claim_check::CheckPage,
    curation::CuratePage,
    curation_forum::CurateForumPage,
    curation_import::CurateImportPage,
    curation_merge::CurateMergePage,
    curation_recommendation::CurateRecommendationPage,
    feedback::FeedbackPage,
    forum::ForumPage,
    forum_day::ForumDayPage,
    forums::ForumsPage,
    home::HomePage,
    invite::InvitePage,
    layout::Layout,
    login::LoginPage,
    login_code::LoginCodePage,
    moderation::ModerationPage,
    moderation_item::ModerationItemPage,
    not_found::NotFound,
    organisations::OrganisationsPage,
    paper::{PaperEntryPage, PaperPage, PaperSheetsPage},
    people::PeoplePage,
    presentation::{HandoutPage, ProjectorPage},
    prompts::PromptsPage,
    proposals::ProposePage,
    receipts::ReceiptPage,
    recommendation::RecommendationPage,
    report_card::BodyPage,
    reset::{ForgotPage, ResetPage},
    series::SeriesPage,
    services::{MyServicesPage, ServicesPage},
    settings::SettingsPage,
    tracker::TrackerPage,
    two_step::TwoStepPage,
    venues::VenuesPage,
    vote::VotePage,
};

/// The document around the app. Its scripts carry the nonce Leptos provides for each
/// response; the server names it in the page's policy.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    // Only pages with an island load the JS and WASM; survivor pages never do.
    #[cfg(feature = "ssr")]
    let scripts = crate::ssr::csp::rendering_page_with_island();
    #[cfg(not(feature = "ssr"))]
    let scripts = true;
    // Nothing on a page without an island hydrates, yet Leptos would serialize every
    // resource's data into it (escaping each character: a quarter of an official's inbox
    // render), only for `script_free` to cut it off.
    #[cfg(feature = "ssr")]
    if !scripts && let Some(shared) = Owner::current_shared_context() {
        shared.set_is_hydrating(false);
    }
    // Survivor pages carry their CSS: one request, not two, on a slow phone connection.
    #[cfg(feature = "ssr")]
    let inline_css = crate::ssr::csp::rendering_survivor_page()
        .then(|| use_context::<crate::ssr::state::AppState>().and_then(|s| s.survivor_css.clone()))
        .flatten();
    #[cfg(not(feature = "ssr"))]
    let inline_css: Option<std::sync::Arc<str>> = None;
    let style = match inline_css {
        Some(css) => view! { <style inner_html=css.to_string()></style> }.into_any(),
        // Named after its content when built with `hash-files` (see server `assets`).
        None => view! { <HashedStylesheet options=options.clone() id="samleng"/> }.into_any(),
    };
    view! {
        <!DOCTYPE html>
        <html>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                {style}
                {scripts.then(|| view! { <HydrationScripts options islands=true/> })}
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    // Async: each page is rendered whole before it is sent, so it reads well without
    // JavaScript and a missing record can still answer 404.
    let ssr = SsrMode::Async;
    view! {
        <Router>
            <Routes fallback=NotFound>
                <ParentRoute path=path!("/:lang") view=Layout ssr=ssr.clone()>
                    <Route path=path!("") view=HomePage ssr=ssr.clone()/>
                    <Route path=path!("recommendations") view=TrackerPage ssr=ssr.clone()/>
                    <Route path=path!("recommendations/:id") view=RecommendationPage ssr=ssr.clone()/>
                    <Route path=path!("forums") view=ForumsPage ssr=ssr.clone()/>
                    <Route path=path!("forums/:id") view=ForumPage ssr=ssr.clone()/>
                    <Route path=path!("forums/:id/present") view=ProjectorPage ssr=ssr.clone()/>
                    <Route path=path!("forums/:id/present/:n") view=ProjectorPage ssr=ssr.clone()/>
                    <Route path=path!("forums/:id/handout") view=HandoutPage ssr=ssr.clone()/>
                    <Route path=path!("series/:id") view=SeriesPage ssr=ssr.clone()/>
                    <Route path=path!("bodies") view=BodiesPage ssr=ssr.clone()/>
                    <Route path=path!("bodies/:id") view=BodyPage ssr=ssr.clone()/>
                    <Route path=path!("curate") view=CuratePage ssr=ssr.clone()/>
                    <Route path=path!("curate/recommendations/:id") view=CurateRecommendationPage ssr=ssr.clone()/>
                    <Route path=path!("curate/recommendations/:id/merge") view=CurateMergePage ssr=ssr.clone()/>
                    <Route path=path!("curate/forums/:id") view=CurateForumPage ssr=ssr.clone()/>
                    <Route path=path!("curate/forums/:id/day") view=ForumDayPage ssr=ssr.clone()/>
                    <Route path=path!("curate/import") view=CurateImportPage ssr=ssr.clone()/>
                    <Route path=path!("inbox") view=InboxPage ssr=ssr.clone()/>
                    <Route path=path!("inbox/:id") view=AnswerPage ssr=ssr.clone()/>
                    <Route path=path!("feedback") view=FeedbackPage ssr=ssr.clone()/>
                    <Route path=path!("propose") view=ProposePage ssr=ssr.clone()/>
                    <Route path=path!("receipt") view=ReceiptPage ssr=ssr.clone()/>
                    <Route path=path!("check/:id") view=CheckPage ssr=ssr.clone()/>
                    <Route path=path!("vote") view=VotePage ssr=ssr.clone()/>
                    <Route path=path!("moderation") view=ModerationPage ssr=ssr.clone()/>
                    <Route path=path!("venues") view=VenuesPage ssr=ssr.clone()/>
                    <Route path=path!("assisted") view=AssistedPage ssr=ssr.clone()/>
                    <Route path=path!("paper") view=PaperPage ssr=ssr.clone()/>
                    <Route path=path!("paper/enter") view=PaperEntryPage ssr=ssr.clone()/>
                    <Route path=path!("paper/sheets") view=PaperSheetsPage ssr=ssr.clone()/>
                    <Route path=path!("prompts") view=PromptsPage ssr=ssr.clone()/>
                    <Route path=path!("moderation/:kind/:id") view=ModerationItemPage ssr=ssr.clone()/>
                    <Route path=path!("services") view=ServicesPage ssr=ssr.clone()/>
                    <Route path=path!("my-services") view=MyServicesPage ssr=ssr.clone()/>
                    <Route path=path!("login") view=LoginPage ssr=ssr.clone()/>
                    <Route path=path!("login/code") view=LoginCodePage ssr=ssr.clone()/>
                    <Route path=path!("account") view=AccountPage ssr=ssr.clone()/>
                    <Route path=path!("account/two-step") view=TwoStepPage ssr=ssr.clone()/>
                    <Route path=path!("people") view=PeoplePage ssr=ssr.clone()/>
                    <Route path=path!("invite/:token") view=InvitePage ssr=ssr.clone()/>
                    <Route path=path!("audit") view=AuditPage ssr=ssr.clone()/>
                    <Route path=path!("settings") view=SettingsPage ssr=ssr.clone()/>
                    <Route path=path!("organisations") view=OrganisationsPage ssr=ssr.clone()/>
                    <Route path=path!("reset/:token") view=ResetPage ssr=ssr.clone()/>
                    <Route path=path!("forgot") view=ForgotPage ssr=ssr/>
                </ParentRoute>
            </Routes>
        </Router>
    }
}
