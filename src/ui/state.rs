//! The shell's state, apart from the screens' own: the connection as the top bar shows it,
//! the project list, and the selected project's screen with its sections.

use std::collections::HashMap;

use aws_sdk_pinpoint::types::ApplicationSettingsResource;

use super::action::Section;
use super::analytics::AnalyticsScreen;
use super::audience::AudienceScreen;
use super::campaigns::CampaignsScreen;
use super::channels::ChannelsScreen;
use super::messaging::MessagingScreen;
use super::segments::SegmentsScreen;
use super::widgets::Light;
use crate::api::{ApiError, AppSummary, ConnectionInfo, ConnectionSpec};
use crate::drafts::FieldErrors;
use crate::drafts::settings::SettingsDraft;

/// The active connection as the top bar shows it.
#[derive(Debug, Clone)]
pub struct ConnectionState {
    /// What was asked for.
    pub spec: ConnectionSpec,
    /// What answered, once connected.
    pub info: Option<ConnectionInfo>,
    /// Health.
    pub light: Light,
    /// Why it is offline.
    pub problem: Option<ApiError>,
}

/// The project list and its forms.
#[derive(Debug, Default)]
pub struct ProjectsState {
    /// All projects, in the service's order.
    pub apps: Vec<AppSummary>,
    /// True once a list arrived on this connection.
    pub loaded: bool,
    /// The filter text.
    pub filter: String,
    /// The selected project's id.
    pub selected: Option<String>,
    /// Why the list could not be loaded (shown in the main pane with Retry).
    pub load_error: Option<ApiError>,
    /// True while the list is folded away (the top bar's "Projects" toggle), leaving the
    /// whole width to the project on a narrow window.
    pub folded: bool,
    /// The "new project" form, when open.
    pub new_project: Option<NewProjectForm>,
}

/// The "new project" form.
#[derive(Debug, Default, Clone)]
pub struct NewProjectForm {
    /// The name as typed.
    pub name: String,
    /// Why the last attempt failed (cleared when the name changes).
    pub error: Option<String>,
    /// True once the name field was given keyboard focus (on the form's first frame).
    pub focused: bool,
}

/// The selected project's screen.
#[derive(Debug, Default)]
pub struct ProjectScreen {
    /// The settings as the service last reported them.
    pub loaded: Option<ApplicationSettingsResource>,
    /// The form.
    pub draft: SettingsDraft,
    /// Inline messages per field.
    pub errors: FieldErrors,
    /// The service's answer to the last save, when it failed.
    pub save_error: Option<ApiError>,
    /// Why loading failed.
    pub load_error: Option<ApiError>,
    /// Shown after a successful save.
    pub saved_note: Option<String>,
    /// The project awaiting delete confirmation.
    pub confirm_delete: Option<AppSummary>,
    /// Unsaved edits of projects the user switched away from, by project id.
    pub unsaved: HashMap<String, SettingsDraft>,
    /// The section shown.
    pub section: Section,
    /// The Channels section.
    pub channels: ChannelsScreen,
    /// The Messaging section.
    pub messaging: MessagingScreen,
    /// The Audience section.
    pub audience: AudienceScreen,
    /// The Campaigns section.
    pub campaigns: CampaignsScreen,
    /// The Segments section.
    pub segments: SegmentsScreen,
    /// The project's tags (Settings).
    pub tags: crate::drafts::tags::TagsDraft,
    /// Why the tags could not be read or saved.
    pub tags_error: Option<ApiError>,
    /// The Analytics section.
    pub analytics: AnalyticsScreen,
    /// The Journeys section.
    pub journeys: super::journeys::JourneysScreen,
}

impl ProjectScreen {
    /// True when the form differs from what the service stored.
    #[must_use]
    pub fn is_dirty(&self) -> bool {
        self.loaded.as_ref().is_some_and(|l| SettingsDraft::from(l) != self.draft)
    }
}
