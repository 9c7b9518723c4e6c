//! Voice prompts as pages show them.
use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::domain::lang::Lang;

/// Where each recorded text's recording is, by text key and language code; survivor pages
/// find it in their context and show a play control beside the text (nothing when absent).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Prompts(pub HashMap<(String, String), String>);

impl Prompts {
    pub fn url(&self, key: &str, lang: Lang) -> Option<&str> {
        self.0
            .get(&(key.to_string(), lang.code().to_string()))
            .map(String::as_str)
    }
}

/// The staff page: every text that may be heard, with its recordings.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PromptsPage {
    pub keys: Vec<String>,
    pub recorded: Prompts,
    pub csrf: String,
}
