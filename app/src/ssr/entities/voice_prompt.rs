use sea_orm::entity::prelude::*;

/// A recording beside a survivor-facing text in one language (see `domain::prompts`).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "voice_prompts")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub text_key: String,
    #[sea_orm(primary_key, auto_increment = false)]
    pub lang: String,
    /// SHA-256 of the bytes, in hex: the file's address, so it may be cached for a year.
    pub content_hash: String,
    pub mime: String,
    pub bytes: Vec<u8>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
