//! The blank survivor forms (feedback, a proposal, the receipt look-up), kept per language.
//! They are the same for every visitor until she types, but for the feedback and proposal
//! forms' one-time token: the form is kept cut at its token, compressed once, and each visitor
//! gets it joined around a new token (`encoded::Spliced`), so no form is rendered or
//! compressed per visit. Kept until a write could change it (the organisations it lists, the
//! voice prompts, the settings: all curation), and at most `KEEP_AT_MOST` (and one render:
//! while one request renders an old form again, the others get the old one).
//!
//! Only a plain GET without parameters and without a session is served from here; a form with
//! a venue link or a prefilled service, and every refused form (a POST), is rendered for her.
//! Nothing about the visitor is read or kept: the key is the address.
use std::{
    collections::HashMap,
    sync::{
        Arc, RwLock,
        atomic::{AtomicBool, Ordering},
    },
    time::Instant,
};

use app::{
    domain::{lang::Lang, submission::ONCE_FIELD},
    ssr::{
        tokens::random_token,
        writes::{KEEP_AT_MOST, Seen, WriteCount},
    },
};
use axum::{
    body::{Body, Bytes},
    extract::{Request, State},
    http::{HeaderMap, Method, StatusCode},
    middleware::Next,
    response::{IntoResponse, Response},
};

use crate::{
    encoded::{Encoded, Spliced},
    session_cookie::signed_in,
};

/// The forms kept: their last part of the address.
const FORMS: &[&str] = &["feedback", "propose", "receipt"];
/// No blank form is larger than this.
const LARGEST_FORM: usize = 512 * 1024;

#[derive(Clone)]
pub struct KeptForms {
    kept: Arc<RwLock<HashMap<String, Arc<Form>>>>,
    writes: Arc<WriteCount>,
}

struct Form {
    seen: Seen,
    rendered_at: Instant,
    /// Set once one request renders it again for being old; the others get it meanwhile.
    rendering_again: AtomicBool,
    status: StatusCode,
    headers: HeaderMap,
    body: FormBody,
}

enum FormBody {
    /// A form with a one-time token, cut where the token goes.
    WithToken(Spliced),
    /// A form without one (the receipt look-up).
    Whole(Encoded),
}

impl Form {
    fn response(&self, request: &HeaderMap) -> Response {
        let (coding, body) = match &self.body {
            FormBody::WithToken(spliced) => spliced.for_request(request, &random_token()),
            FormBody::Whole(encoded) => encoded.for_request(request),
        };
        let mut headers = self.headers.clone();
        coding.mark(&mut headers);
        let mut response = Response::new(Body::from(body));
        *response.status_mut() = self.status;
        *response.headers_mut() = headers;
        response
    }
}

impl KeptForms {
    pub fn new(writes: Arc<WriteCount>) -> Self {
        Self {
            kept: Arc::default(),
            writes,
        }
    }

    pub async fn serve(State(forms): State<Self>, request: Request, next: Next) -> Response {
        let path = request.uri().path().to_owned();
        if !is_blank_form(&request) {
            return next.run(request).await;
        }
        let seen = forms.writes.seen();
        let kept = forms.kept.read().ok().and_then(|k| k.get(&path).cloned());
        // Merely old (no write since): one request renders it again and the others get it
        // meanwhile, so no moment comes when every request renders at once.
        let mut old = None;
        if let Some(form) = kept
            && form.seen.covers_curation(seen)
        {
            if form.rendered_at.elapsed() < KEEP_AT_MOST
                || form.rendering_again.swap(true, Ordering::AcqRel)
            {
                return form.response(request.headers());
            }
            old = Some(form);
        }
        // Should this render fail, the next request tries again.
        let failed = || {
            if let Some(form) = &old {
                form.rendering_again.store(false, Ordering::Release);
            }
        };
        let began = forms.writes.seen();
        let rendered_at = Instant::now();
        let response = next.run(request).await;
        if response.status() != StatusCode::OK {
            failed();
            return response;
        }
        let (parts, body) = response.into_parts();
        let Ok(body) = axum::body::to_bytes(body, LARGEST_FORM).await else {
            failed();
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        };
        if let Some(form_body) = cut_at_token(&body) {
            let form = Form {
                seen: began,
                rendered_at,
                rendering_again: AtomicBool::new(false),
                status: parts.status,
                headers: parts.headers.clone(),
                body: form_body,
            };
            if let Ok(mut kept) = forms.kept.write() {
                kept.insert(path, Arc::new(form));
            }
        } else {
            failed();
        }
        // This visitor gets the form as rendered, with its own token.
        Response::from_parts(parts, Body::from(body))
    }
}

/// A GET of a blank survivor form, as anyone would ask for it.
fn is_blank_form(request: &Request) -> bool {
    let uri = request.uri();
    let mut parts = uri.path().trim_start_matches('/').split('/');
    let (Some(lang), Some(form), None) = (parts.next(), parts.next(), parts.next()) else {
        return false;
    };
    request.method() == Method::GET
        && uri.query().is_none_or(str::is_empty)
        && Lang::parse(lang).is_some()
        && FORMS.contains(&form)
        && !signed_in(request.headers())
}

/// The form cut at its one-time token (compressed once); whole when it has none. None when
/// the page is not what a kept form can be (not text, or its token appears more than once).
fn cut_at_token(body: &Bytes) -> Option<FormBody> {
    let html = std::str::from_utf8(body).ok()?;
    let marker = format!("name=\"{ONCE_FIELD}\" value=\"");
    let Some(at) = html.find(&marker) else {
        return Some(FormBody::Whole(Encoded::new(body.clone())));
    };
    let start = at + marker.len();
    let end = start + html[start..].find('"')?;
    let token = &html[start..end];
    if token.is_empty() || html.matches(token).count() != 1 || html[end..].contains(&marker) {
        return None;
    }
    Some(FormBody::WithToken(Spliced::new(
        html[..start].to_owned(),
        html[end..].to_owned(),
    )))
}
