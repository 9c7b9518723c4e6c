use sea_orm::entity::prelude::*;

/// One word of the search index (`domain::search`): of a recommendation or a forum, with the
/// best place it was found (1 title, 2 text, 3 answer).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "search_terms")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub kind: String,
    #[sea_orm(primary_key, auto_increment = false)]
    pub object_id: i32,
    #[sea_orm(primary_key, auto_increment = false)]
    pub term: String,
    pub tier: i16,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
