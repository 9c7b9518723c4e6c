//! Where a recommendation stands, derived from the answers of the bodies it is addressed to.
use chrono::{Days, NaiveDate};

use super::coded::coded_enum;

coded_enum! {
    /// An organisation's position on a recommendation.
    Position, "position" {
        Accepted => "accepted",
        PartiallyAccepted => "partially_accepted",
        Noted => "noted",
        Rejected => "rejected",
    }
}

coded_enum! {
    /// A progress update's stage of implementation.
    Stage, "stage" {
        NotStarted => "not_started",
        InProgress => "in_progress",
        Implemented => "implemented",
        Stalled => "stalled",
    }
}

coded_enum! {
    /// The public status of a recommendation.
    Status, "status" {
        Draft => "draft",
        AwaitingResponse => "awaiting_response",
        Answered => "answered",
        InProgress => "in_progress",
        Implemented => "implemented",
        NotImplemented => "not_implemented",
    }
}

impl Status {
    /// Statuses the public can see and filter by.
    pub const PUBLIC: &'static [Status] = &[
        Status::AwaitingResponse,
        Status::Answered,
        Status::InProgress,
        Status::Implemented,
        Status::NotImplemented,
    ];

    /// Whether work on it is over, for better or worse.
    pub fn is_closed(self) -> bool {
        matches!(self, Status::Implemented | Status::NotImplemented)
    }
}

/// The latest word of one addressed body.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct BodyAnswer {
    pub position: Option<Position>,
    pub stage: Option<Stage>,
}

impl BodyAnswer {
    fn status(self) -> Status {
        match (self.position, self.stage) {
            (_, Some(Stage::Implemented)) => Status::Implemented,
            // Stalled work is still open: it is not over until someone says so.
            (_, Some(Stage::InProgress | Stage::Stalled)) => Status::InProgress,
            (Some(Position::Rejected), _) => Status::NotImplemented,
            (Some(_), _) => Status::Answered,
            (None, _) => Status::AwaitingResponse,
        }
    }
}

/// Derives the status from each addressed body's latest position and stage.
pub fn derive_status(published: bool, bodies: &[BodyAnswer]) -> Status {
    if !published {
        return Status::Draft;
    }
    let each: Vec<Status> = bodies.iter().map(|b| b.status()).collect();
    if each.is_empty() || each.iter().all(|s| *s == Status::AwaitingResponse) {
        return Status::AwaitingResponse;
    }
    if each.iter().all(|s| s.is_closed()) {
        return if each.contains(&Status::Implemented) {
            Status::Implemented
        } else {
            Status::NotImplemented
        };
    }
    if each
        .iter()
        .any(|s| matches!(s, Status::InProgress | Status::Implemented))
    {
        return Status::InProgress;
    }
    Status::Answered
}

/// Whether the public may see a recommendation: published, and not merged into another
/// (`store::tracker::public` is the same rule in SQL).
pub fn is_public(
    status: Status,
    published_on: Option<NaiveDate>,
    canonical_id: Option<i32>,
) -> bool {
    status != Status::Draft && published_on.is_some() && canonical_id.is_none()
}

/// Overdue: published long ago with no answer, or open past a committed due date.
pub fn is_overdue(
    status: Status,
    published_on: Option<NaiveDate>,
    earliest_open_due_on: Option<NaiveDate>,
    overdue_after_days: u32,
    today: NaiveDate,
) -> bool {
    match status {
        Status::AwaitingResponse => published_on
            .and_then(|p| p.checked_add_days(Days::new(u64::from(overdue_after_days))))
            .is_some_and(|limit| today > limit),
        Status::Answered | Status::InProgress => earliest_open_due_on.is_some_and(|d| today > d),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answer(position: Option<Position>, stage: Option<Stage>) -> BodyAnswer {
        BodyAnswer { position, stage }
    }

    #[test]
    fn only_published_unmerged_recommendations_are_public() {
        let day = NaiveDate::from_ymd_opt(2026, 12, 1);
        assert!(is_public(Status::AwaitingResponse, day, None));
        assert!(!is_public(Status::Draft, day, None), "a draft");
        assert!(
            !is_public(Status::AwaitingResponse, None, None),
            "never published"
        );
        assert!(
            !is_public(Status::AwaitingResponse, day, Some(7)),
            "merged away"
        );
    }

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
    }

    #[test]
    fn unpublished_is_draft_whatever_the_answers() {
        let a = [answer(Some(Position::Accepted), Some(Stage::Implemented))];
        assert_eq!(derive_status(false, &a), Status::Draft);
    }

    #[test]
    fn no_answers_is_awaiting() {
        assert_eq!(derive_status(true, &[]), Status::AwaitingResponse);
        assert_eq!(
            derive_status(true, &[BodyAnswer::default(), BodyAnswer::default()]),
            Status::AwaitingResponse
        );
    }

    #[test]
    fn one_position_makes_it_answered() {
        let a = [answer(Some(Position::Noted), None), BodyAnswer::default()];
        assert_eq!(derive_status(true, &a), Status::Answered);
    }

    #[test]
    fn any_work_under_way_is_in_progress() {
        let a = [
            answer(Some(Position::Accepted), Some(Stage::Implemented)),
            answer(Some(Position::Accepted), Some(Stage::NotStarted)),
        ];
        assert_eq!(derive_status(true, &a), Status::InProgress);
        let stalled = [answer(Some(Position::Accepted), Some(Stage::Stalled))];
        assert_eq!(derive_status(true, &stalled), Status::InProgress);
    }

    #[test]
    fn closed_everywhere_is_implemented_or_not() {
        let done = [
            answer(Some(Position::Accepted), Some(Stage::Implemented)),
            answer(Some(Position::Rejected), None),
        ];
        assert_eq!(derive_status(true, &done), Status::Implemented);
        let refused = [answer(Some(Position::Rejected), None)];
        assert_eq!(derive_status(true, &refused), Status::NotImplemented);
    }

    #[test]
    fn overdue_when_unanswered_too_long() {
        let published = Some(day(2024, 9, 27));
        assert!(!is_overdue(
            Status::AwaitingResponse,
            published,
            None,
            90,
            day(2024, 12, 26)
        ));
        assert!(is_overdue(
            Status::AwaitingResponse,
            published,
            None,
            90,
            day(2024, 12, 27)
        ));
    }

    #[test]
    fn overdue_when_open_past_due_date_but_never_when_closed() {
        let due = Some(day(2025, 6, 30));
        let today = day(2025, 7, 1);
        assert!(is_overdue(Status::InProgress, None, due, 90, today));
        assert!(!is_overdue(Status::Implemented, None, due, 90, today));
        assert!(!is_overdue(
            Status::Answered,
            None,
            due,
            90,
            day(2025, 6, 30)
        ));
    }
}
