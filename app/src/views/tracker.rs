//! The public tracker: what survivors recommended and what each body answered.
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::domain::{
    bilingual::Bilingual,
    forum::{ForumKind, ShownAttendance},
    province::Province,
    status::{Position, Stage, Status},
    theme::Theme,
};

/// How many recommendations a tracker page shows.
pub const PAGE_SIZE: u64 = 20;

/// The tracker's filters, as they come from the query string.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrackerFilter {
    pub theme: Option<Theme>,
    pub status: Option<Status>,
    pub forum: Option<i32>,
    pub body: Option<i32>,
    pub overdue: bool,
    /// The year it was published.
    pub year: Option<i32>,
    /// Keyset cursor: show recommendations with a smaller id than this (in a search, those
    /// after this one in the ranked list).
    pub after: Option<i32>,
    /// Words to search for (`domain::search`), as typed.
    pub q: Option<String>,
}

/// What an address value may keep as it is (codes such as `in_progress` stay readable).
const URL_VALUE: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

/// Longest search, in characters; more is cut off.
pub const MAX_SEARCH_CHARS: usize = 200;

/// A result's words around the match, with the matching words marked, in each language the
/// recommendation is written in.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Snippet {
    pub id: i32,
    pub km: Option<Vec<(String, bool)>>,
    pub en: Option<Vec<(String, bool)>>,
    /// Found only by what a body answered.
    pub in_answer: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrgRef {
    pub id: i32,
    pub name: Bilingual,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ForumRef {
    pub id: i32,
    pub title: Bilingual,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecommendationSummary {
    pub id: i32,
    pub reference: String,
    pub theme: Theme,
    pub status: Status,
    pub overdue: bool,
    pub title: Bilingual,
    pub forum: Option<ForumRef>,
    pub bodies: Vec<OrgRef>,
    pub is_demo: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrackerPage {
    pub items: Vec<RecommendationSummary>,
    /// How many recommendations match the filters, on every page together.
    pub matching: u64,
    /// The cursor of the next page, when there is one.
    pub next_after: Option<i32>,
    /// What the forum and body filters can choose from.
    pub forums: Vec<ForumRef>,
    pub bodies: Vec<OrgRef>,
    /// Years with published recommendations, newest first.
    pub years: Vec<i32>,
    /// In a search: each item's snippet, and the forums that match (best first).
    pub snippets: Vec<Snippet>,
    pub found_forums: Vec<ForumRef>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum TimelineEntry {
    Response {
        position: Position,
        text: Option<Bilingual>,
        commitment: Option<Bilingual>,
        due_on: Option<NaiveDate>,
        on: NaiveDate,
        context: EntryContext,
    },
    Progress {
        stage: Stage,
        note: Option<Bilingual>,
        on: NaiveDate,
        context: EntryContext,
    },
}

/// Where an entry stands in the history.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntryContext {
    /// The entry's anchor on the page (`response-12`, `progress-3`), for links between
    /// an entry and its correction.
    pub anchor: String,
    /// The earlier entry this one corrects: its anchor and day.
    pub corrects: Option<(String, NaiveDate)>,
    /// The later entry that corrects this one (it no longer stands): its anchor and day.
    pub corrected_by: Option<(String, NaiveDate)>,
    /// The reference of the merged duplicate it was given on, when not this recommendation.
    pub via: Option<String>,
}

impl TimelineEntry {
    pub fn on(&self) -> NaiveDate {
        match self {
            TimelineEntry::Response { on, .. } | TimelineEntry::Progress { on, .. } => *on,
        }
    }
}

/// One addressed body and everything it said, oldest first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BodyTimeline {
    pub body: OrgRef,
    pub entries: Vec<TimelineEntry>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecommendationDetail {
    pub summary: RecommendationSummary,
    pub text: Bilingual,
    pub published_on: Option<NaiveDate>,
    pub timelines: Vec<BodyTimeline>,
    /// The recommendation this one was merged into (id, reference).
    pub merged_into: Option<(i32, String)>,
    /// Duplicates merged into this one (id, reference); their answers are in the timelines.
    pub duplicates: Vec<(i32, String)>,
    /// What survivors say about its bodies' claims.
    pub survivor_word: SurvivorWord,
}

/// Survivors' word on a recommendation's "implemented" (or overdue) claims, as the public
/// may read it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SurvivorWord {
    /// Survivors are asked now (a body reported it implemented, or a due date passed).
    pub asks: bool,
    /// K: no count is shown until this many answered.
    pub threshold: u32,
    /// The counts as released in steps of K; `None` until K people answered.
    pub tally: Option<crate::domain::check::CheckTally>,
    /// A few published words, without the answer each came with.
    pub comments: Vec<Bilingual>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ForumDetail {
    pub id: i32,
    pub kind: ForumKind,
    /// The series it is one meeting of: id and name.
    pub series: Option<(i32, Bilingual)>,
    pub title: Bilingual,
    pub province: Option<Province>,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub organisers: Option<Bilingual>,
    /// Who came (`participants` is the total), as the public may read it.
    pub attendance: ShownAttendance,
    /// The organisations present.
    pub present: Vec<OrgRef>,
    pub summary: Option<Bilingual>,
    pub minutes: Option<Bilingual>,
    pub is_demo: bool,
    /// How many of its public recommendations are in each status.
    pub status_counts: Vec<(Status, u64)>,
    pub recommendations: Vec<RecommendationSummary>,
}

impl TrackerFilter {
    /// Reads the filters from query parameters. Unknown values are dropped, and the second
    /// value says so, so the page can tell the reader.
    pub fn from_query(get: impl Fn(&str) -> Option<String>) -> (TrackerFilter, bool) {
        let mut bad = false;
        // An empty value means "any"; anything else must parse, or it is dropped and reported.
        let mut read = |key: &str, parse: &dyn Fn(&str) -> bool| -> Option<String> {
            let raw = get(key)
                .map(|v| v.trim().to_string())
                .filter(|v| !v.is_empty())?;
            let ok = parse(&raw);
            bad |= !ok;
            ok.then_some(raw)
        };
        let id = |raw: &str| raw.parse::<i32>().is_ok_and(|n| n > 0);
        let forum = read("forum", &id).and_then(|v| v.parse().ok());
        let body = read("body", &id).and_then(|v| v.parse().ok());
        let after = read("after", &id).and_then(|v| v.parse().ok());
        let year = read("year", &|raw| {
            raw.parse::<i32>().is_ok_and(|y| (1990..=2200).contains(&y))
        })
        .and_then(|v| v.parse().ok());
        let theme =
            read("theme", &|raw| Theme::parse(raw).is_some()).and_then(|v| Theme::parse(&v));
        let public_status = |raw: &str| Status::parse(raw).filter(|s| Status::PUBLIC.contains(s));
        let status =
            read("status", &|raw| public_status(raw).is_some()).and_then(|v| public_status(&v));
        let overdue = read("overdue", &|raw| {
            matches!(raw, "0" | "1" | "true" | "false" | "on")
        })
        .is_some_and(|v| matches!(v.as_str(), "1" | "true" | "on"));
        // Any words may be searched for: too long is cut, never refused.
        let q = get("q")
            .map(|v| v.trim().chars().take(MAX_SEARCH_CHARS).collect::<String>())
            .filter(|v| !v.is_empty());
        let filter = TrackerFilter {
            theme,
            status,
            forum,
            body,
            overdue,
            year,
            after,
            q,
        };
        (filter, bad)
    }

    /// The query string for these filters, starting at the page after `after`.
    pub fn to_query(&self, after: Option<i32>) -> String {
        let mut parts: Vec<String> = self
            .pairs()
            .into_iter()
            .map(|(name, value)| {
                let value = percent_encoding::utf8_percent_encode(&value, URL_VALUE);
                format!("{name}={value}")
            })
            .collect();
        if let Some(after) = after {
            parts.push(format!("after={after}"));
        }
        if parts.is_empty() {
            String::new()
        } else {
            format!("?{}", parts.join("&"))
        }
    }

    /// The filters in use as name and value (the cursor aside): for an address, or for
    /// hidden fields in a form that changes something else.
    pub fn pairs(&self) -> Vec<(&'static str, String)> {
        let mut pairs: Vec<(&'static str, String)> = Vec::new();
        pairs.extend(self.theme.map(|v| ("theme", v.code().to_string())));
        pairs.extend(self.status.map(|v| ("status", v.code().to_string())));
        pairs.extend(self.forum.map(|v| ("forum", v.to_string())));
        pairs.extend(self.body.map(|v| ("body", v.to_string())));
        pairs.extend(self.overdue.then(|| ("overdue", "1".to_string())));
        pairs.extend(self.year.map(|v| ("year", v.to_string())));
        pairs.extend(self.q.clone().map(|v| ("q", v)));
        pairs
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;

    fn parse(pairs: &[(&str, &str)]) -> (TrackerFilter, bool) {
        let map: HashMap<String, String> = pairs
            .iter()
            .map(|(k, v)| ((*k).to_string(), (*v).to_string()))
            .collect();
        TrackerFilter::from_query(|k| map.get(k).cloned())
    }

    #[test]
    fn reads_known_filters() {
        let (f, bad) = parse(&[
            ("theme", "prosecution"),
            ("status", "in_progress"),
            ("forum", "3"),
            ("body", "7"),
            ("overdue", "1"),
            ("after", "40"),
        ]);
        assert!(!bad);
        assert_eq!(f.theme, Some(Theme::Prosecution));
        assert_eq!(f.status, Some(Status::InProgress));
        assert_eq!((f.forum, f.body, f.after), (Some(3), Some(7), Some(40)));
        assert!(f.overdue);
    }

    #[test]
    fn drops_and_reports_unknown_values() {
        let (f, bad) = parse(&[
            ("theme", "<script>"),
            ("forum", "1 OR 1=1"),
            ("status", "draft"),
        ]);
        assert!(bad);
        assert_eq!(f, TrackerFilter::default());
    }

    #[test]
    fn empty_values_mean_any() {
        let (f, bad) = parse(&[("theme", ""), ("status", " "), ("forum", "")]);
        assert!(!bad);
        assert_eq!(f, TrackerFilter::default());
    }

    #[test]
    fn query_round_trips() {
        let f = TrackerFilter {
            theme: Some(Theme::Partnership),
            status: None,
            forum: Some(2),
            body: None,
            overdue: true,
            year: Some(2026),
            after: None,
            q: Some("safe shelter ការងារ&x".into()),
        };
        assert_eq!(
            f.to_query(Some(9)),
            "?theme=partnership&forum=2&overdue=1&year=2026\
             &q=safe%20shelter%20%E1%9E%80%E1%9E%B6%E1%9E%9A%E1%9E%84%E1%9E%B6%E1%9E%9A%26x&after=9"
        );
        let pairs: Vec<(String, String)> = f
            .to_query(Some(9))
            .trim_start_matches('?')
            .split('&')
            .filter_map(|kv| kv.split_once('='))
            .map(|(k, v)| {
                let v = percent_encoding::percent_decode_str(v).decode_utf8_lossy();
                (k.to_string(), v.into_owned())
            })
            .collect();
        let (back, bad) = TrackerFilter::from_query(|k| {
            pairs
                .iter()
                .find(|(key, _)| key == k)
                .map(|(_, v)| v.clone())
        });
        assert!(!bad);
        assert_eq!(
            back,
            TrackerFilter {
                after: Some(9),
                ..f
            }
        );
    }
}
