//! The rules of a printed batch of paper forms (see `ssr::paper`).

/// At most this many sheets in one batch: each code costs a slow hash when printed.
pub const MOST_SHEETS: u32 = 50;
/// How long a batch's sheets may take to come back, in days: the choices offered.
pub const VALID_DAYS: [u32; 3] = [30, 90, 180];
/// The choice offered first: about a season of outreach.
pub const USUAL_DAYS: u32 = 90;

/// The number of sheets asked for, when it is one the form allows (Khmer digits too).
pub fn sheets(typed: &str) -> Option<u32> {
    super::khmer::to_ascii_digits(typed.trim())
        .parse::<u32>()
        .ok()
        .filter(|n| (1..=MOST_SHEETS).contains(n))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_batch_holds_one_to_fifty_sheets_in_either_digits() {
        assert_eq!(sheets("10"), Some(10));
        assert_eq!(sheets(" ១០ "), Some(10));
        assert_eq!(sheets("50"), Some(50));
        for refused in ["0", "51", "-1", "", "ten", "1e3", "=1+1"] {
            assert_eq!(sheets(refused), None, "{refused}");
        }
    }
}
