//! The console's screens. The shell (`app`) owns the worker and the state (`state`); each
//! screen is a file or folder named after what the user sees and returns `Action`s (`action`)
//! instead of sending requests.

pub mod action;
pub mod analytics;
pub mod app;
pub mod audience;
pub mod campaigns;
pub mod channels;
pub mod connection_dialog;
pub mod editor_bar;
pub mod endpoints_table;
pub mod error_view;
pub mod icon;
pub mod inapp_form;
pub mod journeys;
pub mod json_view;
pub mod kept;
pub mod kpi_view;
pub mod messaging;
pub mod segments;
pub mod settings_form;
pub mod state;
pub mod tag_editor;
pub mod tasks;
pub mod template_picker;
pub mod templates;
pub mod theme;
pub mod toasts;
pub mod version_diff;
pub mod widgets;

pub use app::{AppOptions, ConsoleApp};
