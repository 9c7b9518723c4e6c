use sea_orm::entity::prelude::*;

/// A printed sheet's receipt code, waiting for the sheet to come back: only its keyed slow
/// hash and the day its batch expires. Deleted when the sheet is typed in.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "paper_codes")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub receipt_hash: String,
    pub expires_on: Date,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
