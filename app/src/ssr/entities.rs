//! Table definitions, one file per table. Behaviour lives in `queries`, not here.
pub mod audit_event;
pub mod feedback;
pub mod forum;
pub mod invite;
pub mod message;
pub mod organisation;
pub mod password_reset;
pub mod progress_update;
pub mod proposal;
pub mod recommendation;
pub mod recommendation_body;
pub mod response;
pub mod session;
pub mod setting;
pub mod thread;
pub mod user;
