//! Pieces shared by several pages.
pub mod auto_apply;
pub mod bilingual_text;
pub mod error_view;
pub mod feed_link;
pub mod form_problems;
pub mod frame;
pub mod login_form;
pub mod page_title;
pub mod recommendation_card;
pub mod refusal_notice;
pub mod service_icon;
pub mod slide_keys;
pub mod status_badge;
pub mod survivor_form;
pub mod textarea_text;
pub mod thread_messages;
