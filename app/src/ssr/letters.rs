//! The emails that carry a one-time link: an invitation, a password reset. Each is written in
//! Khmer, then English, with the link whole (`SAMLENG_PUBLIC_URL`), since a path alone leads
//! nowhere from a phone's mail app.
use chrono::{DateTime, Utc};

use super::mail::{Mail, Outbox};
use crate::{
    domain::{bilingual::Bilingual, khmer, lang::Lang, role::Role},
    i18n::t,
};

/// An invitation to `email` as `role` (for an organisation, when an official's).
pub fn invitation(
    outbox: &Outbox,
    email: &str,
    role: Role,
    organisation: Option<&Bilingual>,
    token: &str,
    until: DateTime<Utc>,
) -> Mail {
    Mail::in_both_languages(
        vec![email.to_string()],
        "mail-invitation-subject",
        "mail-invitation-body",
        |lang| {
            let role = match organisation {
                Some(org) => format!("{} · {}", t(lang, &role.label_key()), org.show(lang).text),
                None => t(lang, &role.label_key()),
            };
            vec![
                ("role", role.into()),
                ("until", khmer::moment(until, lang).into()),
                ("link", link(outbox, lang, "invite", token).into()),
            ]
        },
    )
}

/// A link to set a new password for the account at `email`.
pub fn password_reset(outbox: &Outbox, email: &str, token: &str, until: DateTime<Utc>) -> Mail {
    Mail::in_both_languages(
        vec![email.to_string()],
        "mail-reset-subject",
        "mail-reset-body",
        |lang| {
            vec![
                ("until", khmer::moment(until, lang).into()),
                ("link", link(outbox, lang, "reset", token).into()),
            ]
        },
    )
}

fn link(outbox: &Outbox, lang: Lang, page: &str, token: &str) -> String {
    format!("{}/{}/{page}/{token}", outbox.public_url, lang.code())
}
