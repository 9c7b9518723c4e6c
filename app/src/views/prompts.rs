//! Voice prompts as pages show them.
use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::domain::lang::Lang;

/// Where each recorded text's recording is, by language and text key (`km:answer-yes`: JSON
/// keys must be strings); survivor pages find it in their context and show a play control
/// beside the text (nothing when absent).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Prompts(HashMap<String, String>);

impl Prompts {
    pub fn url(&self, key: &str, lang: Lang) -> Option<&str> {
        self.0
            .get(&Self::slot(key, lang.code()))
            .map(String::as_str)
    }

    pub fn from_rows(rows: impl IntoIterator<Item = (String, String, String)>) -> Self {
        Self(
            rows.into_iter()
                .map(|(key, lang, url)| (Self::slot(&key, &lang), url))
                .collect(),
        )
    }

    fn slot(key: &str, lang: &str) -> String {
        format!("{lang}:{key}")
    }
}

/// The staff page: every text that may be heard, with its recordings.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PromptsPage {
    pub keys: Vec<String>,
    pub recorded: Prompts,
    pub csrf: String,
}
