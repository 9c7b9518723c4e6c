use sea_orm::entity::prelude::*;

/// One message in a receipt thread.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "messages")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub thread_id: Uuid,
    /// 1, 2, 3 … within the thread: the order of the conversation, and nothing more.
    pub seq: i32,
    pub author_kind: String,
    pub author_id: Option<i32>,
    pub body: String,
    pub sent_on: Date,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
