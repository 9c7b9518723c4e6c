//! Form posts. Signed-in screens go through `auth::guard::authorize_form`, change what they
//! must in one transaction, audit it, and redirect (post, redirect, get). The anonymous
//! survivor forms (`survivor`) instead answer with the page itself: see that module.
pub mod admin;
pub mod password;
pub mod people;
pub mod survivor;
