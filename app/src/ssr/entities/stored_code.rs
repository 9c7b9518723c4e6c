//! Domain enums stored as their short codes (`"published"`, `"facilitator"` …): entities hold
//! the enum itself, so the rest of the server never parses a column. A code that is not one of
//! the enum's is an error of the query that read it (logged where it is answered), never
//! quietly a default. `domain` stays free of sea-orm: the impls live here.
macro_rules! stored_as_code {
    ($($ty:path),+ $(,)?) => {$(
        impl From<$ty> for sea_orm::Value {
            fn from(value: $ty) -> Self {
                value.code().into()
            }
        }

        impl sea_orm::TryGetable for $ty {
            fn try_get_by<I: sea_orm::ColIdx>(
                res: &sea_orm::QueryResult,
                index: I,
            ) -> Result<Self, sea_orm::TryGetError> {
                let code = String::try_get_by(res, index)?;
                <$ty>::parse(&code).ok_or_else(|| {
                    sea_orm::TryGetError::DbErr(sea_orm::DbErr::Type(format!(
                        "stored {} {code:?} is not a known code",
                        stringify!($ty)
                    )))
                })
            }
        }

        impl sea_orm::sea_query::ValueType for $ty {
            fn try_from(v: sea_orm::Value) -> Result<Self, sea_orm::sea_query::ValueTypeErr> {
                let code = <String as sea_orm::sea_query::ValueType>::try_from(v)?;
                <$ty>::parse(&code).ok_or(sea_orm::sea_query::ValueTypeErr)
            }

            fn type_name() -> String {
                stringify!($ty).to_owned()
            }

            fn array_type() -> sea_orm::sea_query::ArrayType {
                sea_orm::sea_query::ArrayType::String
            }

            fn column_type() -> sea_orm::sea_query::ColumnType {
                sea_orm::sea_query::ColumnType::String(sea_orm::sea_query::StringLen::None)
            }
        }

        impl sea_orm::sea_query::Nullable for $ty {
            fn null() -> sea_orm::Value {
                sea_orm::Value::String(None)
            }
        }

        impl sea_orm::IntoActiveValue<$ty> for $ty {
            fn into_active_value(self) -> sea_orm::ActiveValue<$ty> {
                sea_orm::ActiveValue::Set(self)
            }
        }
    )+};
}

stored_as_code!(
    crate::domain::curation::Source,
    crate::domain::curation::TranslationState,
    crate::domain::digest::DigestEvery,
    crate::domain::feedback::ModerationState,
    crate::domain::forum::ForumKind,
    crate::domain::link::LinkPurpose,
    crate::domain::org::OrgKind,
    crate::domain::role::Role,
    crate::domain::status::Position,
    crate::domain::status::Stage,
    crate::domain::status::Status,
    crate::domain::theme::Theme,
);
