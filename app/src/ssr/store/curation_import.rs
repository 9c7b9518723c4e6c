//! Reading a forum's recommendations from a CSV file: one row per recommendation, Khmer and
//! English columns, bodies by code or name. Every row is checked like the form; the file is
//! imported only when every row passes.
use std::collections::{HashMap, HashSet};

use sea_orm::{ConnectionTrait, DbErr, QuerySelect, prelude::*};
use serde::{Deserialize, Serialize};

use crate::ssr::{
    entities::{organisation, recommendation},
    flash::problem_list,
};
use crate::{
    domain::{
        curation::{
            CheckedRecommendation, MAX_TITLE, RecommendationInput, TranslationState,
            check_recommendation, normal_reference,
        },
        outcome,
        submission::Problems,
    },
    ssr::store::convert::{bilingual, org_ref},
    views::curation::{ImportRow, OutcomeInput},
};

/// The session key of the file waiting for its "import" button.
pub const PENDING_IMPORT: &str = "pending_import";
/// The session key of a refused outcome-document form, as typed.
pub const OUTCOME_TYPED: &str = "outcome_typed";
/// The biggest file accepted (a forum with thousands of recommendations fits easily).
pub const MAX_BYTES: usize = 512 * 1024;
/// The most rows one file may hold.
pub const MAX_ROWS: usize = 2000;
/// Columns every file must have; the others are optional.
pub const REQUIRED: [&str; 4] = ["reference", "theme", "original_lang", "bodies"];

/// A file sent for import, kept in the facilitator's session until they confirm.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct PendingImport {
    pub forum_id: Option<i32>,
    pub csv: String,
}

pub struct Preview {
    pub rows: Vec<ImportRow>,
    pub file_problem: Option<String>,
    /// The rows ready to save, when the whole file is valid.
    pub ready: Option<Vec<CheckedRecommendation>>,
}

fn file_problem(key: &str) -> Preview {
    Preview {
        rows: Vec::new(),
        file_problem: Some(key.to_string()),
        ready: None,
    }
}

/// A forum's outcome document as the rows of an import file, one per numbered item, so it is
/// reviewed (and checked) exactly as a file is: the reference is the prefix and the item's
/// number, the title its first sentence, the text the whole item. `None` when no line
/// starts with a number.
pub fn outcome_csv(typed: &OutcomeInput) -> Option<String> {
    let items = outcome::split(&typed.document);
    if items.is_empty() {
        return None;
    }
    let lang = typed.original_lang.trim().to_lowercase();
    let (title, text) = if lang == "en" {
        (["title_km", "title_en"], ["text_km", "text_en"])
    } else {
        (["title_en", "title_km"], ["text_en", "text_km"])
    };
    let mut file = csv::Writer::from_writer(Vec::new());
    let header = [
        "reference",
        "theme",
        "original_lang",
        title[0],
        title[1],
        text[0],
        text[1],
        "bodies",
    ];
    file.write_record(header).ok()?;
    let prefix = normal_reference(&typed.prefix);
    for item in items {
        let reference = format!("{prefix}-{}", item.number);
        let title_of = outcome::title_of(&item.text, MAX_TITLE);
        let row = [
            reference.as_str(),
            typed.theme.trim(),
            lang.as_str(),
            "",
            title_of.as_str(),
            "",
            item.text.as_str(),
            typed.bodies.trim(),
        ];
        file.write_record(row).ok()?;
    }
    String::from_utf8(file.into_inner().ok()?).ok()
}

/// Finds an organisation by its code or either of its names, ignoring case.
fn org_lookup<'a>(
    orgs: &'a [organisation::Model],
) -> impl Fn(&str) -> Option<&'a organisation::Model> {
    move |name: &str| {
        let wanted = name.trim().to_lowercase();
        orgs.iter().find(|o| {
            [Some(&o.code), o.name_en.as_ref(), o.name_km.as_ref()]
                .into_iter()
                .flatten()
                .any(|n| n.trim().to_lowercase() == wanted)
        })
    }
}

/// Reads and checks the file against the database.
pub async fn preview(db: &impl ConnectionTrait, pending: &PendingImport) -> Result<Preview, DbErr> {
    let text = pending.csv.trim_start_matches('\u{feff}');
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let Ok(headers) = reader.headers().cloned() else {
        return Ok(file_problem("import-error-not-csv"));
    };
    let columns: HashMap<String, usize> = headers
        .iter()
        .enumerate()
        .map(|(i, h)| (h.trim().to_lowercase(), i))
        .collect();
    if REQUIRED.iter().any(|c| !columns.contains_key(*c))
        || !(columns.contains_key("title_km") || columns.contains_key("title_en"))
    {
        return Ok(file_problem("import-error-columns"));
    }
    let orgs = organisation::Entity::find().all(db).await?;
    let find_org = org_lookup(&orgs);
    let forum_exists = |id: i32| pending.forum_id == Some(id);
    let mut records = Vec::new();
    for record in reader.records() {
        if records.len() >= MAX_ROWS {
            return Ok(file_problem("import-error-too-many-rows"));
        }
        let Ok(record) = record else {
            return Ok(file_problem("import-error-not-csv"));
        };
        records.push(record);
    }
    // Only the file's own references are looked up, not every recommendation there is.
    let typed: Vec<String> = records
        .iter()
        .filter_map(|r| columns.get("reference").and_then(|i| r.get(*i)))
        .map(normal_reference)
        .collect();
    let existing: HashSet<String> = recommendation::Entity::find()
        .filter(recommendation::Column::Reference.is_in(typed))
        .select_only()
        .column(recommendation::Column::Reference)
        .into_tuple::<String>()
        .all(db)
        .await?
        .into_iter()
        .collect();

    let mut rows = Vec::new();
    let mut ready = Vec::new();
    let mut seen: HashSet<String> = HashSet::new();
    for (index, record) in records.iter().enumerate() {
        let get = |name: &str| {
            columns
                .get(name)
                .and_then(|i| record.get(*i))
                .unwrap_or_default()
                .to_string()
        };
        let mut problems = Problems::default();
        // A formula would run in the spreadsheet of whoever later opens an export.
        for (name, at) in &columns {
            if record
                .get(*at)
                .is_some_and(crate::domain::spreadsheet::is_formula_like)
            {
                problems.add(name, "import-error-formula");
            }
        }
        let mut bodies = Vec::new();
        for name in get("bodies").split([';', '|', '\n']).map(str::trim) {
            if name.is_empty() {
                continue;
            }
            match find_org(name) {
                Some(org) => bodies.push(org.id),
                None => problems.add("bodies", "import-error-body"),
            }
        }
        let (title_km, title_en) = (get("title_km"), get("title_en"));
        let translation_state = match get("translation_state") {
            given if !given.is_empty() => given,
            _ if !title_km.is_empty() && !title_en.is_empty() => {
                TranslationState::Human.code().to_string()
            }
            _ => TranslationState::Missing.code().to_string(),
        };
        let input = RecommendationInput {
            reference: get("reference"),
            forum: pending.forum_id.map(|f| f.to_string()).unwrap_or_default(),
            theme: get("theme").to_lowercase(),
            title_km,
            title_en,
            body_km: get("text_km"),
            body_en: get("text_en"),
            original_lang: get("original_lang").to_lowercase(),
            translation_state,
            bodies,
        };
        let checked = check_recommendation(&input, forum_exists);
        if let Err(found) = &checked {
            for (field, key) in found.iter() {
                // An unknown body is the better message when a body was named at all.
                if !(field == "bodies" && problems.for_field("bodies").is_some()) {
                    problems.add(field, key);
                }
            }
        }
        if let Ok(ok) = &checked {
            if existing.contains(&ok.reference) {
                problems.add("reference", "import-error-reference-taken");
            } else if !seen.insert(ok.reference.clone()) {
                problems.add("reference", "import-error-reference-twice");
            }
        }
        let shown_bodies = input
            .bodies
            .iter()
            .filter_map(|id| orgs.iter().find(|o| o.id == *id))
            .map(org_ref)
            .collect();
        rows.push(ImportRow {
            line: record.position().map_or(index as u64 + 2, |p| p.line()),
            reference: input.reference.clone(),
            title: bilingual(
                Some(input.title_km.clone()),
                Some(input.title_en.clone()),
                &input.original_lang,
            ),
            bodies: shown_bodies,
            problems: problem_list(&problems),
        });
        if let (Ok(ok), true) = (checked, problems.is_empty()) {
            ready.push(ok);
        }
    }
    if rows.is_empty() {
        return Ok(file_problem("import-error-empty"));
    }
    let all_good = ready.len() == rows.len();
    Ok(Preview {
        rows,
        file_problem: None,
        ready: all_good.then_some(ready),
    })
}
