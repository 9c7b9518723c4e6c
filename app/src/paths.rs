//! Every address a form posts to, written once: the router registers `Route::pattern`, and
//! the page whose form posts there fills it in with `Route::at`. A search for the constant
//! finds the page, the route and (through the router) the handler.

/// An address pattern like `/{lang}/inbox/{id}/response`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Route(&'static str);

impl Route {
    /// The pattern, as axum reads it.
    pub const fn pattern(self) -> &'static str {
        self.0
    }

    /// The address with each `{…}` filled in by `parts`, in order (the language first).
    pub fn at(self, parts: &[&dyn std::fmt::Display]) -> String {
        let mut out = String::with_capacity(self.0.len() + 16);
        let mut parts = parts.iter();
        let mut rest = self.0;
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let close = rest[open..].find('}').map_or(rest.len(), |c| open + c + 1);
            match parts.next() {
                Some(part) => out.push_str(&part.to_string()),
                None => out.push_str(&rest[open..close]),
            }
            rest = &rest[close..];
        }
        out.push_str(rest);
        out
    }
}

pub mod feedback {
    use super::Route;
    pub const FORM: Route = Route("/{lang}/feedback");
}

pub mod proposals {
    use super::Route;
    pub const FORM: Route = Route("/{lang}/propose");
}

pub mod receipts {
    use super::Route;
    pub const LOOK_UP: Route = Route("/{lang}/receipt");
    pub const REPLY: Route = Route("/{lang}/receipt/reply");
    pub const FOLLOW: Route = Route("/{lang}/receipt/follow");
}

/// Survivors' word on a recommendation's "implemented": a survivor page (no script, no log).
pub mod checks {
    use super::Route;
    pub const FORM: Route = Route("/{lang}/check/{id}");
}

/// A ballot of a forum's drafts, opened by its venue link (a survivor page).
pub mod votes {
    use super::Route;
    pub const BALLOT: Route = Route("/{lang}/vote");
}

pub mod moderation {
    use super::Route;
    pub const SPAM: Route = Route("/{lang}/moderation/spam");
    pub const REDACT: Route = Route("/{lang}/moderation/{kind}/{id}/redact");
    pub const TRANSLATE: Route = Route("/{lang}/moderation/{kind}/{id}/translate");
    pub const STATE: Route = Route("/{lang}/moderation/{kind}/{id}/state");
    pub const FLAGS: Route = Route("/{lang}/moderation/{kind}/{id}/flags");
    pub const REPLY: Route = Route("/{lang}/moderation/{kind}/{id}/reply");
    pub const PROMOTE: Route = Route("/{lang}/moderation/proposal/{id}/promote");
}

pub mod curation {
    use super::Route;
    pub const RECOMMENDATION: Route = Route("/{lang}/curate/recommendations/{id}");
    pub const PUBLISH: Route = Route("/{lang}/curate/recommendations/{id}/publish");
    /// GET: the confirmation naming both; POST (with `confirmed=1`): the merge.
    pub const MERGE: Route = Route("/{lang}/curate/recommendations/{id}/merge");
    pub const UNMERGE: Route = Route("/{lang}/curate/recommendations/{id}/unmerge");
    pub const FORUM: Route = Route("/{lang}/curate/forums/{id}");
    pub const FORUM_PUBLICATION: Route = Route("/{lang}/curate/forums/{id}/publication");
    /// A forum on its day: GET the capture page, POST a new draft.
    pub const DAY: Route = Route("/{lang}/curate/forums/{id}/day");
    /// One draft of the day: `step` is up, down, priority or merge (with `confirmed=1`).
    pub const DAY_STEP: Route = Route("/{lang}/curate/forums/{id}/day/{rec}");
    /// The day's set, published with the forum.
    pub const DAY_PUBLISH: Route = Route("/{lang}/curate/forums/{id}/day/publish");
    /// The votes counted on paper ballots, per draft (`votes-<id>`), and perhaps the order.
    pub const DAY_TALLIES: Route = Route("/{lang}/curate/forums/{id}/day/tallies");
    pub const IMPORT: Route = Route("/{lang}/curate/import");
    pub const IMPORT_CONFIRM: Route = Route("/{lang}/curate/import/confirm");
    pub const IMPORT_CANCEL: Route = Route("/{lang}/curate/import/cancel");
    /// A forum's outcome document, pasted: split into one row per numbered item, then
    /// reviewed like an imported file.
    pub const IMPORT_OUTCOME: Route = Route("/{lang}/curate/import/outcome");
}

pub mod answers {
    use super::Route;
    pub const RESPONSE: Route = Route("/{lang}/inbox/{id}/response");
    pub const PROGRESS: Route = Route("/{lang}/inbox/{id}/progress");
    /// A second official publishes an answer another drafted, or either takes it back.
    pub const APPROVE: Route = Route("/{lang}/inbox/{id}/drafts/{draft}/approve");
    pub const DISCARD: Route = Route("/{lang}/inbox/{id}/drafts/{draft}/discard");
}

pub mod account {
    use super::Route;
    pub const LOGIN: Route = Route("/{lang}/login");
    pub const LOGIN_CODE: Route = Route("/{lang}/login/code");
    pub const LOGOUT: Route = Route("/{lang}/logout");
    pub const TWO_STEP: Route = Route("/{lang}/account/two-step");
    pub const RECOVERY_CODES: Route = Route("/{lang}/account/recovery-codes");
    pub const PASSWORD: Route = Route("/{lang}/account/password");
    pub const RESET: Route = Route("/{lang}/reset/{token}");
    pub const FORGOT: Route = Route("/{lang}/forgot");
    pub const DIGEST: Route = Route("/{lang}/account/digest");
}

pub mod paper {
    use super::Route;
    pub const PRINT: Route = Route("/{lang}/paper");
    pub const ENTER: Route = Route("/{lang}/paper/enter");
}

pub mod prompts {
    use super::Route;
    pub const UPLOAD: Route = Route("/{lang}/prompts");
    pub const REMOVE: Route = Route("/{lang}/prompts/remove");
    pub const AUDIO: Route = Route("/audio/{hash}");
}

pub mod venues {
    use super::Route;
    pub const OPEN: Route = Route("/{lang}/venues");
    pub const CLOSE: Route = Route("/{lang}/venues/{id}/close");
}

pub mod people {
    use super::Route;
    pub const INVITE: Route = Route("/{lang}/people/invite");
    pub const DECIDE_INVITE: Route = Route("/{lang}/people/invites/{id}/decide");
    pub const REVOKE_INVITE: Route = Route("/{lang}/people/invites/{id}/revoke");
    pub const RESEND_INVITE: Route = Route("/{lang}/people/invites/{id}/resend");
    pub const ACCEPT_INVITE: Route = Route("/{lang}/invite/{token}");
    pub const ROLE: Route = Route("/{lang}/people/{id}/role");
    pub const DISABLE: Route = Route("/{lang}/people/{id}/disable");
    pub const TWO_STEP_RESET: Route = Route("/{lang}/people/{id}/two-step-reset");
    pub const ISSUE_RESET: Route = Route("/{lang}/people/{id}/reset");
}

pub mod admin {
    use super::Route;
    pub const SETTINGS: Route = Route("/{lang}/settings");
    pub const ORGANISATION: Route = Route("/{lang}/organisations/{id}");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_fill_the_pattern_in_order() {
        assert_eq!(answers::RESPONSE.at(&[&"km", &42]), "/km/inbox/42/response");
        assert_eq!(
            moderation::REDACT.at(&[&"en", &"feedback", &"a-b"]),
            "/en/moderation/feedback/a-b/redact"
        );
        assert_eq!(feedback::FORM.at(&[&"en"]), "/en/feedback");
    }

    #[test]
    fn a_missing_part_leaves_its_placeholder() {
        assert_eq!(venues::CLOSE.at(&[&"en"]), "/en/venues/{id}/close");
    }
}
