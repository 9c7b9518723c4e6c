use sea_orm::entity::prelude::*;

/// The words of one searchable item (a recommendation or a forum), each with the best place
/// it was found (1 title, 2 text, 3 answer), as `store::search_postings::words_text` writes them:
/// what the item leaves when it changes. Searches read the postings' sets, not these.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "search_items")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub kind: String,
    #[sea_orm(primary_key, auto_increment = false)]
    pub object_id: i32,
    pub words: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
