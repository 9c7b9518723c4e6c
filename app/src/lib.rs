#![doc = "Samleng: survivors' recommendations and what became of them."]
pub mod api;
pub mod domain;
pub mod i18n;
#[cfg(feature = "ssr")]
pub mod ssr;
