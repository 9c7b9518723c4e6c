use sea_orm::entity::prelude::*;

/// One message in a receipt thread.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "messages")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub thread_id: Uuid,
    pub author_kind: String,
    pub author_id: Option<i32>,
    pub body: String,
    pub sent_on: Date,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
