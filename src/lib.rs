//! Pinpoint Console: a desktop console for Amazon Pinpoint projects (`ui`, `api`, `drafts`)
//! with a Pinpoint-compatible mock server built in (`mock`).

pub mod api;
pub mod cli;
pub mod drafts;
pub mod mock;
pub mod rules;
pub mod ui;
