//! Voice prompts: a recording uploaded for one text in one language (type checked by its
//! content, size-limited), removed, and served under the hash of its content.
use axum::{
    Form,
    body::Body,
    extract::{Multipart, Path, State, rejection::FormRejection},
    http::{HeaderValue, StatusCode, header},
    response::{IntoResponse, Redirect, Response},
};
use tower_sessions::Session;

use super::{Answered, Pairs, refuse};
use crate::{
    domain::{
        lang::Lang,
        prompts::{AudioKind, MAX_BYTES, is_prompted},
        role::Action,
    },
    refusal::Refusal,
    ssr::{
        audit::{self, Event},
        auth::guard::{authorize_form, open_form},
        db::begin_write,
        state::AppState,
        store::prompts,
    },
};

fn page(lang: Lang) -> String {
    format!("/{}/prompts", lang.code())
}

fn refused(lang: Lang, why: Refusal) -> Response {
    refuse(&page(lang), why)
}

fn done(lang: Lang, key: &str) -> Response {
    Redirect::to(&format!("{}?saved=1#{key}", page(lang))).into_response()
}

/// What an upload form sent.
#[derive(Default)]
struct Upload {
    csrf: String,
    key: String,
    prompt_lang: String,
    file: Option<Vec<u8>>,
    too_big: bool,
}

async fn read_upload(mut multipart: Multipart) -> Upload {
    let mut upload = Upload::default();
    while let Ok(Some(field)) = multipart.next_field().await {
        let name = field.name().unwrap_or_default().to_string();
        // Past the request's size limit the body cannot be read at all.
        let Ok(bytes) = field.bytes().await else {
            upload.too_big = true;
            break;
        };
        let text = || String::from_utf8_lossy(&bytes).into_owned();
        match name.as_str() {
            "csrf" => upload.csrf = text(),
            "key" => upload.key = text(),
            "prompt_lang" => upload.prompt_lang = text(),
            "file" if bytes.len() > MAX_BYTES => upload.too_big = true,
            "file" => upload.file = Some(bytes.to_vec()),
            _ => {}
        }
    }
    upload
}

/// Attaches (or replaces) the recording of one text in one language.
pub async fn upload(
    State(state): State<AppState>,
    Path(lang): Path<String>,
    session: Session,
    multipart: Multipart,
) -> Response {
    let lang = Lang::parse(&lang).unwrap_or_default();
    let upload = read_upload(multipart).await;
    let signed_in =
        match authorize_form(&session, &state, lang, &upload.csrf, Action::RecordPrompts).await {
            Ok(signed_in) => signed_in,
            Err(response) => return response,
        };
    if upload.too_big {
        return refused(lang, Refusal::PromptTooBig);
    }
    let (Some(prompt_lang), true) = (Lang::parse(&upload.prompt_lang), is_prompted(&upload.key))
    else {
        return refused(lang, Refusal::UnknownChoice);
    };
    let Some(bytes) = upload.file.filter(|b| !b.is_empty()) else {
        return refused(lang, Refusal::NoFile);
    };
    // By what the bytes are, whatever the file is called.
    let Some(kind) = infer::get(&bytes).and_then(|t| AudioKind::from_detected(t.mime_type()))
    else {
        return refused(lang, Refusal::PromptNotAudio);
    };
    let saved = async {
        let txn = begin_write(&state.db).await?;
        prompts::save(&txn, &upload.key, prompt_lang, kind, bytes).await?;
        let event = Event {
            actor_id: Some(signed_in.actor.user_id),
            action: "prompt_recorded",
            object_type: "prompt",
            object_id: format!("{}/{}", upload.key, prompt_lang.code()),
        };
        audit::record(&txn, &state.clock, event).await?;
        txn.commit().await
    };
    match saved.await {
        Ok(()) => done(lang, &upload.key),
        Err(e) => {
            tracing::error!(error = %e, "a recording was not saved");
            refused(lang, Refusal::Internal)
        }
    }
}

/// Removes the recording of one text in one language.
pub async fn remove(
    State(state): State<AppState>,
    Path(lang): Path<String>,
    session: Session,
    form: Result<Form<Pairs>, FormRejection>,
) -> Answered {
    let (lang, form, signed_in) =
        open_form(&state, &session, &lang, form, Action::RecordPrompts).await?;
    let key = form.one("key").to_string();
    let (Some(prompt_lang), true) = (Lang::parse(form.one("prompt_lang")), is_prompted(&key))
    else {
        return Err(refused(lang, Refusal::UnknownChoice));
    };
    let removed = async {
        let txn = begin_write(&state.db).await?;
        prompts::remove(&txn, &key, prompt_lang).await?;
        let event = Event {
            actor_id: Some(signed_in.actor.user_id),
            action: "prompt_removed",
            object_type: "prompt",
            object_id: format!("{key}/{}", prompt_lang.code()),
        };
        audit::record(&txn, &state.clock, event).await?;
        txn.commit().await
    };
    match removed.await {
        Ok(()) => Ok(done(lang, &key)),
        Err(_) => Err(refused(lang, Refusal::Internal)),
    }
}

/// A recording, by the hash of its content: it never changes, so it is kept a year.
pub async fn serve(State(state): State<AppState>, Path(hash): Path<String>) -> Response {
    let well_formed = hash.len() == 64 && hash.bytes().all(|b| b.is_ascii_hexdigit());
    let found = if well_formed {
        prompts::by_hash(&state.db, &hash).await.ok().flatten()
    } else {
        None
    };
    let Some((kind, bytes)) = found else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let mut response = Response::new(Body::from(bytes));
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(kind.mime()));
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=31536000, immutable"),
    );
    response
}
