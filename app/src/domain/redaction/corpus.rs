//! The finder measured on what survivors and outreach workers write: each snippet with the
//! parts a careful facilitator would hide. Recall (the share of those parts flagged) must stay
//! at 95 % or more; precision is printed, since a false flag costs a facilitator one click.
use super::suggest;

const PROVINCES: &[&str] = &[
    "Battambang",
    "បាត់ដំបង",
    "Siem Reap",
    "សៀមរាប",
    "Kampot",
    "កំពត",
];

/// (what was written, what identifies someone in it)
const CORPUS: &[(&str, &[&str])] = &[
    // Phone numbers, local and neighbouring forms, Latin and Khmer digits.
    (
        "Please call me 012 345 678 if you need to.",
        &["012 345 678"],
    ),
    ("My number is +855 12 345 678.", &["+855 12 345 678"]),
    ("ទូរស័ព្ទខ្ញុំ ០៩៧ ៧៧៧ ៨៨៨៨", &["០៩៧ ៧៧៧ ៨៨៨៨"]),
    ("Call 010-222-333 after 5pm", &["010-222-333"]),
    (
        "The broker used a Thai number +66 81 234 5678",
        &["+66 81 234 5678"],
    ),
    ("Vietnam phone 0912345678 was the boss", &["0912345678"]),
    ("លេខ 096.555.1234 របស់មេខ្លោង", &["096.555.1234"]),
    (
        "Whatsapp +60 12-345 6789 that is the agent",
        &["+60 12-345 6789"],
    ),
    // Email addresses, links and handles.
    (
        "write to sokha.chea88@gmail.com please",
        &["sokha.chea88@gmail.com"],
    ),
    ("អ៊ីមែល dara_k@yahoo.com", &["dara_k@yahoo.com"]),
    (
        "He found me on facebook.com/srey.pov.123",
        &["facebook.com/srey.pov.123"],
    ),
    ("ឆាតតាម fb.com/vannak.99 ណា", &["fb.com/vannak.99"]),
    ("message me at m.me/bopha.lovely", &["m.me/bopha.lovely"]),
    (
        "Telegram t.me/jobs_thailand_agent",
        &["t.me/jobs_thailand_agent"],
    ),
    ("my telegram is @sreymom_22", &["@sreymom_22"]),
    (
        "The recruiter posts on TikTok @goodjobs.kh",
        &["@goodjobs.kh"],
    ),
    (
        "see https://www.facebook.com/profile.php?id=1000123",
        &["https://www.facebook.com/profile.php?id=1000123"],
    ),
    ("Line ID line.me/ti/p/abc123", &["line.me/ti/p/abc123"]),
    (
        "Instagram instagram.com/nary_kh",
        &["instagram.com/nary_kh"],
    ),
    ("wa.me/85512345678 is the broker", &["wa.me/85512345678"]),
    // ID, passport and plate numbers.
    (
        "My passport N01234567 was taken by the boss.",
        &["N01234567"],
    ),
    ("ID card 010203045 stayed with the company", &["010203045"]),
    ("The car plate was 2A-1234.", &["2A-1234"]),
    ("ឡានស្លាកលេខ 2AB-5678 បានមកយកយើង", &["2AB-5678"]),
    ("Work permit WP2024-88123 in Malaysia", &["WP2024-88123"]),
    // Latin names after cues, and in quotes.
    ("My name is Sokha and I was in the shelter.", &["Sokha"]),
    ("my name is Chan Thida, I am 19", &["Chan Thida"]),
    ("Mr Heng Vuthy was the broker.", &["Heng Vuthy"]),
    ("Mrs. Lim helped me a lot.", &["Lim"]),
    ("Ms Srey Neang at the centre was kind.", &["Srey Neang"]),
    (
        "The staff member called \"Pisey\" shouted at us.",
        &["Pisey"],
    ),
    ("a man named Rithy took our passports", &["Rithy"]),
    ("Bong Dara from the NGO visited twice", &["Dara"]),
    ("Sokha and Dara came with me.", &["Sokha", "Dara"]),
    // Khmer names after cues.
    ("ខ្ញុំឈ្មោះសុខា។", &["សុខា"]),
    ("ខ្ញុំឈ្មោះ សុខ ចាន់ថា រស់នៅបាត់ដំបង", &["សុខ ចាន់ថា"]),
    ("ឈ្មោះរបស់ខ្ញុំគឺ ស្រីពៅ", &["ស្រីពៅ"]),
    ("លោក ហេង បានជួយខ្ញុំ", &["ហេង"]),
    ("លោកស្រី ចាន់ធូ នៅមណ្ឌល", &["ចាន់ធូ"]),
    ("អ្នកស្រី ធារី ជាមេខ្លោង", &["ធារី"]),
    ("កញ្ញា ពិសី ជាបុគ្គលិក", &["ពិសី"]),
    ("បង វណ្ណា ជាអ្នកនាំខ្ញុំទៅ", &["វណ្ណា"]),
    ("ប្អូន ស្រីមុំ ក៏ទៅជាមួយដែរ", &["ស្រីមុំ"]),
    ("មេខ្លោងឈ្មោះ គឹមហុង ហៅខ្ញុំ", &["គឹមហុង"]),
    ("បុគ្គលិកម្នាក់ឈ្មោះ «ដារ៉ា» ស្រែកដាក់យើង", &["ដារ៉ា"]),
    // Places below a province.
    ("ខ្ញុំមកពីភូមិអូរតាគី", &["ភូមិអូរតាគី"]),
    ("នៅឃុំកំពង់ស្វាយ ស្រុកសង្កែ", &["ឃុំកំពង់ស្វាយ", "ស្រុកសង្កែ"]),
    ("យើងរស់នៅសង្កាត់ទឹកថ្លា ខណ្ឌសែនសុខ", &["សង្កាត់ទឹកថ្លា", "ខណ្ឌសែនសុខ"]),
    (
        "I come from Ou Ta Ki village near the border.",
        &["Ou Ta Ki"],
    ),
    ("We lived in Kampong Svay commune.", &["Kampong Svay"]),
    ("Back in Sangkae District nobody knew.", &["Sangkae"]),
    ("the village of Prey Veng Thmey", &["Prey Veng Thmey"]),
    // Named workplaces.
    (
        "I worked at Golden Star Company in Thailand.",
        &["Golden Star"],
    ),
    ("ខ្ញុំធ្វើការនៅក្រុមហ៊ុនមាសមង្គល", &["ក្រុមហ៊ុនមាសមង្គល"]),
    ("They kept us in the Lucky Casino for a year.", &["Lucky"]),
    ("រោងចក្រកាត់ដេរ សុខសាន្ត បានបង់ប្រាក់តិច", &["រោងចក្រកាត់ដេរ"]),
    ("the Happy Karaoke owner took my phone", &["Happy"]),
    (
        "We were sent to Sunrise Fishing Co. boats.",
        &["Sunrise Fishing"],
    ),
    // Mixed.
    ("ខ្ញុំឈ្មោះសុខា ទូរស័ព្ទ 012 999 888", &["សុខា", "012 999 888"]),
    (
        "My name is Bopha, email bopha.k@gmail.com, village Trapeang Thom",
        &["Bopha", "bopha.k@gmail.com", "Trapeang Thom"],
    ),
    (
        "Mr Sam from Battambang called me on 098 765 432",
        &["Sam", "098 765 432"],
    ),
    // Nothing to hide: these must not be cut (they count only for precision).
    (
        "The shelter staff respected me and explained my rights.",
        &[],
    ),
    ("ការការពារ និងការបង្ការ គឺសំខាន់ណាស់", &[]),
    ("បុគ្គលិកបានជួយខ្ញុំច្រើន", &[]),
    ("Legal aid helped me understand the court case.", &[]),
];

#[test]
fn the_finder_flags_at_least_95_percent_of_what_identifies_someone() {
    let mut expected = 0;
    let mut caught = 0;
    let mut flagged = 0;
    let mut right = 0;
    let mut missed = Vec::new();
    for (text, parts) in CORPUS {
        let found = suggest(text, PROVINCES);
        for part in *parts {
            expected += 1;
            if found
                .iter()
                .any(|s| s.text.contains(part) || part.contains(&s.text))
            {
                caught += 1;
            } else {
                missed.push(format!("{part:?} in {text:?}"));
            }
        }
        for s in &found {
            flagged += 1;
            let place = PROVINCES.contains(&s.text.as_str());
            if place
                || parts
                    .iter()
                    .any(|p| s.text.contains(p) || p.contains(&s.text))
            {
                right += 1;
            }
        }
    }
    let recall = f64::from(caught) / f64::from(expected.max(1));
    let precision = f64::from(right) / f64::from(flagged.max(1));
    println!(
        "finder on {} snippets: recall {:.1} % ({caught}/{expected}), precision {:.1} % ({right}/{flagged})",
        CORPUS.len(),
        recall * 100.0,
        precision * 100.0
    );
    assert!(CORPUS.len() >= 60);
    assert!(
        recall >= 0.95,
        "recall {:.1} %; missed: {missed:#?}",
        recall * 100.0
    );
}

#[test]
fn short_khmer_cues_do_not_cut_into_longer_words() {
    // បង is "older sibling" only as a word of its own; in បង្ការ it is "prevention".
    assert!(suggest("ការបង្ការ និងការការពារ", &[]).is_empty());
    assert!(suggest("លោកិយ", &[]).is_empty());
}
