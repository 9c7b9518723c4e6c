//! Changes to recommendations by facilitators: create, edit, publish, merge and unmerge. Each keeps a
//! revision (who, when, the fields after it) and an audit event, in the caller's transaction.
use std::collections::BTreeSet;

use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait,
    QueryFilter,
};

use crate::domain::{
    curation::CheckedRecommendation,
    status::{Status, is_public},
};
use crate::ssr::{
    audit::{self, Event},
    clock::Clock,
    entities::{recommendation, recommendation_body, recommendation_revision},
    store::{curation::input_of, search_index, status},
};

/// Who is changing what, and the clock to date it by.
pub struct Change<'a> {
    pub clock: &'a Clock,
    pub actor_id: i32,
}

/// Why a change was refused.
#[derive(Debug)]
pub enum Refused {
    /// Another recommendation already has this reference.
    ReferenceTaken,
    /// The merge would make a loop or point at something merged itself.
    BadMerge,
    NotFound,
    Db(DbErr),
}

impl From<DbErr> for Refused {
    fn from(e: DbErr) -> Self {
        Refused::Db(e)
    }
}

async fn reference_taken(
    db: &impl ConnectionTrait,
    reference: &str,
    except: Option<i32>,
) -> Result<bool, DbErr> {
    let found = recommendation::Entity::find()
        .filter(recommendation::Column::Reference.eq(reference))
        .one(db)
        .await?;
    Ok(found.is_some_and(|r| Some(r.id) != except))
}

/// Keeps the recommendation as it now stands.
async fn revise(
    db: &impl ConnectionTrait,
    change: &Change<'_>,
    rec: &recommendation::Model,
    action: &str,
) -> Result<(), DbErr> {
    let snapshot = input_of(db, rec).await?;
    recommendation_revision::ActiveModel {
        recommendation_id: Set(rec.id),
        editor_id: Set(Some(change.actor_id)),
        edited_at: Set(change.clock.now()),
        snapshot: Set(serde_json::to_string(&snapshot).unwrap_or_default()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    let event = Event {
        actor_id: Some(change.actor_id),
        action,
        object_type: "recommendation",
        object_id: rec.reference.clone(),
    };
    audit::record(db, change.clock, event).await
}

/// Points the recommendation at exactly these bodies; returns the ones newly added.
async fn set_bodies(db: &impl ConnectionTrait, id: i32, bodies: &[i32]) -> Result<Vec<i32>, DbErr> {
    let before: BTreeSet<i32> = recommendation_body::Entity::find()
        .filter(recommendation_body::Column::RecommendationId.eq(id))
        .all(db)
        .await?
        .into_iter()
        .map(|b| b.organisation_id)
        .collect();
    let after: BTreeSet<i32> = bodies.iter().copied().collect();
    let gone: Vec<i32> = before.difference(&after).copied().collect();
    if !gone.is_empty() {
        recommendation_body::Entity::delete_many()
            .filter(recommendation_body::Column::RecommendationId.eq(id))
            .filter(recommendation_body::Column::OrganisationId.is_in(gone))
            .exec(db)
            .await?;
    }
    let added: Vec<i32> = after.difference(&before).copied().collect();
    for org in &added {
        recommendation_body::ActiveModel {
            recommendation_id: Set(id),
            organisation_id: Set(*org),
        }
        .insert(db)
        .await?;
    }
    Ok(added)
}

/// A new draft recommendation; returns its id.
pub async fn create(
    db: &impl ConnectionTrait,
    change: &Change<'_>,
    c: &CheckedRecommendation,
) -> Result<i32, Refused> {
    if reference_taken(db, &c.reference, None).await? {
        return Err(Refused::ReferenceTaken);
    }
    let now = change.clock.now();
    let rec = recommendation::ActiveModel {
        reference: Set(c.reference.clone()),
        forum_id: Set(c.forum_id),
        source: Set(c.source),
        theme: Set(c.theme),
        title_km: Set(c.title_km.clone()),
        title_en: Set(c.title_en.clone()),
        body_km: Set(c.body_km.clone()),
        body_en: Set(c.body_en.clone()),
        original_lang: Set(c.original_lang.code().to_string()),
        translation_state: Set(c.translation_state),
        status: Set(Status::Draft),
        published_on: Set(None),
        earliest_open_due_on: Set(None),
        canonical_id: Set(None),
        is_demo: Set(false),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    set_bodies(db, rec.id, &c.bodies).await?;
    search_index::refresh_recommendation(db, rec.id).await?;
    revise(db, change, &rec, "recommendation_created").await?;
    Ok(rec.id)
}

/// Saves an edit; returns the bodies newly addressed (to be told when it is published).
pub async fn update(
    db: &impl ConnectionTrait,
    change: &Change<'_>,
    id: i32,
    c: &CheckedRecommendation,
) -> Result<Vec<i32>, Refused> {
    let rec = recommendation::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(Refused::NotFound)?;
    if reference_taken(db, &c.reference, Some(id)).await? {
        return Err(Refused::ReferenceTaken);
    }
    let published = rec.published_on.is_some();
    let mut active: recommendation::ActiveModel = rec.into();
    active.reference = Set(c.reference.clone());
    active.forum_id = Set(c.forum_id);
    active.source = Set(c.source);
    active.theme = Set(c.theme);
    active.title_km = Set(c.title_km.clone());
    active.title_en = Set(c.title_en.clone());
    active.body_km = Set(c.body_km.clone());
    active.body_en = Set(c.body_en.clone());
    active.original_lang = Set(c.original_lang.code().to_string());
    active.translation_state = Set(c.translation_state);
    active.updated_at = Set(change.clock.now());
    let rec = active.update(db).await?;
    let added = set_bodies(db, id, &c.bodies).await?;
    // A body taken off or added changes who must answer.
    status::refresh(db, id).await?;
    search_index::refresh_recommendation(db, id).await?;
    revise(db, change, &rec, "recommendation_edited").await?;
    Ok(if published { added } else { Vec::new() })
}

/// Publishes a draft; returns the bodies it is addressed to (to be told).
pub async fn publish(
    db: &impl ConnectionTrait,
    change: &Change<'_>,
    id: i32,
) -> Result<Vec<i32>, Refused> {
    let rec = recommendation::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(Refused::NotFound)?;
    if rec.published_on.is_some() {
        return Ok(Vec::new());
    }
    let mut active: recommendation::ActiveModel = rec.into();
    active.published_on = Set(Some(change.clock.today()));
    let rec = active.update(db).await?;
    status::refresh(db, id).await?;
    search_index::refresh_recommendation(db, id).await?;
    revise(db, change, &rec, "recommendation_published").await?;
    Ok(recommendation_body::Entity::find()
        .filter(recommendation_body::Column::RecommendationId.eq(id))
        .all(db)
        .await?
        .into_iter()
        .map(|b| b.organisation_id)
        .collect())
}

/// Makes `duplicate` point at `canonical`. Its own duplicates follow it; its responses stay
/// and are shown on the canonical recommendation's page.
/// Whether `dup` may be merged into `canon`: only into something the public can see (a page
/// must never point to a draft), never into itself, never twice.
pub fn may_merge(dup: &recommendation::Model, canon: &recommendation::Model) -> bool {
    dup.id != canon.id
        && is_public(canon.status, canon.published_on, canon.canonical_id)
        && dup.canonical_id.is_none()
}

pub async fn merge(
    db: &impl ConnectionTrait,
    change: &Change<'_>,
    duplicate: i32,
    canonical: i32,
) -> Result<(), Refused> {
    let (Some(dup), Some(canon)) = (
        recommendation::Entity::find_by_id(duplicate)
            .one(db)
            .await?,
        recommendation::Entity::find_by_id(canonical)
            .one(db)
            .await?,
    ) else {
        return Err(Refused::NotFound);
    };
    if !may_merge(&dup, &canon) {
        return Err(Refused::BadMerge);
    }
    for follower in recommendation::Entity::find()
        .filter(recommendation::Column::CanonicalId.eq(dup.id))
        .all(db)
        .await?
    {
        let mut active: recommendation::ActiveModel = follower.into();
        active.canonical_id = Set(Some(canon.id));
        active.update(db).await?;
    }
    let mut active: recommendation::ActiveModel = dup.into();
    active.canonical_id = Set(Some(canon.id));
    active.updated_at = Set(change.clock.now());
    let dup = active.update(db).await?;
    // The duplicate leaves the index, and its answers, shown with the canonical one now,
    // find that one instead.
    search_index::refresh_recommendation(db, dup.id).await?;
    Ok(revise(db, change, &dup, "recommendation_merged").await?)
}

/// Undoes a merge: the recommendation stands on its own again, with its own page, answers and
/// place in search. Those once merged into it and moved along stay where they are.
pub async fn unmerge(
    db: &impl ConnectionTrait,
    change: &Change<'_>,
    id: i32,
) -> Result<(), Refused> {
    let Some(rec) = recommendation::Entity::find_by_id(id).one(db).await? else {
        return Err(Refused::NotFound);
    };
    let Some(former) = rec.canonical_id else {
        return Err(Refused::BadMerge);
    };
    let mut active: recommendation::ActiveModel = rec.into();
    active.canonical_id = Set(None);
    active.updated_at = Set(change.clock.now());
    let rec = active.update(db).await?;
    // Both move in the index: the one kept no longer answers for this one's answers.
    search_index::refresh_recommendation(db, rec.id).await?;
    search_index::refresh_recommendation(db, former).await?;
    Ok(revise(db, change, &rec, "recommendation_unmerged").await?)
}
