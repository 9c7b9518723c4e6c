//! The HTTP and database tests, in one binary: every test binary links the whole app, so
//! one binary instead of twenty saves gigabytes of disk and minutes of linking. The slow or
//! memory-measuring tests (browser, crash, scale, soak) keep their own binaries.
mod accounts;
mod admin;
mod answer_approval;
mod backup;
mod bad_input;
mod boundaries;
mod curation;
mod digests;
mod feeds;
mod forum_day;
mod forum_drafts;
mod forum_kinds;
mod hardening;
mod headers;
mod http;
mod import_export;
mod mailed_links;
mod moderation;
mod navigation;
mod one_time_links;
mod open_data;
mod outcome_document;
mod people;
mod presentation;
mod public_pages;
mod publication;
mod receipt_hashing;
mod report_cards;
mod responses;
mod search;
mod search_ranking;
mod servers;
mod survivor;
mod two_step;
mod typed_storage;
