//! A response read whole: its status, where it redirects, its body. For tests that follow
//! forms step by step with a client that keeps cookies.
use reqwest::{Client, StatusCode};

use crate::TestApp;

pub struct Reply {
    pub status: StatusCode,
    pub location: String,
    pub body: String,
}

pub async fn send(request: reqwest::RequestBuilder) -> Reply {
    match request.send().await {
        Ok(r) => Reply {
            status: r.status(),
            location: r
                .headers()
                .get("location")
                .and_then(|v| v.to_str().ok())
                .unwrap_or_default()
                .to_string(),
            body: r.text().await.unwrap_or_default(),
        },
        Err(e) => panic!("request failed: {e}"),
    }
}

pub async fn get(http: &Client, app: &TestApp, path: &str) -> Reply {
    send(http.get(app.url(path))).await
}

pub async fn post(http: &Client, app: &TestApp, path: &str, form: &[(&str, &str)]) -> Reply {
    send(http.post(app.url(path)).form(form)).await
}
