//! Which kind of page an address is, decided once: the content policy, the request log, the
//! caches (the browser's and this server's), the route list and the count of writes all ask
//! `RouteClass::of` instead of keeping lists of their own.
use super::lang::Lang;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RouteClass {
    /// The anonymous pages a survivor uses (`/{lang}/feedback`, `/propose`, `/receipt`,
    /// `/check/{id}`, `/vote` and what lies under them): rendered by their own handlers with no script, never logged,
    /// never cached, no session read; a write there is survivors' feedback.
    Survivor,
    /// Screens for signed-in people, and the sign-in, invitation and reset pages: never
    /// kept by a browser or proxy.
    Staff,
    /// A page everyone sees alike, which this server may keep a copy of for the day;
    /// `shows_feedback` says whether it shows survivors' counts (dropped after feedback).
    Shared { shows_feedback: bool },
    /// Anything else: built files, server functions, the open data, unknown paths.
    Other,
}

/// The first part of a staff screen's address after the language.
const STAFF: &[&str] = &[
    "account",
    "assisted",
    "audit",
    "curate",
    "forgot",
    "inbox",
    "invite",
    "login",
    "moderation",
    "my-services",
    "organisations",
    "paper",
    "people",
    "prompts",
    "reset",
    "settings",
    "venues",
];

/// Every query parameter a shared page reads: the tracker's filters and search, the services
/// summary's service, the report card's page. Others are dropped before a page is kept or
/// rendered for everyone, so a made-up one cannot make a page be rendered again.
pub const SHARED_PAGE_PARAMETERS: &[&str] = &[
    "q", "theme", "status", "forum", "body", "overdue", "year", "after", "service", "page",
];

impl RouteClass {
    pub fn of(path: &str) -> RouteClass {
        let mut parts = path.trim_start_matches('/').split('/');
        let first = parts.next().unwrap_or_default();
        let rest: Vec<&str> = parts.collect();
        // Whatever the first part (a language, a route pattern's `{lang}`, or a mistake): a
        // survivor's visit is never logged, whatever they typed.
        if let ["feedback" | "propose" | "receipt" | "check" | "vote", ..] = rest.as_slice() {
            return RouteClass::Survivor;
        }
        if Lang::parse(first).is_none() {
            return RouteClass::Other;
        }
        match rest.as_slice() {
            [page, ..] if STAFF.contains(page) => RouteClass::Staff,
            [] | [""] | ["recommendations"] => RouteClass::Shared {
                shows_feedback: false,
            },
            ["forums", id] if is_number(id) => RouteClass::Shared {
                shows_feedback: false,
            },
            // Survivors' word on "implemented" shows on these.
            ["recommendations" | "bodies", id] if is_number(id) => RouteClass::Shared {
                shows_feedback: true,
            },
            ["services"] => RouteClass::Shared {
                shows_feedback: true,
            },
            _ => RouteClass::Other,
        }
    }

    /// Whether the page may carry scripts (survivor pages carry none).
    pub fn scripts(self) -> bool {
        self != RouteClass::Survivor
    }

    /// Whether a request is logged at all (survivor pages: not even the time of a visit).
    pub fn logged(self) -> bool {
        self != RouteClass::Survivor
    }

    /// Whether the answer must never be kept by a browser or proxy.
    pub fn no_store(self) -> bool {
        matches!(self, RouteClass::Survivor | RouteClass::Staff)
    }
}

/// Whether the page at `path` has an island, and so loads the JS and WASM: the tracker (its
/// filters apply themselves) and the projector (arrow keys turn slides). Every other page works
/// the same without them, so it loads none and its policy allows no script.
pub fn runs_wasm(path: &str) -> bool {
    let mut parts = path.trim_start_matches('/').split('/');
    if parts.next().and_then(Lang::parse).is_none() {
        return false;
    }
    let rest: Vec<&str> = parts.collect();
    match rest.as_slice() {
        ["recommendations"] => true,
        ["forums", id, "present", ..] => is_number(id),
        _ => false,
    }
}

/// Whether a post to `path` changes nothing any page shows: signing in (a wrong password
/// too), the second step, signing out, asking for a reset letter. Counting these as writes
/// dropped every kept page on every server at each sign-in, so anyone could empty them all
/// by posting wrong passwords (and the first pages after a sign-in were rendered from cold).
pub fn writes_nothing_shown(path: &str) -> bool {
    let mut parts = path.trim_start_matches('/').split('/');
    if parts.next().and_then(Lang::parse).is_none() {
        return false;
    }
    let rest: Vec<&str> = parts.collect();
    matches!(
        rest.as_slice(),
        ["login"] | ["login", "code"] | ["logout"] | ["forgot"]
    )
}

/// The path as a log line shows it: no invitation or reset token (credentials).
pub fn logged_path(path: &str) -> String {
    for secret in ["/invite/", "/reset/"] {
        if let Some((head, _)) = path.split_once(secret) {
            return format!("{head}{secret}…");
        }
    }
    path.to_string()
}

fn is_number(s: &str) -> bool {
    !s.is_empty() && s.len() <= 18 && s.bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::{RouteClass::*, *};

    #[test]
    fn survivor_pages_are_known_by_their_path() {
        for path in [
            "/km/feedback",
            "/en/propose",
            "/en/receipt",
            "/km/receipt/reply",
            "/km/check/12",
            "/en/vote",
        ] {
            assert_eq!(RouteClass::of(path), Survivor, "{path}");
            assert!(!RouteClass::of(path).logged() && !RouteClass::of(path).scripts());
        }
        assert_eq!(RouteClass::of("/{lang}/receipt/reply"), Survivor);
        assert_eq!(RouteClass::of("/xx/feedback"), Survivor);
        assert_eq!(RouteClass::of("/feedback"), Other);
        assert_eq!(RouteClass::of("/en/recommendations/feedback"), Other);
    }

    #[test]
    fn only_pages_with_an_island_load_the_wasm() {
        for path in [
            "/km/recommendations",
            "/en/forums/3/present",
            "/en/forums/3/present/2",
        ] {
            assert!(runs_wasm(path), "{path}");
        }
        for path in [
            "/km/",
            "/en/recommendations/4",
            "/en/forums/3",
            "/en/forums/x/present",
            "/en/account",
            "/xx/recommendations",
            "/pkg/samleng.js",
        ] {
            assert!(!runs_wasm(path), "{path}");
        }
    }

    #[test]
    fn staff_screens_are_never_stored() {
        for path in [
            "/en/login",
            "/km/account/two-step",
            "/en/inbox/4",
            "/en/curate/recommendations/new",
            "/en/invite/abc",
            "/en/my-services",
            "/en/venues",
        ] {
            assert_eq!(RouteClass::of(path), Staff, "{path}");
            assert!(RouteClass::of(path).no_store());
        }
    }

    #[test]
    fn only_pages_everyone_sees_alike_are_shared() {
        let shared = |f| Shared { shows_feedback: f };
        assert_eq!(RouteClass::of("/km"), shared(false));
        assert_eq!(RouteClass::of("/en/recommendations"), shared(false));
        assert_eq!(RouteClass::of("/en/recommendations/12"), shared(true));
        assert_eq!(RouteClass::of("/km/bodies/3"), shared(true));
        assert_eq!(RouteClass::of("/km/forums/3"), shared(false));
        assert_eq!(RouteClass::of("/km/services"), shared(true));
        for other in [
            "/en/recommendations/12/x",
            "/en/recommendations/abc",
            "/pkg/samleng.js",
            "/favicon.ico",
            "/fr/services",
            "/api/v1/forums",
        ] {
            assert_eq!(RouteClass::of(other), Other, "{other}");
        }
    }

    #[test]
    fn only_signing_in_and_out_writes_nothing_shown() {
        for quiet in ["/en/login", "/km/login/code", "/en/logout", "/km/forgot"] {
            assert!(writes_nothing_shown(quiet), "{quiet}");
        }
        for write in [
            "/en/reset/77aa",
            "/en/account",
            "/en/invite/9d41ab",
            "/en/login/other",
            "/fr/login",
            "/login",
            "/en/curate/recommendations",
            "/km/feedback",
        ] {
            assert!(!writes_nothing_shown(write), "{write}");
        }
    }

    #[test]
    fn tokens_never_reach_a_log_line() {
        assert_eq!(logged_path("/en/invite/9d41ab"), "/en/invite/…");
        assert_eq!(logged_path("/km/reset/77aa"), "/km/reset/…");
        assert_eq!(logged_path("/en/recommendations"), "/en/recommendations");
    }
}
