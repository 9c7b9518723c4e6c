//! What facilitators type about a forum, checked field by field: its kind, the series it
//! belongs to, where and when, who came (counts by group, never names), and its minutes in
//! Khmer and English.
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{
    coded::coded_enum,
    curation::{MAX_TEXT, MAX_TITLE, parse_day, too_long, trimmed},
    khmer::to_ascii_digits,
    lang::Lang,
    province::Province,
    submission::Problems,
};

coded_enum! {
    /// What kind of gathering a forum is.
    ForumKind, "forum-kind" {
        SurvivorForum => "survivor_forum",
        CouncilMeeting => "council_meeting",
        Consultation => "consultation",
    }
}

/// Longest minutes, in letters: a day's record, not a report.
pub const MAX_MINUTES: usize = 20_000;
/// The most people counted in one group.
const MOST_PEOPLE: i32 = 100_000;

/// Who came, by group: counts, never names. Each may be unknown.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attendance {
    pub survivors: Option<i32>,
    pub government: Option<i32>,
    pub ngos: Option<i32>,
    pub donors: Option<i32>,
}

/// A count of people as the public reads it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Headcount {
    Exactly(i32),
    /// Too few to show without pointing at someone: fewer than K.
    FewerThan(u32),
}

/// Who came, as the public reads it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShownAttendance {
    pub participants: Option<i32>,
    pub survivors: Option<Headcount>,
    pub government: Option<i32>,
    pub ngos: Option<i32>,
    pub donors: Option<i32>,
}

/// What may be shown of who came: a number of survivors under K (but not none) shows as
/// "fewer than K", and then the total is not shown either, since the total less the other
/// groups would give the number back.
pub fn shown_attendance(participants: Option<i32>, a: Attendance, k: u32) -> ShownAttendance {
    let few = a
        .survivors
        .is_some_and(|n| n > 0 && i64::from(n) < i64::from(k));
    ShownAttendance {
        participants: if few { None } else { participants },
        survivors: a.survivors.map(|n| {
            if few {
                Headcount::FewerThan(k)
            } else {
                Headcount::Exactly(n)
            }
        }),
        government: a.government,
        ngos: a.ngos,
        donors: a.donors,
    }
}

/// The attendance fields of the form, with their labels' keys, in the order shown.
pub const ATTENDANCE_FIELDS: [&str; 4] = [
    "survivors_present",
    "government_present",
    "ngos_present",
    "donors_present",
];

/// A forum's fields, as typed (every field a string, so nothing is lost on a refusal).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ForumInput {
    pub kind: String,
    /// An existing series' id, or empty.
    pub series: String,
    /// The name of a new series this forum starts, or empty.
    pub new_series: String,
    pub title_km: String,
    pub title_en: String,
    pub original_lang: String,
    pub province: String,
    pub starts_on: String,
    pub ends_on: String,
    pub organisers_km: String,
    pub organisers_en: String,
    pub participants: String,
    /// As `ATTENDANCE_FIELDS`.
    pub present: [String; 4],
    /// The organisations present: their ids.
    pub organisations: Vec<i32>,
    pub summary_km: String,
    pub summary_en: String,
    pub minutes_km: String,
    pub minutes_en: String,
}

/// Which series a forum belongs to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SeriesChoice {
    None,
    Existing(i32),
    /// A new series, named in the forum's language.
    New(String),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CheckedForum {
    pub kind: ForumKind,
    pub series: SeriesChoice,
    pub title_km: Option<String>,
    pub title_en: Option<String>,
    pub original_lang: Lang,
    pub province: Province,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub organisers_km: Option<String>,
    pub organisers_en: Option<String>,
    pub participants: Option<i32>,
    pub attendance: Attendance,
    pub organisations: Vec<i32>,
    pub summary_km: Option<String>,
    pub summary_en: Option<String>,
    pub minutes_km: Option<String>,
    pub minutes_en: Option<String>,
}

/// A count of people typed in Latin or Khmer digits; empty is unknown.
fn people(raw: &str, field: &str, problems: &mut Problems) -> Option<i32> {
    let raw = trimmed(raw)?;
    match to_ascii_digits(&raw).parse::<i32>() {
        Ok(n) if (0..=MOST_PEOPLE).contains(&n) => Some(n),
        _ => {
            problems.add(field, "curate-error-participants");
            None
        }
    }
}

pub fn check_forum(input: &ForumInput) -> Result<CheckedForum, Problems> {
    let mut problems = Problems::default();
    let kind = match input.kind.trim() {
        // Forums saved before kinds existed were survivor forums.
        "" => Some(ForumKind::SurvivorForum),
        code => ForumKind::parse(code),
    };
    if kind.is_none() {
        problems.add("kind", "form-error-unknown-choice");
    }
    let series = match (trimmed(&input.new_series), trimmed(&input.series)) {
        (Some(name), _) => {
            if too_long(&Some(name.clone()), MAX_TITLE) {
                problems.add("new_series", "curate-error-too-long");
            }
            SeriesChoice::New(name)
        }
        (None, Some(raw)) => match to_ascii_digits(&raw).parse::<i32>() {
            Ok(id) => SeriesChoice::Existing(id),
            Err(_) => {
                problems.add("series", "form-error-unknown-choice");
                SeriesChoice::None
            }
        },
        (None, None) => SeriesChoice::None,
    };
    let original_lang = Lang::parse(input.original_lang.trim());
    if original_lang.is_none() {
        problems.add("original_lang", "curate-error-original-lang");
    }
    let province = Province::parse(input.province.trim());
    if province.is_none() {
        problems.add("province", "curate-error-province");
    }
    let starts_on = parse_day(&input.starts_on);
    if starts_on.is_none() {
        problems.add("starts_on", "curate-error-date");
    }
    let ends_on = match trimmed(&input.ends_on) {
        None => starts_on,
        Some(raw) => parse_day(&raw),
    };
    match (starts_on, ends_on) {
        (_, None) => problems.add("ends_on", "curate-error-date"),
        (Some(s), Some(e)) if e < s => problems.add("ends_on", "curate-error-date-order"),
        _ => {}
    }
    let participants = people(&input.participants, "participants", &mut problems);
    let [survivors, government, ngos, donors] =
        std::array::from_fn(|i| people(&input.present[i], ATTENDANCE_FIELDS[i], &mut problems));
    let title_km = trimmed(&input.title_km);
    let title_en = trimmed(&input.title_en);
    if title_km.is_none() && title_en.is_none() {
        problems.add("title_km", "curate-error-title");
    }
    let fields = [
        ("title_km", &title_km, MAX_TITLE),
        ("title_en", &title_en, MAX_TITLE),
        ("organisers_km", &trimmed(&input.organisers_km), MAX_TITLE),
        ("organisers_en", &trimmed(&input.organisers_en), MAX_TITLE),
        ("summary_km", &trimmed(&input.summary_km), MAX_TEXT),
        ("summary_en", &trimmed(&input.summary_en), MAX_TEXT),
        ("minutes_km", &trimmed(&input.minutes_km), MAX_MINUTES),
        ("minutes_en", &trimmed(&input.minutes_en), MAX_MINUTES),
    ];
    for (field, text, max) in fields {
        if too_long(text, max) {
            problems.add(field, "curate-error-too-long");
        }
    }
    let mut organisations = input.organisations.clone();
    organisations.sort_unstable();
    organisations.dedup();
    match (kind, original_lang, province, starts_on, ends_on) {
        (Some(kind), Some(original_lang), Some(province), Some(starts_on), Some(ends_on))
            if problems.is_empty() =>
        {
            Ok(CheckedForum {
                kind,
                series,
                title_km,
                title_en,
                original_lang,
                province,
                starts_on,
                ends_on,
                organisers_km: trimmed(&input.organisers_km),
                organisers_en: trimmed(&input.organisers_en),
                participants,
                attendance: Attendance {
                    survivors,
                    government,
                    ngos,
                    donors,
                },
                organisations,
                summary_km: trimmed(&input.summary_km),
                summary_en: trimmed(&input.summary_en),
                minutes_km: trimmed(&input.minutes_km),
                minutes_en: trimmed(&input.minutes_en),
            })
        }
        _ => Err(problems),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forum_dates_in_khmer_digits_and_in_order() {
        let forum = ForumInput {
            title_km: "វេទិកា".into(),
            original_lang: "km".into(),
            province: "siem-reap".into(),
            starts_on: "២០២៦-០៣-០៤".into(),
            ends_on: "2026-03-05".into(),
            participants: "៤០".into(),
            ..Default::default()
        };
        let Ok(checked) = check_forum(&forum) else {
            panic!("should pass")
        };
        assert_eq!(checked.participants, Some(40));
        assert_eq!(checked.starts_on.to_string(), "2026-03-04");
        let backwards = ForumInput {
            ends_on: "2026-03-01".into(),
            ..forum
        };
        let problems = check_forum(&backwards).err().unwrap_or_default();
        assert_eq!(
            problems.for_field("ends_on"),
            Some("curate-error-date-order")
        );
    }

    #[test]
    fn kinds_series_and_attendance_are_checked() {
        let forum = ForumInput {
            kind: "council_meeting".into(),
            series: "៣".into(),
            title_en: "Council, first quarter".into(),
            original_lang: "en".into(),
            province: "kampot".into(),
            starts_on: "2026-03-04".into(),
            present: ["១២".into(), "4".into(), "".into(), "0".into()],
            organisations: vec![3, 1, 3],
            ..Default::default()
        };
        let Ok(checked) = check_forum(&forum) else {
            panic!("should pass")
        };
        assert_eq!(checked.kind, ForumKind::CouncilMeeting);
        assert_eq!(checked.series, SeriesChoice::Existing(3));
        assert_eq!(checked.attendance.survivors, Some(12));
        assert_eq!(checked.attendance.ngos, None);
        assert_eq!(checked.organisations, [1, 3]);
        // A new series' name wins over the list; a strange kind or count is refused.
        let renamed = ForumInput {
            new_series: " Quarterly council ".into(),
            ..forum.clone()
        };
        assert_eq!(
            check_forum(&renamed).map(|c| c.series).ok(),
            Some(SeriesChoice::New("Quarterly council".into()))
        );
        let odd = ForumInput {
            kind: "party".into(),
            present: ["-1".into(), "x".into(), "".into(), "".into()],
            ..forum
        };
        let problems = check_forum(&odd).err().unwrap_or_default();
        for field in ["kind", "survivors_present", "government_present"] {
            assert!(problems.for_field(field).is_some(), "{field}");
        }
    }

    #[test]
    fn a_few_survivors_are_not_counted_in_public() {
        let a = Attendance {
            survivors: Some(3),
            government: Some(4),
            ngos: Some(2),
            donors: None,
        };
        let shown = shown_attendance(Some(9), a, 5);
        assert_eq!(shown.survivors, Some(Headcount::FewerThan(5)));
        assert_eq!(shown.participants, None, "9 - 4 - 2 would give 3 back");
        let many = Attendance {
            survivors: Some(30),
            ..a
        };
        let shown = shown_attendance(Some(36), many, 5);
        assert_eq!(shown.survivors, Some(Headcount::Exactly(30)));
        assert_eq!(shown.participants, Some(36));
        let none = Attendance {
            survivors: Some(0),
            ..a
        };
        assert_eq!(
            shown_attendance(Some(6), none, 5).survivors,
            Some(Headcount::Exactly(0))
        );
    }
}
