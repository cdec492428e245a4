//! The console's screens. The shell (`app`) owns state and the worker; each screen is a file
//! named after what the user sees and returns `Action`s instead of sending requests.

pub mod app;
pub mod audience;
pub mod campaigns;
pub mod channels;
pub mod connection_dialog;
pub mod endpoints_table;
pub mod kept;
pub mod messaging;
pub mod project_view;
pub mod projects;
pub mod segments;
pub mod settings_form;
pub mod tasks;
pub mod theme;
pub mod toasts;
pub mod top_bar;
pub mod version_diff;
pub mod widgets;

pub use app::{AppOptions, ConsoleApp};
