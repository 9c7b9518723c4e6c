//! Reads for facilitators' curation screens. Drafts and merged recommendations are shown
//! here, unlike on the public tracker.
use std::collections::HashMap;

use sea_orm::{ConnectionTrait, DbErr, QueryOrder, QuerySelect, prelude::*};
use tower_sessions::Session;

use super::convert::{bilingual, forum_ref, org_ref};
use crate::{
    domain::{
        curation::{RecommendationInput, TranslationState},
        forum::ForumInput,
        lang::Lang,
        role::Action,
        status::Status,
        theme::Theme,
    },
    error::AppError,
    ssr::{
        auth::guard::authorize,
        entities::{
            forum, forum_organisation, forum_series, organisation, recommendation,
            recommendation_body, recommendation_revision, user,
        },
        flash,
        state::AppState,
        store::curation_import::{OUTCOME_TYPED, PENDING_IMPORT, PendingImport, preview},
    },
    views::{
        ProblemList,
        curation::{
            CurationList, CurationRow, ForumEditor, ImportView, RecommendationEditor, RevisionRow,
        },
        tracker::{ForumRef, OrgRef},
    },
};

/// Recommendations per curation page.
const PAGE: u64 = 50;
/// The session key of a refused recommendation form: (id, what was typed, problems).
pub const REJECTED_RECOMMENDATION: &str = "rejected_recommendation";
/// The session key of a refused forum form.
pub const REJECTED_FORUM: &str = "rejected_forum";

pub type Rejected<T> = (Option<i32>, T, ProblemList);

pub async fn list(
    state: &AppState,
    session: &Session,
    after: Option<i32>,
) -> Result<CurationList, AppError> {
    authorize(session, state, Action::CurateRecommendations).await?;
    let db = &state.db;
    let mut query = recommendation::Entity::find();
    if let Some(after) = after {
        query = query.filter(recommendation::Column::Id.lt(after));
    }
    let mut rows = query
        .order_by_desc(recommendation::Column::Id)
        .limit(PAGE + 1)
        .all(db)
        .await?;
    let next_after = if rows.len() as u64 > PAGE {
        rows.truncate(PAGE as usize);
        rows.last().map(|r| r.id)
    } else {
        None
    };
    let canonical_ids: Vec<i32> = rows.iter().filter_map(|r| r.canonical_id).collect();
    let references = references(db, canonical_ids).await?;
    let rows = rows
        .into_iter()
        .map(|r| CurationRow {
            id: r.id,
            merged_into: r.canonical_id.and_then(|c| references.get(&c).cloned()),
            status: r.status,
            title: bilingual(r.title_km, r.title_en, &r.original_lang),
            reference: r.reference,
        })
        .collect();
    let draft_forums = forum::Entity::find()
        .filter(forum::Column::PublishedAt.is_null())
        .select_only()
        .column(forum::Column::Id)
        .into_tuple()
        .all(db)
        .await?;
    Ok(CurationList {
        rows,
        next_after,
        forums: forums(db).await?,
        draft_forums,
    })
}

async fn references(
    db: &impl ConnectionTrait,
    ids: Vec<i32>,
) -> Result<HashMap<i32, String>, DbErr> {
    Ok(recommendation::Entity::find()
        .filter(recommendation::Column::Id.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|r| (r.id, r.reference))
        .collect())
}

pub async fn forums(db: &impl ConnectionTrait) -> Result<Vec<ForumRef>, DbErr> {
    Ok(forum::Entity::find()
        .order_by_desc(forum::Column::StartsOn)
        .all(db)
        .await?
        .iter()
        .map(forum_ref)
        .collect())
}

pub async fn organisations(db: &impl ConnectionTrait) -> Result<Vec<OrgRef>, DbErr> {
    Ok(organisation::Entity::find()
        .order_by_asc(organisation::Column::Code)
        .all(db)
        .await?
        .iter()
        .map(org_ref)
        .collect())
}

/// A recommendation's curated fields as the form shows them.
pub async fn input_of(
    db: &impl ConnectionTrait,
    r: &recommendation::Model,
) -> Result<RecommendationInput, DbErr> {
    let bodies = recommendation_body::Entity::find()
        .filter(recommendation_body::Column::RecommendationId.eq(r.id))
        .order_by_asc(recommendation_body::Column::OrganisationId)
        .all(db)
        .await?
        .into_iter()
        .map(|b| b.organisation_id)
        .collect();
    Ok(RecommendationInput {
        reference: r.reference.clone(),
        forum: r.forum_id.map(|f| f.to_string()).unwrap_or_default(),
        theme: r.theme.code().to_string(),
        title_km: r.title_km.clone().unwrap_or_default(),
        title_en: r.title_en.clone().unwrap_or_default(),
        body_km: r.body_km.clone().unwrap_or_default(),
        body_en: r.body_en.clone().unwrap_or_default(),
        original_lang: r.original_lang.clone(),
        translation_state: r.translation_state.code().to_string(),
        bodies,
    })
}

/// Reads one field of a snapshot, for comparing.
type Field = fn(&RecommendationInput) -> String;

/// The Fluent keys of the fields that differ between two snapshots.
fn changed(before: Option<&RecommendationInput>, after: &RecommendationInput) -> Vec<String> {
    let fields: [(&str, Field); 10] = [
        ("curate-reference", |i| i.reference.clone()),
        ("curate-forum", |i| i.forum.clone()),
        ("curate-theme", |i| i.theme.clone()),
        ("curate-title-km", |i| i.title_km.clone()),
        ("curate-title-en", |i| i.title_en.clone()),
        ("curate-body-km", |i| i.body_km.clone()),
        ("curate-body-en", |i| i.body_en.clone()),
        ("curate-original-lang", |i| i.original_lang.clone()),
        ("curate-translation-state", |i| i.translation_state.clone()),
        ("curate-bodies", |i| format!("{:?}", i.bodies)),
    ];
    fields
        .iter()
        .filter(|(_, get)| before.is_none_or(|b| get(b) != get(after)))
        .map(|(key, _)| (*key).to_string())
        .collect()
}

async fn history(db: &impl ConnectionTrait, id: i32) -> Result<Vec<RevisionRow>, DbErr> {
    let revisions = recommendation_revision::Entity::find()
        .filter(recommendation_revision::Column::RecommendationId.eq(id))
        .order_by_asc(recommendation_revision::Column::Id)
        .all(db)
        .await?;
    let editors: HashMap<i32, String> = user::Entity::find()
        .filter(user::Column::Id.is_in(revisions.iter().filter_map(|r| r.editor_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u.display_name))
        .collect();
    let mut previous: Option<RecommendationInput> = None;
    let mut rows = Vec::new();
    for revision in revisions {
        let snapshot: RecommendationInput =
            serde_json::from_str(&revision.snapshot).unwrap_or_default();
        rows.push(RevisionRow {
            at: revision.edited_at,
            editor: revision.editor_id.and_then(|e| editors.get(&e).cloned()),
            changed: changed(previous.as_ref(), &snapshot),
        });
        previous = Some(snapshot);
    }
    rows.reverse();
    Ok(rows)
}

pub async fn editor(
    state: &AppState,
    session: &Session,
    id: Option<i32>,
) -> Result<RecommendationEditor, AppError> {
    let signed_in = authorize(session, state, Action::CurateRecommendations).await?;
    let db = &state.db;
    let rejected: Option<Rejected<RecommendationInput>> =
        flash::take(session, REJECTED_RECOMMENDATION).await;
    let rejected = rejected.filter(|(rid, _, _)| *rid == id);
    let mut view = RecommendationEditor {
        id,
        input: RecommendationInput {
            theme: Theme::Prevention.code().into(),
            original_lang: Lang::Km.code().into(),
            translation_state: TranslationState::Missing.code().into(),
            ..Default::default()
        },
        problems: Vec::new(),
        status: Status::Draft,
        published: false,
        merged_into: None,
        duplicates: Vec::new(),
        history: Vec::new(),
        forums: forums(db).await?,
        organisations: organisations(db).await?,
        csrf: signed_in.auth.csrf,
    };
    if let Some(id) = id {
        let rec = recommendation::Entity::find_by_id(id)
            .one(db)
            .await?
            .ok_or(AppError::NotFound)?;
        view.input = input_of(db, &rec).await?;
        view.status = rec.status;
        view.published = rec.published_on.is_some();
        if let Some(canonical) = rec.canonical_id {
            view.merged_into = references(db, vec![canonical])
                .await?
                .remove(&canonical)
                .map(|r| (canonical, r));
        }
        view.duplicates = recommendation::Entity::find()
            .filter(recommendation::Column::CanonicalId.eq(id))
            .order_by_asc(recommendation::Column::Reference)
            .all(db)
            .await?
            .into_iter()
            .map(|r| (r.id, r.reference))
            .collect();
        view.history = history(db, id).await?;
    }
    if let Some((_, input, problems)) = rejected {
        view.input = input;
        view.problems = problems;
    }
    Ok(view)
}

pub async fn forum_editor(
    state: &AppState,
    session: &Session,
    id: Option<i32>,
) -> Result<ForumEditor, AppError> {
    let signed_in = authorize(session, state, Action::CurateRecommendations).await?;
    let mut view = ForumEditor {
        id,
        input: ForumInput {
            original_lang: Lang::Km.code().into(),
            ..Default::default()
        },
        problems: Vec::new(),
        csrf: signed_in.auth.csrf,
        published_at: None,
        series: forum_series::Entity::find()
            .order_by_asc(forum_series::Column::Id)
            .all(&state.db)
            .await?
            .into_iter()
            .map(|s| (s.id, bilingual(s.name_km, s.name_en, &s.original_lang)))
            .collect(),
        organisations: organisation::Entity::find()
            .order_by_asc(organisation::Column::Code)
            .all(&state.db)
            .await?
            .iter()
            .map(org_ref)
            .collect(),
    };
    if let Some(id) = id {
        let f = forum::Entity::find_by_id(id)
            .one(&state.db)
            .await?
            .ok_or(AppError::NotFound)?;
        view.published_at = f.published_at;
        let present = forum_organisation::Entity::find()
            .filter(forum_organisation::Column::ForumId.eq(id))
            .all(&state.db)
            .await?
            .into_iter()
            .map(|p| p.organisation_id)
            .collect();
        let count = |n: Option<i32>| n.map(|n| n.to_string()).unwrap_or_default();
        view.input = ForumInput {
            kind: f.kind.code().to_string(),
            series: f.series_id.map(|s| s.to_string()).unwrap_or_default(),
            new_series: String::new(),
            present: [
                count(f.survivors_present),
                count(f.government_present),
                count(f.ngos_present),
                count(f.donors_present),
            ],
            organisations: present,
            minutes_km: f.minutes_km.unwrap_or_default(),
            minutes_en: f.minutes_en.unwrap_or_default(),
            title_km: f.title_km.unwrap_or_default(),
            title_en: f.title_en.unwrap_or_default(),
            original_lang: f.original_lang,
            province: f.province,
            starts_on: f.starts_on.to_string(),
            ends_on: f.ends_on.to_string(),
            organisers_km: f.organisers_km.unwrap_or_default(),
            organisers_en: f.organisers_en.unwrap_or_default(),
            participants: f.participants.map(|p| p.to_string()).unwrap_or_default(),
            summary_km: f.summary_km.unwrap_or_default(),
            summary_en: f.summary_en.unwrap_or_default(),
        };
    }
    let rejected: Option<Rejected<ForumInput>> = flash::take(session, REJECTED_FORUM).await;
    if let Some((_, input, problems)) = rejected.filter(|(rid, _, _)| *rid == id) {
        view.input = input;
        view.problems = problems;
    }
    Ok(view)
}

pub async fn import(state: &AppState, session: &Session) -> Result<ImportView, AppError> {
    let signed_in = authorize(session, state, Action::CurateRecommendations).await?;
    let db = &state.db;
    let pending: Option<PendingImport> = session.get(PENDING_IMPORT).await.ok().flatten();
    let forums = forums(db).await?;
    let outcome = flash::take(session, OUTCOME_TYPED)
        .await
        .unwrap_or_default();
    let mut view = ImportView {
        forum: None,
        rows: Vec::new(),
        file_problem: None,
        outcome,
        csrf: signed_in.auth.csrf,
        forums,
    };
    if let Some(pending) = pending {
        let checked = preview(db, &pending).await?;
        view.forum = view
            .forums
            .iter()
            .find(|f| Some(f.id) == pending.forum_id)
            .cloned();
        view.rows = checked.rows;
        view.file_problem = checked.file_problem;
    }
    Ok(view)
}
