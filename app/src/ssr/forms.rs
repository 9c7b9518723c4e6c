//! Form posts of signed-in screens: each goes through `auth::guard::authorize_form`, changes
//! what it must in one transaction, audits it, and redirects (post, redirect, get).
pub mod admin;
pub mod password;
pub mod people;
