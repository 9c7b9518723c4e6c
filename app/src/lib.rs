#![doc = "Samleng: survivors' recommendations and what became of them."]
pub mod domain;
