//! What the Atom feeds say: the dated events of a set of public recommendations (each one's
//! publication, every response and progress update), newest first. Feeds are read without an
//! account, so nothing records who reads them.
use std::collections::HashMap;

use chrono::{DateTime, NaiveTime, Utc};
use sea_orm::{
    ColumnTrait, Condition, EntityTrait, QueryFilter, QueryOrder, QuerySelect, QueryTrait,
    sea_query::SelectStatement,
};

use super::{
    convert::bilingual,
    tracker::{filtered, public, published},
};
use crate::{
    domain::{bilingual::Bilingual, khmer, lang::Lang},
    error::AppError,
    i18n::{t, t_args},
    ssr::{
        entities::{forum, organisation, progress_update, recommendation, response},
        state::AppState,
    },
    views::tracker::TrackerFilter,
};

/// Entries in one feed: readers poll, and only what is new matters to them.
pub const ENTRIES: u64 = 50;

/// Which events a feed follows.
pub enum Scope {
    /// One recommendation (and the duplicates merged into it, as its page shows them).
    Recommendation(i32),
    /// Every answer of one organisation.
    Body(i32),
    /// The recommendations of one published forum.
    Forum(i32),
    /// The tracker as filtered (and searched).
    Tracker(TrackerFilter),
}

pub struct FeedEntry {
    /// Unique in the site: `response-17`, `progress-4`, `published-12`.
    pub key: String,
    pub recommendation_id: i32,
    pub at: DateTime<Utc>,
    pub title: String,
    pub text: String,
}

pub struct FeedData {
    pub title: String,
    /// The page the feed follows (its `alternate`), without the language.
    pub page: String,
    pub entries: Vec<FeedEntry>,
}

/// A day's events sort as of the start of that day in Cambodia.
fn start_of(day: chrono::NaiveDate) -> DateTime<Utc> {
    day.and_time(NaiveTime::MIN).and_utc() - khmer::CAMBODIA
}

/// The feed, or `None` when what it follows is not public.
pub async fn feed(
    state: &AppState,
    scope: Scope,
    lang: Lang,
) -> Result<Option<FeedData>, AppError> {
    let db = &state.db;
    let shown = |b: Bilingual| b.show(lang).text.to_string();
    let ids = |c: Condition| -> SelectStatement {
        recommendation::Entity::find()
            .filter(c)
            .select_only()
            .column(recommendation::Column::Id)
            .into_query()
    };
    // Which recommendations, whose answers (all, or one body's), the title and the page.
    let (among, body, title, page, with_publication): (SelectStatement, Option<i32>, _, _, _) =
        match scope {
            Scope::Recommendation(id) => {
                let Some(rec) = recommendation::Entity::find_by_id(id)
                    .filter(published())
                    .one(db)
                    .await?
                else {
                    return Ok(None);
                };
                let these = Condition::all().add(published()).add(
                    Condition::any()
                        .add(recommendation::Column::Id.eq(id))
                        .add(recommendation::Column::CanonicalId.eq(id)),
                );
                let name = shown(bilingual(rec.title_km, rec.title_en, &rec.original_lang));
                let title = format!("{} · {name}", rec.reference);
                (
                    ids(these),
                    None,
                    title,
                    format!("recommendations/{id}"),
                    true,
                )
            }
            Scope::Body(org) => {
                let Some(o) = organisation::Entity::find_by_id(org).one(db).await? else {
                    return Ok(None);
                };
                let name = shown(bilingual(o.name_km, o.name_en, &o.original_lang));
                let title = t_args(lang, "feed-body-title", &[("body", name.into())]);
                (
                    ids(published()),
                    Some(org),
                    title,
                    format!("bodies/{org}"),
                    false,
                )
            }
            Scope::Forum(id) => {
                let Some(f) = forum::Entity::find_by_id(id)
                    .filter(forum::public())
                    .one(db)
                    .await?
                else {
                    return Ok(None);
                };
                let these = Condition::all()
                    .add(public())
                    .add(recommendation::Column::ForumId.eq(id));
                let title = shown(bilingual(f.title_km, f.title_en, &f.original_lang));
                (ids(these), None, title, format!("forums/{id}"), true)
            }
            Scope::Tracker(filter) => {
                let query = filtered(state, &filter)
                    .await?
                    .select_only()
                    .column(recommendation::Column::Id)
                    .into_query();
                let page = format!("recommendations{}", filter.to_query(None));
                (query, None, t(lang, "tracker-title"), page, true)
            }
        };

    let mut entries: Vec<(String, i32, DateTime<Utc>, Kind)> = Vec::new();
    let mut answers = response::Entity::find()
        .filter(response::Column::RecommendationId.in_subquery(among.clone()));
    let mut updates = progress_update::Entity::find()
        .filter(progress_update::Column::RecommendationId.in_subquery(among.clone()));
    if let Some(org) = body {
        answers = answers.filter(response::Column::OrganisationId.eq(org));
        updates = updates.filter(progress_update::Column::OrganisationId.eq(org));
    }
    let answers = answers
        .order_by_desc(response::Column::CreatedAt)
        .limit(ENTRIES)
        .all(db)
        .await?;
    let updates = updates
        .order_by_desc(progress_update::Column::CreatedAt)
        .limit(ENTRIES)
        .all(db)
        .await?;
    for r in &answers {
        entries.push((
            format!("response-{}", r.id),
            r.recommendation_id,
            r.created_at,
            Kind::Response(r.id),
        ));
    }
    for u in &updates {
        entries.push((
            format!("progress-{}", u.id),
            u.recommendation_id,
            u.created_at,
            Kind::Progress(u.id),
        ));
    }
    if with_publication {
        let published_recs: Vec<(i32, Option<chrono::NaiveDate>)> = recommendation::Entity::find()
            .filter(recommendation::Column::Id.in_subquery(among))
            .filter(recommendation::Column::PublishedOn.is_not_null())
            .select_only()
            .columns([
                recommendation::Column::Id,
                recommendation::Column::PublishedOn,
            ])
            .order_by_desc(recommendation::Column::PublishedOn)
            .order_by_desc(recommendation::Column::Id)
            .limit(ENTRIES)
            .into_tuple()
            .all(db)
            .await?;
        for (id, on) in published_recs {
            if let Some(on) = on {
                entries.push((format!("published-{id}"), id, start_of(on), Kind::Published));
            }
        }
    }
    entries.sort_by(|a, b| b.2.cmp(&a.2).then_with(|| b.0.cmp(&a.0)));
    entries.truncate(ENTRIES as usize);

    // Names for what the entries mention.
    let rec_ids: Vec<i32> = entries.iter().map(|e| e.1).collect();
    let recs: HashMap<i32, recommendation::Model> = recommendation::Entity::find()
        .filter(recommendation::Column::Id.is_in(rec_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|r| (r.id, r))
        .collect();
    let org_ids = answers
        .iter()
        .map(|a| a.organisation_id)
        .chain(updates.iter().map(|u| u.organisation_id));
    let orgs: HashMap<i32, String> = organisation::Entity::find()
        .filter(organisation::Column::Id.is_in(org_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|o| {
            (
                o.id,
                shown(bilingual(o.name_km, o.name_en, &o.original_lang)),
            )
        })
        .collect();
    let answers: HashMap<i32, &response::Model> = answers.iter().map(|a| (a.id, a)).collect();
    let updates: HashMap<i32, &progress_update::Model> =
        updates.iter().map(|u| (u.id, u)).collect();
    let text = |km: &Option<String>, en: &Option<String>, original: &str| {
        shown(bilingual(km.clone(), en.clone(), original))
    };
    let entries = entries
        .into_iter()
        .filter_map(|(key, rec_id, at, kind)| {
            let rec = recs.get(&rec_id)?;
            let name = format!(
                "{} · {}",
                rec.reference,
                text(&rec.title_km, &rec.title_en, &rec.original_lang)
            );
            let (title, body) = match kind {
                Kind::Published => (
                    t_args(lang, "feed-published", &[("what", name.into())]),
                    text(&rec.body_km, &rec.body_en, &rec.original_lang),
                ),
                Kind::Response(id) => {
                    let a = answers.get(&id)?;
                    let who = orgs.get(&a.organisation_id).cloned().unwrap_or_default();
                    let mut said = vec![text(&a.text_km, &a.text_en, &a.original_lang)];
                    said.push(text(&a.commitment_km, &a.commitment_en, &a.original_lang));
                    if let Some(due) = a.due_on {
                        said.push(t_args(
                            lang,
                            "rec-due",
                            &[("date", khmer::date(due, lang).into())],
                        ));
                    }
                    let title = t_args(
                        lang,
                        "feed-answered",
                        &[
                            ("body", who.into()),
                            ("said", t(lang, &a.position.label_key()).into()),
                            ("what", name.into()),
                        ],
                    );
                    (
                        title,
                        said.into_iter()
                            .filter(|s| !s.is_empty())
                            .collect::<Vec<_>>()
                            .join("\n"),
                    )
                }
                Kind::Progress(id) => {
                    let u = updates.get(&id)?;
                    let who = orgs.get(&u.organisation_id).cloned().unwrap_or_default();
                    let title = t_args(
                        lang,
                        "feed-progress",
                        &[
                            ("body", who.into()),
                            ("said", t(lang, &u.stage.label_key()).into()),
                            ("what", name.into()),
                        ],
                    );
                    (title, text(&u.note_km, &u.note_en, &u.original_lang))
                }
            };
            Some(FeedEntry {
                key,
                recommendation_id: rec_id,
                at,
                title,
                text: body,
            })
        })
        .collect();
    Ok(Some(FeedData {
        title,
        page,
        entries,
    }))
}

#[derive(Clone, Copy)]
enum Kind {
    Published,
    Response(i32),
    Progress(i32),
}
