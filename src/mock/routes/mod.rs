//! One file per API resource, HTTP only: parse, call the backend, answer.

pub mod apps;
pub mod settings;
