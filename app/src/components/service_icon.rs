//! Pictograms drawn inline (no extra download): one per kind of service, one per answer.
use leptos::prelude::*;

use crate::domain::{
    check::Verdict,
    feedback::{Answer, ServiceType},
};

/// A simple line pictogram for each kind of service, drawn inline (no extra download).
#[component]
pub fn ServiceIcon(service: ServiceType) -> impl IntoView {
    let d = match service {
        ServiceType::Shelter => "M3 11l9-8 9 8M5 10v10h14V10M10 20v-6h4v6",
        ServiceType::LegalAid => "M12 3v18M6 21h12M4 7h16M7 7l-3 7h6zM17 7l-3 7h6z",
        ServiceType::Police => "M12 2l8 3v6c0 5-3.5 9-8 11-4.5-2-8-6-8-11V5z",
        ServiceType::Court => "M3 9l9-6 9 6M5 9v9M9.5 9v9M14.5 9v9M19 9v9M3 21h18",
        ServiceType::Health => "M9 3h6v6h6v6h-6v6H9v-6H3V9h6z",
        ServiceType::Counselling => "M4 5h16v11H9l-5 4z",
        ServiceType::SkillsTraining => "M2 8l10-4 10 4-10 4zM6 10v5c0 2 12 2 12 0v-5",
        ServiceType::JobPlacement => "M3 8h18v12H3zM9 8V5h6v3M3 13h18",
        ServiceType::Reintegration => {
            "M8 10a3 3 0 100-6 3 3 0 000 6zM16 10a3 3 0 100-6 3 3 0 000 6zM2 20c0-4 3-6 6-6s6 2 6 6M10 20c0-4 3-6 6-6s6 2 6 6"
        }
        ServiceType::Repatriation => "M2 12h13M10 7l5 5-5 5M15 4h6v16h-6",
        ServiceType::Other => "M5 12h.01M12 12h.01M19 12h.01",
    };
    view! {
        <svg
            class="icon"
            viewBox="0 0 24 24"
            width="32"
            height="32"
            fill="none"
            stroke="currentColor"
            stroke-width="2"
            stroke-linecap="round"
            stroke-linejoin="round"
            aria-hidden="true"
        >
            <path d=d></path>
        </svg>
    }
}

/// A face for each answer, beside its words, for those who read little: smiling (yes),
/// straight (partly), sad (no), mouth zipped (I'd rather not say). Drawn inline.
#[component]
pub fn AnswerIcon(answer: Answer) -> impl IntoView {
    let mouth = match answer {
        Answer::Yes => "M8 14c1.5 2 6.5 2 8 0",
        Answer::Partly => "M8.5 15h7",
        Answer::No => "M8 16.5c1.5-2 6.5-2 8 0",
        Answer::RatherNotSay => "M8 15h8M10 14v2M12 14v2M14 14v2",
    };
    face(mouth)
}

/// The same faces for survivors' word on a claim; "I don't know" has a mouth left open
/// beside a question mark's dot.
#[component]
pub fn VerdictIcon(verdict: Verdict) -> impl IntoView {
    let mouth = match verdict {
        Verdict::Yes => "M8 14c1.5 2 6.5 2 8 0",
        Verdict::Partly => "M8.5 15h7",
        Verdict::No => "M8 16.5c1.5-2 6.5-2 8 0",
        Verdict::DontKnow => "M10.5 15.5a1.5 1.5 0 103 0 1.5 1.5 0 10-3 0",
    };
    face(mouth)
}

fn face(mouth: &'static str) -> impl IntoView {
    view! {
        <svg
            class="icon answer-icon"
            viewBox="0 0 24 24"
            width="28"
            height="28"
            fill="none"
            stroke="currentColor"
            stroke-width="2"
            stroke-linecap="round"
            stroke-linejoin="round"
            aria-hidden="true"
        >
            <path d=format!("M12 22a10 10 0 100-20 10 10 0 000 20zM9 9.5h.01M15 9.5h.01{mouth}")></path>
        </svg>
    }
}
