//! One file per API resource, HTTP only: parse, call the backend, answer.

pub mod apps;
pub mod attributes;
pub mod campaigns;
pub mod channels;
pub mod endpoints;
pub mod events;
pub mod extensions;
pub mod faults;
pub mod inapp;
pub mod jobs;
pub mod journeys;
pub mod kpis;
pub mod messages;
pub mod otp;
pub mod recommenders;
pub mod segments;
pub mod settings;
pub mod tags;
pub mod templates;
