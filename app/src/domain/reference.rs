//! How a recommendation made from a survivor's proposal is numbered: `SP-<year>-<n>`, three
//! digits at least, the next number after the highest of that year. Numbers are never reused,
//! so a reference read aloud at a forum or printed in a report keeps meaning one thing.

/// The reference for the next survivor proposal made into a recommendation in `year`, given
/// the references already used (of any kind; those of other years or forms are ignored).
pub fn next_survivor_reference<'a>(year: i32, used: impl IntoIterator<Item = &'a str>) -> String {
    let prefix = format!("SP-{year}-");
    let highest = used
        .into_iter()
        .filter_map(|r| r.strip_prefix(&prefix)?.parse::<u32>().ok())
        .max()
        .unwrap_or(0);
    format!("{prefix}{:03}", highest + 1)
}

/// What a reference of that year starts with, to find the used ones (`LIKE 'SP-2026-%'`).
pub fn survivor_reference_prefix(year: i32) -> String {
    format!("SP-{year}-")
}

/// A piece of a reference, for ordering: runs of digits compare as numbers.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Part {
    Text(String),
    Number(u64),
}

/// Orders references as people count them: "SR-2" before "SR-10", Khmer digits as Latin.
pub fn counting_order(reference: &str) -> Vec<Part> {
    let latin = super::khmer::to_ascii_digits(reference);
    let mut parts = Vec::new();
    let mut run = String::new();
    let mut digits = false;
    for c in latin.chars() {
        if c.is_ascii_digit() != digits && !run.is_empty() {
            parts.push(part(&run, digits));
            run.clear();
        }
        digits = c.is_ascii_digit();
        run.push(c);
    }
    if !run.is_empty() {
        parts.push(part(&run, digits));
    }
    parts
}

fn part(run: &str, digits: bool) -> Part {
    match run.parse::<u64>() {
        Ok(n) if digits => Part::Number(n),
        _ => Part::Text(run.to_lowercase()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_sort_as_people_count() {
        let mut refs = vec!["SR-10", "SR-2", "SR-1", "SR-១១", "BTB-3"];
        refs.sort_by_key(|r| counting_order(r));
        assert_eq!(refs, ["BTB-3", "SR-1", "SR-2", "SR-10", "SR-១១"]);
    }

    #[test]
    fn the_first_of_a_year_is_001() {
        assert_eq!(next_survivor_reference(2026, []), "SP-2026-001");
        assert_eq!(
            next_survivor_reference(2027, ["SP-2026-004", "BTB-2027-01"]),
            "SP-2027-001"
        );
    }

    #[test]
    fn the_next_follows_the_highest_even_with_gaps() {
        let used = ["SP-2026-001", "SP-2026-007", "SP-2026-003"];
        assert_eq!(next_survivor_reference(2026, used), "SP-2026-008");
    }

    #[test]
    fn past_999_the_number_grows() {
        assert_eq!(
            next_survivor_reference(2026, ["SP-2026-999"]),
            "SP-2026-1000"
        );
    }

    #[test]
    fn references_typed_by_hand_that_do_not_parse_are_ignored() {
        let used = ["SP-2026-x", "SP-2026-", "SP-2026-002b", "SP-2026-002"];
        assert_eq!(next_survivor_reference(2026, used), "SP-2026-003");
        assert_eq!(survivor_reference_prefix(2026), "SP-2026-");
    }
}
