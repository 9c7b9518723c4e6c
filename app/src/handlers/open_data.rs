//! Open data over HTTP: the published tracker as JSON (`/api/v1/…`, keyset pages) and as CSV
//! (UTF-8 with a byte order mark, so spreadsheet programs show Khmer). The reads and the
//! field names are in `store::open_data`; here are the query strings, the error codes and
//! the CSV's cells.
use std::collections::HashMap;

use axum::{
    Json,
    extract::{Path, Query, State},
    http::{HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
};
use serde::Serialize;

use super::Answered;
use crate::{
    domain::{lang::Lang, spreadsheet::safe_cell},
    i18n::t,
    ssr::{
        state::AppState,
        store::{
            open_data,
            open_data_csv::{CSV_COLUMNS, tracker_rows},
        },
    },
    views::tracker::TrackerFilter,
};

/// Items per page unless `limit` asks for fewer or more (at most `MAX_LIMIT`).
pub const DEFAULT_LIMIT: u64 = 50;
pub const MAX_LIMIT: u64 = 200;

/// Why an API request was refused or failed. It answers `{"error": "<code>"}` with the
/// matching status; the codes are part of the public promise, like the field names, and are
/// read by programs, so they are not translated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ApiError {
    BadAfter,
    BadLimit,
    BadFilter,
    NotFound,
    Internal,
}

impl ApiError {
    fn code(self) -> &'static str {
        match self {
            ApiError::BadAfter => "bad_after",
            ApiError::BadLimit => "bad_limit",
            ApiError::BadFilter => "bad_filter",
            ApiError::NotFound => "not_found",
            ApiError::Internal => "internal",
        }
    }

    fn status(self) -> StatusCode {
        match self {
            ApiError::BadAfter | ApiError::BadLimit | ApiError::BadFilter => {
                StatusCode::BAD_REQUEST
            }
            ApiError::NotFound => StatusCode::NOT_FOUND,
            ApiError::Internal => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        #[derive(Serialize)]
        struct Body {
            error: &'static str,
        }
        (self.status(), Json(Body { error: self.code() })).into_response()
    }
}

fn internal(e: impl std::fmt::Display) -> Response {
    tracing::error!(error = %e, "open data query failed");
    ApiError::Internal.into_response()
}

/// A page of data as JSON, or the failure logged and answered with its code.
fn json<T: Serialize, E: std::fmt::Display>(result: Result<T, E>) -> Response {
    match result {
        Ok(page) => Json(page).into_response(),
        Err(e) => internal(e),
    }
}

/// `after` and `limit`, checked.
fn paging(q: &HashMap<String, String>) -> Result<(Option<i32>, u64), ApiError> {
    let after = match q.get("after").map(|s| s.trim()).filter(|s| !s.is_empty()) {
        None => None,
        Some(raw) => Some(raw.parse::<i32>().map_err(|_| ApiError::BadAfter)?),
    };
    let limit = match q.get("limit").map(|s| s.trim()).filter(|s| !s.is_empty()) {
        None => DEFAULT_LIMIT,
        Some(raw) => raw
            .parse::<u64>()
            .ok()
            .filter(|n| (1..=MAX_LIMIT).contains(n))
            .ok_or(ApiError::BadLimit)?,
    };
    Ok((after, limit))
}

/// The tracker's filters from the query (the cursor is `after`, read by `paging`); the
/// second value says whether any was not understood.
fn filter_of(q: &HashMap<String, String>) -> (TrackerFilter, bool) {
    TrackerFilter::from_query(|k| {
        if k == "after" {
            None
        } else {
            q.get(k).cloned()
        }
    })
}

/// `GET /api/v1/recommendations`: the tracker's filters, oldest first, `after` an id.
pub async fn recommendations(
    State(state): State<AppState>,
    Query(q): Query<HashMap<String, String>>,
) -> Answered {
    let (after, limit) = paging(&q).map_err(IntoResponse::into_response)?;
    let (filter, bad) = filter_of(&q);
    if bad {
        return Err(ApiError::BadFilter.into_response());
    }
    Ok(json(
        open_data::recommendations(&state, &filter, after, limit).await,
    ))
}

/// `GET /api/v1/recommendations/{id}`: one published recommendation with every response
/// and progress update (its merged duplicates' too), oldest first.
pub async fn recommendation(State(state): State<AppState>, Path(id): Path<String>) -> Response {
    let Ok(id) = id.parse::<i32>() else {
        return ApiError::NotFound.into_response();
    };
    match open_data::recommendation(&state, id).await {
        Ok(Some(full)) => Json(full).into_response(),
        Ok(None) => ApiError::NotFound.into_response(),
        Err(e) => internal(e),
    }
}

/// `GET /api/v1/organisations`: every organisation, by id.
pub async fn organisations(
    State(state): State<AppState>,
    Query(q): Query<HashMap<String, String>>,
) -> Answered {
    let (after, limit) = paging(&q).map_err(IntoResponse::into_response)?;
    Ok(json(
        open_data::organisations(&state.db, after, limit).await,
    ))
}

/// `GET /api/v1/forums`: every forum with how many published recommendations it gave.
pub async fn forums(
    State(state): State<AppState>,
    Query(q): Query<HashMap<String, String>>,
) -> Answered {
    let (after, limit) = paging(&q).map_err(IntoResponse::into_response)?;
    Ok(json(open_data::forums(&state.db, after, limit).await))
}

/// `GET /{lang}/recommendations.csv`: the tracker as filtered, every page at once. Every
/// cell, header included, as a spreadsheet may safely open it.
pub async fn tracker_csv(
    State(state): State<AppState>,
    Path(lang): Path<String>,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    let lang = Lang::parse(&lang).unwrap_or_default();
    let (filter, bad) = filter_of(&q);
    // A file that silently left a filter out would be taken for the filtered one.
    if bad {
        return (StatusCode::BAD_REQUEST, t(lang, "tracker-csv-filter-bad")).into_response();
    }
    let written = match tracker_rows(&state, &filter).await {
        Ok(rows) => {
            let mut out = csv::Writer::from_writer(Vec::from("\u{feff}".as_bytes()));
            let header = CSV_COLUMNS.iter().map(|c| c.to_string());
            std::iter::once(header.collect::<Vec<_>>())
                .chain(rows)
                .try_for_each(|row| out.write_record(row.into_iter().map(safe_cell)))
                .map_err(|e| e.to_string())
                .and_then(|()| out.into_inner().map_err(|e| e.to_string()))
        }
        Err(e) => Err(e.to_string()),
    };
    match written {
        Ok(bytes) => {
            let mut response = bytes.into_response();
            let headers = response.headers_mut();
            headers.insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/csv; charset=utf-8"),
            );
            headers.insert(
                header::CONTENT_DISPOSITION,
                HeaderValue::from_static("attachment; filename=\"samleng-recommendations.csv\""),
            );
            response
        }
        Err(e) => {
            tracing::error!(error = %e, "CSV download failed");
            (StatusCode::INTERNAL_SERVER_ERROR, t(lang, "error-internal")).into_response()
        }
    }
}
