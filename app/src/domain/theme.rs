use super::coded::coded_enum;

coded_enum! {
    /// The four themes survivor forums group their recommendations by.
    Theme, "theme" {
        Prevention => "prevention",
        Protection => "protection",
        Prosecution => "prosecution",
        Partnership => "partnership",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for theme in Theme::ALL {
            assert_eq!(Theme::parse(theme.code()), Some(*theme));
        }
        assert_eq!(Theme::parse("Prevention"), None);
        assert_eq!(Theme::Prosecution.label_key(), "theme-prosecution");
    }
}
