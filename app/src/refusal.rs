//! Why a signed-in form was refused: the write half of the one error model (`error::AppError`
//! is the read half). A handler answers a refusal by sending the browser back to the form's
//! page with `?error=<code>` (post, redirect, get, so it works without JavaScript); the page
//! names the refusals its forms can meet (one of the groups below) and shows the translated
//! message. Codes are unique within a group, so "missing" may mean a different thing on the
//! login page than on the venues page, and addresses already in people's history keep working.
use crate::domain::password::PasswordProblem;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// Something failed on our side; nothing was changed.
    Internal,
    /// The form's own fields have problems, kept with what was typed and shown next to each
    /// field (`components::form_problems`), so the notice itself says nothing more.
    SeeFields,
    /// A choice the form does not offer (a hand-made request).
    UnknownChoice,

    LoginMissing,
    LoginThrottled,
    LoginExpired,
    LoginInvalid,
    CodeInvalid,
    PasswordWrong,
    PasswordTooShort,
    PasswordTooLong,
    PasswordTooCommon,

    NameMissing,
    EmailTaken,
    EmailInvalid,
    OrganisationMissing,
    OwnAccount,
    RoleInvalid,
    AccountMissing,
    DecisionInvalid,

    Threshold,
    Overdue,
    Retention,

    OrgCode,
    OrgName,
    OrgKind,
    OrgTaken,
    OrgMissing,

    ReplyEmpty,
    TextTooLong,
    RedactFirst,
    FlagsUndecided,
    FlagsChoose,
    NoneChosen,

    BadMerge,

    DraftMissing,
    DraftOwn,
    DraftStale,

    FileTooBig,
    ForumMissing,
    NoFile,
    NotUtf8,
    ImportInvalid,
    OutcomeEmpty,
    OutcomePrefix,

    DayText,
    DayNoNext,
    DayNothing,
    DayUnaddressed,
    DayConfirm,
    DayTally,

    VenueLabel,
    VenueHours,
    VenueSubmissions,
    VenueMissing,

    PaperSheets,

    PromptTooBig,
    PromptNotAudio,
}

use Refusal::*;

/// What each page can be told. A page shows an unknown code as `Internal`.
pub mod groups {
    use super::Refusal::{self, *};

    pub const LOGIN: &[Refusal] = &[
        Internal,
        LoginMissing,
        LoginThrottled,
        LoginExpired,
        LoginInvalid,
    ];
    /// The two-step setup and the sign-in code page.
    pub const ONE_TIME_CODE: &[Refusal] = &[Internal, CodeInvalid];
    pub const ACCOUNT: &[Refusal] = &[
        Internal,
        UnknownChoice,
        PasswordWrong,
        LoginThrottled,
        PasswordTooShort,
        PasswordTooLong,
        PasswordTooCommon,
    ];
    pub const INVITE: &[Refusal] = &[
        Internal,
        NameMissing,
        PasswordTooShort,
        PasswordTooLong,
        PasswordTooCommon,
        EmailTaken,
    ];
    pub const RESET: &[Refusal] = &[
        Internal,
        PasswordTooShort,
        PasswordTooLong,
        PasswordTooCommon,
    ];
    pub const FORGOT: &[Refusal] = &[Internal, EmailInvalid];
    pub const PEOPLE: &[Refusal] = &[
        Internal,
        EmailInvalid,
        OrganisationMissing,
        OwnAccount,
        RoleInvalid,
        AccountMissing,
        DecisionInvalid,
    ];
    pub const SETTINGS: &[Refusal] = &[Internal, Threshold, Overdue, Retention];
    pub const ORGANISATIONS: &[Refusal] = &[
        Internal,
        UnknownChoice,
        OrgCode,
        OrgName,
        OrgKind,
        OrgTaken,
        OrgMissing,
    ];
    pub const MODERATION_ITEM: &[Refusal] = &[
        Internal,
        UnknownChoice,
        ReplyEmpty,
        TextTooLong,
        RedactFirst,
        FlagsUndecided,
        FlagsChoose,
    ];
    pub const MODERATION_QUEUE: &[Refusal] = &[Internal, NoneChosen];
    /// The recommendation and forum editors.
    pub const CURATION: &[Refusal] = &[Internal, SeeFields, UnknownChoice, BadMerge];
    /// A forum's day: capture, order, merge, publish the set.
    pub const FORUM_DAY: &[Refusal] = &[
        Internal,
        UnknownChoice,
        TextTooLong,
        DayText,
        DayNoNext,
        DayNothing,
        DayUnaddressed,
        DayConfirm,
        DayTally,
    ];
    pub const ANSWER: &[Refusal] = &[Internal, SeeFields, DraftMissing, DraftOwn, DraftStale];
    pub const IMPORT: &[Refusal] = &[
        Internal,
        OutcomeEmpty,
        OutcomePrefix,
        FileTooBig,
        ForumMissing,
        NoFile,
        NotUtf8,
        ImportInvalid,
    ];
    pub const VENUES: &[Refusal] = &[
        Internal,
        UnknownChoice,
        VenueLabel,
        VenueHours,
        VenueSubmissions,
        VenueMissing,
    ];

    pub const PAPER: &[Refusal] = &[Internal, UnknownChoice, PaperSheets];
    pub const PROMPTS: &[Refusal] = &[
        Internal,
        UnknownChoice,
        NoFile,
        PromptTooBig,
        PromptNotAudio,
    ];

    /// Every group, for the test that codes are unique within each.
    pub const ALL: &[&[Refusal]] = &[
        LOGIN,
        ONE_TIME_CODE,
        ACCOUNT,
        INVITE,
        RESET,
        FORGOT,
        PEOPLE,
        SETTINGS,
        ORGANISATIONS,
        MODERATION_ITEM,
        MODERATION_QUEUE,
        CURATION,
        ANSWER,
        FORUM_DAY,
        IMPORT,
        VENUES,
        PAPER,
        PROMPTS,
    ];
}

impl Refusal {
    /// What travels in `?error=`. Stable: these addresses sit in people's history.
    pub fn code(self) -> &'static str {
        match self {
            Internal => "internal",
            SeeFields => "1",
            UnknownChoice => "state",
            LoginMissing => "missing",
            LoginThrottled => "throttled",
            LoginExpired => "expired",
            LoginInvalid | CodeInvalid | ImportInvalid => "invalid",
            PasswordWrong => "wrong",
            PasswordTooShort => "too-short",
            PasswordTooLong | TextTooLong => "too-long",
            PasswordTooCommon => "too-common",
            NameMissing => "name",
            EmailTaken => "taken",
            EmailInvalid => "email",
            OrganisationMissing => "organisation",
            OwnAccount => "self",
            RoleInvalid => "role",
            AccountMissing | OrgMissing | VenueMissing => "missing",
            DecisionInvalid => "decision",
            Threshold => "threshold",
            Overdue => "overdue",
            Retention => "retention",
            OrgCode => "code",
            OrgName => "name",
            OrgKind => "kind",
            OrgTaken => "taken",
            ReplyEmpty => "reply",
            RedactFirst => "redact-first",
            FlagsUndecided => "flags",
            FlagsChoose => "flags-choose",
            NoneChosen => "none-chosen",
            BadMerge => "merge",
            DraftMissing => "draft",
            DraftOwn => "own-draft",
            DraftStale => "draft-stale",
            FileTooBig => "too-big",
            ForumMissing => "forum",
            NoFile => "no-file",
            NotUtf8 => "not-utf8",
            DayText => "text",
            DayNoNext => "no-next",
            DayNothing => "nothing",
            DayUnaddressed => "unaddressed",
            DayConfirm => "confirm",
            DayTally => "tally",
            OutcomeEmpty => "no-items",
            OutcomePrefix => "prefix",
            VenueLabel => "label",
            VenueHours => "hours",
            VenueSubmissions => "submissions",
            PaperSheets => "sheets",
            PromptTooBig => "too-big",
            PromptNotAudio => "not-audio",
        }
    }

    /// The Fluent key of the message the person reads.
    pub fn message_key(self) -> &'static str {
        match self {
            Internal => "error-internal",
            SeeFields => "form-problems-title",
            UnknownChoice => "form-error-unknown-choice",
            LoginMissing => "login-error-missing",
            LoginThrottled => "login-error-throttled",
            LoginExpired => "login-error-expired",
            LoginInvalid => "login-error-invalid",
            CodeInvalid => "two-step-error-invalid",
            PasswordWrong => "password-error-wrong",
            PasswordTooShort => "password-too-short",
            PasswordTooLong => "password-too-long",
            PasswordTooCommon => "password-too-common",
            NameMissing => "invite-error-name",
            EmailTaken => "account-error-email-taken",
            EmailInvalid => "account-error-email-invalid",
            OrganisationMissing => "people-error-organisation",
            OwnAccount => "people-error-self",
            RoleInvalid => "people-error-role",
            AccountMissing => "people-error-invite-missing",
            DecisionInvalid => "people-error-decision",
            Threshold => "settings-error-threshold",
            Overdue => "settings-error-overdue",
            Retention => "settings-error-retention",
            OrgCode => "organisations-error-code",
            OrgName => "organisations-error-name",
            OrgKind => "organisations-error-kind",
            OrgTaken => "organisations-error-taken",
            OrgMissing => "organisations-error-missing",
            ReplyEmpty => "form-error-reply-empty",
            TextTooLong => "form-error-text-too-long",
            RedactFirst => "moderation-error-redact-first",
            FlagsUndecided => "gate-error-undecided",
            FlagsChoose => "gate-error-choose",
            NoneChosen => "moderation-error-none-chosen",
            BadMerge => "curate-error-merge",
            DraftMissing => "answer-error-draft-missing",
            DraftOwn => "answer-error-draft-own",
            DraftStale => "answer-error-draft-stale",
            FileTooBig => "import-error-too-big",
            ForumMissing => "import-error-forum",
            NoFile => "import-error-no-file",
            NotUtf8 => "import-error-not-utf8",
            ImportInvalid => "import-error-invalid",
            DayText => "day-error-text",
            DayNoNext => "day-error-no-next",
            DayNothing => "day-error-nothing",
            DayUnaddressed => "day-error-unaddressed",
            DayConfirm => "day-error-confirm",
            DayTally => "day-error-tally",
            OutcomeEmpty => "outcome-error-empty",
            OutcomePrefix => "outcome-error-prefix",
            VenueLabel => "venues-error-label",
            VenueHours => "venues-error-hours",
            VenueSubmissions => "venues-error-submissions",
            VenueMissing => "venues-error-missing",
            PaperSheets => "paper-error-sheets",
            PromptTooBig => "prompts-error-too-big",
            PromptNotAudio => "prompts-error-not-audio",
        }
    }

    /// Where on the page the message belongs, when that is not the top.
    pub fn anchor(self) -> Option<&'static str> {
        match self {
            FlagsUndecided | FlagsChoose => Some("gate"),
            _ => None,
        }
    }

    /// The refusal a page was sent back with, among those it can be told.
    pub fn among(group: &[Refusal], code: &str) -> Refusal {
        group
            .iter()
            .copied()
            .find(|r| r.code() == code)
            .unwrap_or(Internal)
    }
}

impl From<PasswordProblem> for Refusal {
    fn from(problem: PasswordProblem) -> Self {
        match problem {
            PasswordProblem::TooShort => PasswordTooShort,
            PasswordProblem::TooLong => PasswordTooLong,
            PasswordProblem::TooCommon => PasswordTooCommon,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_within_each_group_and_read_back() {
        for group in groups::ALL {
            for refusal in group.iter() {
                assert_eq!(
                    Refusal::among(group, refusal.code()),
                    *refusal,
                    "{refusal:?}"
                );
            }
        }
    }

    #[test]
    fn an_unknown_code_reads_as_internal() {
        assert_eq!(Refusal::among(groups::LOGIN, "<script>"), Internal);
        assert_eq!(Refusal::among(groups::VENUES, "invalid"), Internal);
    }
}
