//! What a survivor can say about a service: which service, and six questions drawn from the
//! National Minimum Standards for the Protection and Rights of Victims.
use super::coded::coded_enum;

coded_enum! {
    /// The kinds of service survivors give feedback on.
    ServiceType, "service" {
        Shelter => "shelter",
        LegalAid => "legal-aid",
        Police => "police",
        Court => "court",
        Health => "health",
        Counselling => "counselling",
        SkillsTraining => "skills-training",
        JobPlacement => "job-placement",
        Reintegration => "reintegration",
        Repatriation => "repatriation",
        Other => "other",
    }
}

coded_enum! {
    /// The six questions, in the order they are asked.
    Question, "question" {
        Respect => "respect",
        Safe => "safe",
        Privacy => "privacy",
        Rights => "rights",
        Choice => "choice",
        Helped => "helped",
    }
}

coded_enum! {
    /// An answer; "rather not say" is always allowed and is not the same as no answer.
    Answer, "answer" {
        Yes => "yes",
        Partly => "partly",
        No => "no",
        RatherNotSay => "rather-not-say",
    }
}

coded_enum! {
    /// How a piece of feedback came in: sent by the survivor herself, entered with a
    /// facilitator's help (in person or on a call), or written on a printed sheet and typed in
    /// later. Counted for "how voices came in"; never who helped or typed.
    Channel, "channel" {
        Online => "online",
        Assisted => "assisted",
        Paper => "paper",
    }
}

coded_enum! {
    /// Where an anonymous submission stands. Facilitators see these words; a survivor sees
    /// the plainer `survivor_label_key`.
    ModerationState, "moderation" {
        New => "new",
        Reviewing => "reviewing",
        Published => "published",
        Withheld => "withheld",
        Spam => "spam",
    }
}

impl ModerationState {
    /// What the survivor is told: received, being reviewed, published or not published
    /// (spam is "not published" too: a survivor is never told they were taken for spam).
    pub fn survivor_label_key(self) -> &'static str {
        match self {
            ModerationState::New => "receipt-state-received",
            ModerationState::Reviewing => "receipt-state-reviewing",
            ModerationState::Published => "receipt-state-published",
            ModerationState::Withheld | ModerationState::Spam => "receipt-state-not-published",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn eleven_services_six_questions_four_answers() {
        assert_eq!(ServiceType::ALL.len(), 11);
        assert_eq!(Question::ALL.len(), 6);
        assert_eq!(Answer::ALL.len(), 4);
        assert_eq!(Answer::parse("rather-not-say"), Some(Answer::RatherNotSay));
        assert_eq!(ServiceType::parse("Shelter"), None);
    }

    #[test]
    fn survivors_are_never_told_spam() {
        assert_eq!(
            ModerationState::Spam.survivor_label_key(),
            ModerationState::Withheld.survivor_label_key()
        );
    }
}
