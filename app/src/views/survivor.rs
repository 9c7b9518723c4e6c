//! What the survivor pages (feedback, propose, receipt) show. These pages are rendered only
//! by the server's own handlers, which put one of these in the page's context: they ship no
//! JavaScript, so nothing is ever fetched from the browser.
use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::domain::bilingual::Bilingual;

/// An organisation a survivor can name as the one that served them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrgChoice {
    pub id: i32,
    pub name: Bilingual,
}

/// A form as the survivor filled it in, and what was wrong with it (field, message key).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Draft {
    pub values: HashMap<String, String>,
    pub problems: Vec<(String, String)>,
    /// Held back (too much from this address): minutes until it is let in. Everything typed
    /// stays in `values`.
    pub busy_minutes: Option<u32>,
}

impl Draft {
    pub fn value(&self, field: &str) -> &str {
        self.values
            .get(field)
            .map(String::as_str)
            .unwrap_or_default()
    }

    pub fn problem(&self, field: &str) -> Option<&str> {
        self.problems
            .iter()
            .find(|(f, _)| f == field)
            .map(|(_, k)| k.as_str())
    }
}

/// Which form a receipt belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum SubmissionKind {
    Feedback,
    Proposal,
}

/// One thing a survivor page can show.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum SurvivorView {
    /// The feedback form, empty or coming back with problems.
    Feedback {
        organisations: Vec<OrgChoice>,
        draft: Draft,
    },
    /// The proposal form.
    Propose { draft: Draft },
    /// The same form was sent again: nothing was stored twice, and the code is not shown
    /// again.
    AlreadyReceived { kind: SubmissionKind },
    /// Saved: the receipt code, shown this once, in groups of five.
    Received {
        kind: SubmissionKind,
        code_grouped: String,
        /// Entered with a facilitator's help: the code is for her to hand over, on a slip.
        assisted: bool,
    },
    /// The receipt form; `problem` is a message key.
    AskCode {
        problem: Option<String>,
        typed: String,
    },
    /// The conversation the code opens.
    Thread(ThreadView),
    /// Too many tries or submissions from here: wait and try again.
    Busy,
    /// A returned paper sheet was typed in under its printed code.
    PaperEntered,
    /// "Is this true where you are?" about one recommendation, empty or with problems.
    Check { about: CheckAbout, draft: Draft },
    /// A ballot of a forum's drafts, through its venue link, empty or with a problem.
    Ballot { ballot: Ballot, draft: Draft },
    /// The ballot was counted: the way to an empty ballot for the next person.
    Voted { venue: String },
    /// The link is closed, expired, used up or opens no ballot.
    NoBallot,
    /// The answer was counted; `already` when this receipt code had answered before (or the
    /// same form came twice) and nothing was counted again.
    Checked { about: CheckAbout, already: bool },
}

/// The recommendation a check is about.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckAbout {
    pub id: i32,
    pub reference: String,
    pub title: Bilingual,
    /// Survivors are asked about it today.
    pub asks: bool,
}

/// A receipt thread as its survivor sees it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ThreadView {
    /// The reply form's one-time token: a reply sent twice is saved once.
    pub once: String,
    /// The code again, so the reply form can carry it in its body (never in a URL).
    pub code_grouped: String,
    pub kind: SubmissionKind,
    /// Fluent key of what it was about (a service or a theme).
    pub about_key: String,
    pub received_on: chrono::NaiveDate,
    /// Fluent key of its state, in the survivor's words.
    pub state_key: String,
    /// The retention period passed: the words and messages were deleted.
    pub expired: bool,
    /// The survivor's own words, as they sent them.
    pub own_text: Option<String>,
    /// What others read of them, once published (with identifying words hidden).
    pub public_text: Option<String>,
    /// For a proposal: the public recommendation it became, and each body's answer.
    pub became: Option<Became>,
    pub messages: Vec<ThreadMessage>,
    /// A problem with the reply just typed (message key), and what was typed.
    pub reply_problem: Option<String>,
    pub reply_typed: String,
    /// The reply just sent was saved.
    pub reply_saved: bool,
    /// The recommendations she follows, each with what changed since her last visit.
    pub follows: Vec<FollowedRecommendation>,
    /// A problem with following (message key), when she just tried.
    pub follow_problem: Option<String>,
    /// When the recommendation her proposal became asks survivors' word: the check form's
    /// one-time token, or `None` once this code has answered.
    pub check: Option<ReceiptCheck>,
}

/// The check on a receipt page: asked with the form, or already answered.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ReceiptCheck {
    Ask { once: String },
    Answered,
}

/// The public recommendation a survivor's proposal became.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Became {
    pub id: i32,
    pub reference: String,
    pub status: crate::domain::status::Status,
    /// Each addressed body's name and its latest position, if it answered.
    pub answers: Vec<(Bilingual, Option<crate::domain::status::Position>)>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ThreadMessage {
    pub from_survivor: bool,
    pub body: String,
    pub sent_on: chrono::NaiveDate,
}

/// A forum's drafts to vote on.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ballot {
    pub forum_title: Bilingual,
    /// (id, title, text) of each draft, in the day's order.
    pub drafts: Vec<(i32, Bilingual, Bilingual)>,
}

/// A recommendation a survivor follows from her receipt page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FollowedRecommendation {
    pub id: i32,
    pub reference: String,
    pub title: Bilingual,
    pub status: crate::domain::status::Status,
    /// What was said on it since her last visit, oldest first: the day, the body, and the
    /// Fluent key of its position or stage.
    pub news: Vec<(chrono::NaiveDate, Bilingual, String)>,
}

/// The feedback form for a facilitator helping a survivor: the day's pass that marks it
/// "assisted" (naming nobody) and the form's choices.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AssistedForm {
    pub organisations: Vec<OrgChoice>,
    pub draft: Draft,
}
