//! Every integration test, in one test binary.
//!
//! Each file under `tests/` is a module of this one crate rather than a test target of its own:
//! one link of the library, its dependencies and the tests instead of forty-six. Each of those
//! binaries took about 160 MB, and together they filled a CI machine's disk. Shared helpers are
//! the modules `common`, `journey_world` and `sdk_journey_world`.
//!
//! Run one file's tests with its module path: `cargo test --test suite layout::`.

mod common;
mod journey_world;
mod sdk_journey_world;

mod analytics_flow;
mod app_flow;
mod audience_flow;
mod aws_keyring_keys;
mod campaign_editor;
mod campaign_launch;
mod campaigns_flow;
mod channel_edits;
mod channels_flow;
mod demo_data;
mod demo_kept;
mod endpoint_rows;
mod engagement_api;
mod engine;
mod engine_steps;
mod error_display;
mod inapp_flow;
mod journey_builder;
mod journey_engine;
mod journey_kept;
mod journey_reconnect;
mod journey_schedules;
mod keyring_secret_service;
mod layout;
mod load_failures;
mod messaging_flow;
mod mock_routes;
mod operation_coverage;
mod router_fuzz;
mod sdk_apps;
mod sdk_channels_voice;
mod sdk_faults;
mod sdk_inapp;
mod sdk_journey_metrics;
mod sdk_journeys;
mod sdk_kpi;
mod sdk_operations;
mod sdk_otp;
mod sdk_recommenders;
mod sdk_signing;
mod sdk_tags;
mod sdk_templates;
mod segment_editor;
mod segments_flow;
mod store_durable;
mod store_postgres;
mod templates_flow;
mod text_overflow;
mod unresponsive_server;
