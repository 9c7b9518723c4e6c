//! Numbers and dates as a Khmer reader expects them: Khmer digits and month names.
use chrono::{DateTime, Datelike, NaiveDate, TimeDelta, Utc};

use super::lang::Lang;

const KHMER_DIGITS: [char; 10] = ['០', '១', '២', '៣', '៤', '៥', '៦', '៧', '៨', '៩'];

const KHMER_MONTHS: [&str; 12] = [
    "មករា",
    "កុម្ភៈ",
    "មីនា",
    "មេសា",
    "ឧសភា",
    "មិថុនា",
    "កក្កដា",
    "សីហា",
    "កញ្ញា",
    "តុលា",
    "វិច្ឆិកា",
    "ធ្នូ",
];

const ENGLISH_MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Replaces ASCII digits with Khmer digits; everything else is kept.
pub fn to_khmer_digits(text: &str) -> String {
    text.chars()
        .map(|c| match c.to_digit(10) {
            Some(d) if c.is_ascii_digit() => KHMER_DIGITS[d as usize],
            _ => c,
        })
        .collect()
}

/// Replaces Khmer digits with ASCII digits (for input typed on a Khmer keyboard).
pub fn to_ascii_digits(text: &str) -> String {
    text.chars()
        .map(|c| match KHMER_DIGITS.iter().position(|k| *k == c) {
            Some(d) => char::from(b'0' + d as u8),
            None => c,
        })
        .collect()
}

pub fn number(n: i64, lang: Lang) -> String {
    match lang {
        Lang::Km => to_khmer_digits(&n.to_string()),
        Lang::En => n.to_string(),
    }
}

/// "25 September 2024" or "២៥ កញ្ញា ២០២៤".
pub fn date(d: NaiveDate, lang: Lang) -> String {
    let month = d.month0() as usize;
    match lang {
        Lang::Km => format!(
            "{} {} {}",
            number(i64::from(d.day()), lang),
            KHMER_MONTHS[month],
            number(i64::from(d.year()), lang)
        ),
        Lang::En => format!("{} {} {}", d.day(), ENGLISH_MONTHS[month], d.year()),
    }
}

/// Cambodia's time is UTC+7 all year (no summer time).
pub const CAMBODIA: TimeDelta = TimeDelta::hours(7);

/// A moment as people in Cambodia lived it: "4 December 2026, 14:05" or
/// "៤ ធ្នូ ២០២៦ ម៉ោង ១៤:០៥".
pub fn moment(at: DateTime<Utc>, lang: Lang) -> String {
    let local = (at + CAMBODIA).naive_utc();
    let clock = local.format("%H:%M").to_string();
    match lang {
        Lang::Km => format!(
            "{} ម៉ោង {}",
            date(local.date(), lang),
            to_khmer_digits(&clock)
        ),
        Lang::En => format!("{}, {clock}", date(local.date(), lang)),
    }
}

/// A span of days such as a forum's: "25–27 September 2024".
pub fn date_range(start: NaiveDate, end: NaiveDate, lang: Lang) -> String {
    if start == end {
        return date(start, lang);
    }
    if start.year() == end.year() && start.month() == end.month() {
        let first = number(i64::from(start.day()), lang);
        return format!("{first}–{}", date(end, lang));
    }
    format!("{} – {}", date(start, lang), date(end, lang))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
    }

    #[test]
    fn moments_are_cambodia_time() {
        let at = DateTime::parse_from_rfc3339("2026-12-04T20:05:00Z")
            .map(|t| t.with_timezone(&Utc))
            .unwrap_or_default();
        assert_eq!(moment(at, Lang::En), "5 December 2026, 03:05");
        assert_eq!(moment(at, Lang::Km), "៥ ធ្នូ ២០២៦ ម៉ោង ០៣:០៥");
    }

    #[test]
    fn digits_round_trip() {
        assert_eq!(to_khmer_digits("2024-09-25"), "២០២៤-០៩-២៥");
        assert_eq!(to_ascii_digits("២០២៤-០៩-២៥"), "2024-09-25");
        assert_eq!(to_ascii_digits("abc ១២ 3"), "abc 12 3");
    }

    #[test]
    fn numbers_follow_the_reader() {
        assert_eq!(number(37, Lang::Km), "៣៧");
        assert_eq!(number(37, Lang::En), "37");
        assert_eq!(number(-5, Lang::Km), "-៥");
    }

    #[test]
    fn dates_use_khmer_month_names() {
        assert_eq!(date(day(2024, 9, 25), Lang::Km), "២៥ កញ្ញា ២០២៤");
        assert_eq!(date(day(2024, 9, 25), Lang::En), "25 September 2024");
        assert_eq!(date(day(2025, 12, 1), Lang::Km), "១ ធ្នូ ២០២៥");
    }

    #[test]
    fn ranges_share_month_and_year() {
        assert_eq!(
            date_range(day(2024, 9, 25), day(2024, 9, 27), Lang::En),
            "25–27 September 2024"
        );
        assert_eq!(
            date_range(day(2024, 9, 25), day(2024, 9, 27), Lang::Km),
            "២៥–២៧ កញ្ញា ២០២៤"
        );
        assert_eq!(
            date_range(day(2024, 9, 30), day(2024, 10, 1), Lang::En),
            "30 September 2024 – 1 October 2024"
        );
    }
}
