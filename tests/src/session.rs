//! Signed-in test clients for each role.
use app::{
    domain::role::Role,
    ssr::{auth::totp, entities::user},
};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use crate::{TestApp, browser_like, fixtures};

pub struct Signed {
    pub http: reqwest::Client,
    pub csrf: String,
    pub email: String,
    pub user_id: i32,
}

/// A new account of `role`, signed in. Admins get two-step sign-in set up first, as required.
pub async fn sign_in_as(app: &TestApp, role: Role, organisation_id: Option<i32>) -> Signed {
    let db = app.db().await;
    let (email, secret) = if role == Role::Admin {
        let (email, secret) = fixtures::account_with_totp(&db, role.code(), role, None).await;
        (email, Some(secret))
    } else {
        (
            fixtures::account(&db, role.code(), role, organisation_id).await,
            None,
        )
    };
    let Ok(Some(found)) = user::Entity::find()
        .filter(user::Column::Email.eq(&email))
        .one(&db)
        .await
    else {
        panic!("account {email} missing")
    };
    let user_id = found.id;
    let http = browser_like(app);
    let form = [("email", email.as_str()), ("password", fixtures::PASSWORD)];
    if let Err(e) = http.post(app.url("/en/login")).form(&form).send().await {
        panic!("sign-in: {e}");
    }
    if let Some(secret) = secret {
        let code = totp::code_at(&secret, chrono::Utc::now().timestamp()).unwrap_or_default();
        if let Err(e) = http
            .post(app.url("/en/login/code"))
            .form(&[("code", code.as_str())])
            .send()
            .await
        {
            panic!("code: {e}");
        }
    }
    let page = match http.get(app.url("/en/account")).send().await {
        Ok(r) => r.text().await.unwrap_or_default(),
        Err(e) => panic!("account page: {e}"),
    };
    let csrf = page
        .split("name=\"csrf\" value=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap_or_default()
        .to_string();
    assert_eq!(csrf.len(), 32, "{role:?} did not get signed in");
    Signed {
        http,
        csrf,
        email,
        user_id,
    }
}

impl Signed {
    /// Posts a form with this session's token, as the page's form would.
    pub async fn post(
        &self,
        app: &TestApp,
        path: &str,
        fields: &[(&str, &str)],
    ) -> reqwest::Response {
        let mut form: Vec<(&str, &str)> = vec![("csrf", self.csrf.as_str())];
        form.extend_from_slice(fields);
        match self.http.post(app.url(path)).form(&form).send().await {
            Ok(r) => r,
            Err(e) => panic!("POST {path}: {e}"),
        }
    }

    /// A page as this person sees it: status and body.
    pub async fn get(&self, app: &TestApp, path: &str) -> (reqwest::StatusCode, String) {
        match self.http.get(app.url(path)).send().await {
            Ok(r) => (r.status(), r.text().await.unwrap_or_default()),
            Err(e) => panic!("GET {path}: {e}"),
        }
    }
}
