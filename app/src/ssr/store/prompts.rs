//! Voice prompts: saved, removed, listed, and read back by the hash of their content.
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QuerySelect,
    sea_query::OnConflict,
};
use sha2::{Digest, Sha256};

use crate::{
    domain::{lang::Lang, prompts::AudioKind},
    ssr::entities::voice_prompt,
    views::prompts::Prompts,
};

/// The address a recording is served at.
pub fn url(hash: &str) -> String {
    format!("/audio/{hash}")
}

/// Saves (or replaces) the recording of `key` in `lang`.
pub async fn save(
    db: &impl ConnectionTrait,
    key: &str,
    lang: Lang,
    kind: AudioKind,
    bytes: Vec<u8>,
) -> Result<(), DbErr> {
    let hash: String = Sha256::digest(&bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let row = voice_prompt::ActiveModel {
        text_key: Set(key.to_string()),
        lang: Set(lang.code().to_string()),
        content_hash: Set(hash),
        mime: Set(kind.mime().to_string()),
        bytes: Set(bytes),
    };
    voice_prompt::Entity::insert(row)
        .on_conflict(
            OnConflict::columns([voice_prompt::Column::TextKey, voice_prompt::Column::Lang])
                .update_columns([
                    voice_prompt::Column::ContentHash,
                    voice_prompt::Column::Mime,
                    voice_prompt::Column::Bytes,
                ])
                .to_owned(),
        )
        .exec(db)
        .await?;
    Ok(())
}

pub async fn remove(db: &impl ConnectionTrait, key: &str, lang: Lang) -> Result<(), DbErr> {
    voice_prompt::Entity::delete_by_id((key.to_string(), lang.code().to_string()))
        .exec(db)
        .await?;
    Ok(())
}

/// Every recording's address (never the bytes).
pub async fn all(db: &impl ConnectionTrait) -> Result<Prompts, DbErr> {
    let rows: Vec<(String, String, String)> = voice_prompt::Entity::find()
        .select_only()
        .column(voice_prompt::Column::TextKey)
        .column(voice_prompt::Column::Lang)
        .column(voice_prompt::Column::ContentHash)
        .into_tuple()
        .all(db)
        .await?;
    Ok(Prompts::from_rows(
        rows.into_iter()
            .map(|(key, lang, hash)| (key, lang, url(&hash))),
    ))
}

/// A recording by the hash of its content: its type and bytes.
pub async fn by_hash(
    db: &impl ConnectionTrait,
    hash: &str,
) -> Result<Option<(AudioKind, Vec<u8>)>, DbErr> {
    let row = voice_prompt::Entity::find()
        .filter(voice_prompt::Column::ContentHash.eq(hash))
        .one(db)
        .await?;
    Ok(row.and_then(|r| AudioKind::from_mime(&r.mime).map(|k| (k, r.bytes))))
}

/// The voice prompts page: every text that may be heard, and what is recorded.
pub async fn page(
    state: &crate::ssr::state::AppState,
    session: &tower_sessions::Session,
) -> Result<crate::views::prompts::PromptsPage, crate::error::AppError> {
    use crate::{
        domain::{prompts::prompted_keys, role::Action},
        ssr::auth::guard::authorize,
    };
    let signed_in = authorize(session, state, Action::RecordPrompts).await?;
    Ok(crate::views::prompts::PromptsPage {
        keys: prompted_keys(),
        recorded: all(&state.db).await?,
        csrf: signed_in.auth.csrf,
    })
}
