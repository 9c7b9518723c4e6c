//! From rows to the shapes that cross the wire.
use crate::{
    domain::{bilingual::Bilingual, lang::Lang},
    ssr::entities::{forum, organisation},
    views::tracker::{ForumRef, OrgRef},
};

pub fn bilingual(km: Option<String>, en: Option<String>, original: &str) -> Bilingual {
    Bilingual::new(km, en, Lang::parse(original).unwrap_or_default())
}

/// `None` when neither language has text.
pub fn optional(km: Option<String>, en: Option<String>, original: &str) -> Option<Bilingual> {
    let b = bilingual(km, en, original);
    (b.km.is_some() || b.en.is_some()).then_some(b)
}

pub fn org_ref(o: &organisation::Model) -> OrgRef {
    OrgRef {
        id: o.id,
        name: bilingual(o.name_km.clone(), o.name_en.clone(), &o.original_lang),
    }
}

pub fn forum_ref(f: &forum::Model) -> ForumRef {
    ForumRef {
        id: f.id,
        title: bilingual(f.title_km.clone(), f.title_en.clone(), &f.original_lang),
    }
}
