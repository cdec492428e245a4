//! The Audience section: look up, edit (every member) and delete an endpoint; look up a
//! user's endpoints and delete them all; send a test event and see per-event results; get,
//! put and delete the event stream.

mod attributes;
mod endpoint;
mod events;
mod upload;
mod user;

use std::collections::HashMap;

use egui::RichText;

use crate::api::EndpointRow;
use crate::api::{ApiError, ApiResponse};
use crate::drafts::FieldErrors;
use crate::drafts::endpoint::EndpointDraft;
use crate::drafts::upload::{RowProblem, Upload};
use crate::ui::action::Action;
pub use crate::ui::action::AudienceAction;
use crate::ui::tasks::Task;
use crate::ui::theme;

/// What a failed load names as unreachable (the section is not told the connection's URL;
/// the top bar shows it).
const TARGET: &str = "the service";

/// The parts of the section.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Tab {
    /// One endpoint.
    #[default]
    Endpoint,
    /// A user's endpoints.
    User,
    /// Test events and the event stream.
    Events,
    /// Every endpoint (mock connections).
    All,
    /// Batch upload from a file.
    Upload,
    /// Remove attribute names from every endpoint.
    Attributes,
}

/// What the request in flight asked for: its answer or failure is said on its tab.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Asked {
    /// An endpoint: look up, save, delete.
    Endpoint,
    /// A user's endpoints: look up, delete.
    User,
    /// A test event.
    Event,
    /// Loading the event stream.
    LoadStream,
    /// Saving the event stream.
    SaveStream,
    /// Deleting the event stream.
    DeleteStream,
    /// Loading every endpoint.
    LoadAll,
    /// Reading a file or sending a chunk of an upload.
    Upload,
    /// Removing attribute names.
    Attributes,
}

impl Asked {
    /// What an action asks for; `None` for what is not an Audience request (the file dialog).
    #[must_use]
    pub fn of(action: &Action) -> Option<Self> {
        let Action::Audience(request) = action else { return None };
        Some(match request {
            AudienceAction::GetEndpoint(_)
            | AudienceAction::SaveEndpoint(..)
            | AudienceAction::DeleteEndpoint(_) => Self::Endpoint,
            AudienceAction::GetUser(_) | AudienceAction::DeleteUser(_) => Self::User,
            AudienceAction::PutEvent(..) => Self::Event,
            AudienceAction::GetEventStream => Self::LoadStream,
            AudienceAction::PutEventStream(..) => Self::SaveStream,
            AudienceAction::DeleteEventStream => Self::DeleteStream,
            AudienceAction::ListAll => Self::LoadAll,
            AudienceAction::ReadFile(_) | AudienceAction::UploadChunk(..) => Self::Upload,
            AudienceAction::RemoveAttributes(..) => Self::Attributes,
            AudienceAction::PickFile => return None,
        })
    }

    /// The tab it belongs to.
    #[must_use]
    pub fn tab(self) -> Tab {
        match self {
            Self::Endpoint => Tab::Endpoint,
            Self::User => Tab::User,
            Self::Event | Self::LoadStream | Self::SaveStream | Self::DeleteStream => Tab::Events,
            Self::LoadAll => Tab::All,
            Self::Upload => Tab::Upload,
            Self::Attributes => Tab::Attributes,
        }
    }
}

/// What happened last on one tab.
#[derive(Debug, Clone, Default)]
pub struct Said {
    /// What happened.
    pub note: Option<String>,
    /// A failed call.
    pub error: Option<ApiError>,
}

/// State of the Audience section.
#[derive(Debug, Default)]
pub struct AudienceScreen {
    /// The tab shown.
    pub tab: Tab,
    /// The endpoint id to look up.
    pub lookup: String,
    /// The endpoint form.
    pub draft: Option<EndpointDraft>,
    /// Inline messages of the endpoint form.
    pub errors: FieldErrors,
    /// The endpoint form as the Endpoint tab's note describes it ("Saved and read back"):
    /// once the form differs, the note is no longer true and goes.
    pub noted: Option<EndpointDraft>,
    /// The user id to look up.
    pub user_lookup: String,
    /// The user's endpoints (id, channel, address).
    pub user_endpoints: Option<Vec<(String, String, String)>>,
    /// Delete confirmation open: "endpoint" or "user".
    pub confirm: Option<&'static str>,
    /// Event form: endpoint id, event type, `name=value` attributes, `name=number` metrics.
    pub event: [String; 4],
    /// Why the event form cannot be sent (until its fields are filled).
    pub event_error: Option<String>,
    /// Per-item results of the last PutEvents.
    pub event_results: Vec<(String, i32, String)>,
    /// Event stream form: destination ARN and role ARN.
    pub stream: [String; 2],
    /// The stream as the service reports it (`Some(None)`: none configured).
    pub stream_loaded: Option<Option<String>>,
    /// Why the event stream could not be loaded (shown with Retry).
    pub stream_error: Option<ApiError>,
    /// Upload: the file path.
    pub upload_path: String,
    /// Upload: why the file cannot be used (until the path changes or a file loads).
    pub upload_error: Option<String>,
    /// Upload: the loaded file.
    pub upload: Option<Upload>,
    /// Upload: rows that cannot be uploaded.
    pub upload_problems: Vec<RowProblem>,
    /// Upload: chunks still to send.
    pub upload_queue: std::collections::VecDeque<aws_sdk_pinpoint::types::EndpointBatchRequest>,
    /// Upload: chunks in the upload and chunks done.
    pub upload_progress: (usize, usize),
    /// Upload: endpoints stored.
    pub uploaded: usize,
    /// All endpoints, once loaded (mock connections).
    pub all: Option<Vec<EndpointRow>>,
    /// Why every endpoint could not be loaded (shown with Retry).
    pub all_error: Option<ApiError>,
    /// Filter of the all-endpoints table.
    pub all_filter: String,
    /// What happened last, per tab: each tab shows only its own.
    pub said: HashMap<Tab, Said>,
    /// What the request in flight asked for.
    pub asked: Option<Asked>,
    /// The Remove attributes tab.
    pub remove: attributes::RemoveForm,
}

impl AudienceScreen {
    /// The note a tab shows.
    #[must_use]
    pub fn note(&self, tab: Tab) -> Option<&str> {
        self.said.get(&tab)?.note.as_deref()
    }

    /// The failed call a tab shows.
    #[must_use]
    pub fn error(&self, tab: Tab) -> Option<&ApiError> {
        self.said.get(&tab)?.error.as_ref()
    }

    /// Says `note` on `tab` (its earlier error goes).
    fn say(&mut self, tab: Tab, note: impl Into<String>) {
        self.said.insert(tab, Said { note: Some(note.into()), error: None });
    }

    /// Notes which requests `actions` ask for, so their answers are said on their tab.
    pub fn track(&mut self, actions: &[Action]) {
        if let Some(asked) = actions.iter().rev().find_map(Asked::of) {
            self.asked = Some(asked);
        }
    }

    /// Applies a worker answer; returns follow-up actions (the next upload chunk).
    pub fn apply(&mut self, response: ApiResponse) -> Vec<Action> {
        // A chosen or read upload file answers its own task, not the tracked request.
        let file =
            matches!(response, ApiResponse::TextFile { .. } | ApiResponse::FilePicked { .. });
        let asked = if file { None } else { self.asked.take() };
        let follow = self.answer(response, asked);
        self.track(&follow);
        follow
    }

    fn answer(&mut self, response: ApiResponse, asked: Option<Asked>) -> Vec<Action> {
        match response {
            ApiResponse::Endpoint { saved, endpoint } => {
                let draft = EndpointDraft::from(endpoint.as_ref());
                self.noted = Some(draft.clone());
                self.draft = Some(draft);
                self.errors.clear();
                let note = if saved { "Saved and read back from the service." } else { "Loaded." };
                self.say(Tab::Endpoint, note);
            }
            ApiResponse::EndpointDeleted(id) => {
                self.draft = None;
                self.noted = None;
                self.say(Tab::Endpoint, format!("Deleted endpoint {id}."));
            }
            ApiResponse::UserEndpoints { user_id, endpoints, deleted } => {
                let rows = endpoints
                    .iter()
                    .map(|e| {
                        (
                            e.id().unwrap_or_default().to_owned(),
                            e.channel_type().map(|c| c.as_str().to_owned()).unwrap_or_default(),
                            e.address().unwrap_or_default().to_owned(),
                        )
                    })
                    .collect::<Vec<_>>();
                self.say(
                    Tab::User,
                    if deleted {
                        format!("Deleted the {} endpoints of {user_id}.", rows.len())
                    } else {
                        format!("{} endpoints of {user_id}.", rows.len())
                    },
                );
                self.user_endpoints = if deleted { None } else { Some(rows) };
            }
            ApiResponse::EventResults(rows) => {
                self.said.remove(&Tab::Events);
                self.event_results = rows;
            }
            ApiResponse::TextFile { path, text } => {
                let json = path.extension().is_some_and(|e| {
                    e.eq_ignore_ascii_case("json") || e.eq_ignore_ascii_case("jsonl")
                });
                match Upload::parse(&text, json) {
                    Ok(upload) => {
                        self.upload_error = None;
                        self.say(
                            Tab::Upload,
                            format!("{} rows in {}", upload.rows.len(), path.display()),
                        );
                        self.upload = Some(upload);
                        self.upload_problems.clear();
                        self.upload_progress = (0, 0);
                    }
                    Err(message) => self.upload_error = Some(message),
                }
            }
            ApiResponse::ChunkUploaded { items, .. } => {
                self.uploaded += items;
                self.upload_progress.1 += 1;
                if let Some(next) = self.upload_queue.pop_front() {
                    return vec![Action::Audience(AudienceAction::UploadChunk(
                        Box::new(next),
                        self.upload_progress.1,
                    ))];
                }
                let note = format!(
                    "Uploaded {} endpoints; {} rows had problems",
                    self.uploaded,
                    self.upload_problems.len()
                );
                self.say(Tab::Upload, note);
            }
            ApiResponse::FilePicked { path: Some(path), .. } => {
                self.upload_path = path.display().to_string();
                return vec![Action::Audience(AudienceAction::ReadFile(path))];
            }
            ApiResponse::AllEndpoints(rows) => {
                self.all_error = None;
                self.said.remove(&Tab::All);
                self.all = Some(rows);
            }
            ApiResponse::EventStream(stream) => {
                self.stream_error = None;
                self.stream_loaded = Some(
                    stream
                        .as_ref()
                        .map(|s| s.destination_stream_arn().unwrap_or_default().to_owned()),
                );
                if let Some(s) = stream {
                    self.stream = [
                        s.destination_stream_arn().unwrap_or_default().to_owned(),
                        s.role_arn().unwrap_or_default().to_owned(),
                    ];
                }
                match asked {
                    Some(Asked::SaveStream) => self.say(Tab::Events, "Saved the event stream."),
                    Some(Asked::DeleteStream) => {
                        self.say(Tab::Events, "Deleted the event stream.");
                    }
                    _ => {}
                }
            }
            ApiResponse::AttributesRemoved { attribute_type, names } => {
                self.remove.names.clear();
                let label = attributes::TYPES
                    .iter()
                    .find(|(kind, ..)| *kind == attribute_type)
                    .map_or(attribute_type.as_str(), |(_, label, _)| label);
                self.say(
                    Tab::Attributes,
                    format!(
                        "Removed {} from every endpoint that had them ({label}).",
                        names.join(", ")
                    ),
                );
                // The names seen change: read them again for the suggestions.
                return vec![Action::Segments(crate::ui::action::SegmentAction::Values)];
            }
            _ => {}
        }
        Vec::new()
    }

    /// The chosen upload file could not be read: said on the Upload tab, leaving the tracked
    /// request (an endpoint or list call still running) to its own tab.
    pub fn fail_upload_read(&mut self, error: ApiError) {
        self.said.insert(Tab::Upload, Said { note: None, error: Some(error) });
    }

    /// A failed call of this section, said on the tab that asked; a failed load is shown in
    /// place of what could not be loaded, with Retry.
    pub fn fail(&mut self, error: ApiError) {
        let asked = self.asked.take();
        match asked {
            Some(Asked::LoadStream) => self.stream_error = Some(error),
            Some(Asked::LoadAll) => self.all_error = Some(error),
            other => {
                if other == Some(Asked::Upload) {
                    // The chunks left are not sent; the button is free again.
                    self.upload_queue.clear();
                    self.upload_progress.0 = self.upload_progress.1;
                }
                let tab = other.map_or(self.tab, Asked::tab);
                self.said.insert(tab, Said { note: None, error: Some(error) });
            }
        }
    }
}

/// Draws the section.
pub fn show(
    ui: &mut egui::Ui,
    screen: &mut AudienceScreen,
    is_mock: bool,
    busy: &dyn Fn(Task) -> bool,
) -> Vec<Action> {
    let mut actions = Vec::new();
    ui.horizontal(|ui| {
        let tabs = [
            (Tab::Endpoint, "Endpoint"),
            (Tab::User, "User"),
            (Tab::Events, "Events"),
            (Tab::Upload, "Upload"),
            (Tab::All, "All endpoints"),
            (Tab::Attributes, "Remove attributes"),
        ];
        for (tab, label) in tabs {
            if tab == Tab::All && !is_mock {
                continue;
            }
            if ui.selectable_label(screen.tab == tab, label).clicked() {
                screen.tab = tab;
            }
        }
    });
    ui.add_space(6.0);
    match screen.tab {
        Tab::Endpoint => endpoint::endpoint(ui, screen, busy, &mut actions),
        Tab::User => user::user(ui, screen, busy, &mut actions),
        Tab::Events => events::events(ui, screen, busy, &mut actions),
        Tab::All => upload::all(ui, screen, busy, &mut actions),
        Tab::Upload => upload::upload(ui, screen, busy, &mut actions),
        Tab::Attributes => attributes::remove(ui, screen, is_mock, busy, &mut actions),
    }
    let said = screen.said.get(&screen.tab);
    if let Some(e) = said.and_then(|s| s.error.as_ref()) {
        crate::ui::error_view::api_error(ui, e);
    }
    if let Some(n) = said.and_then(|s| s.note.as_deref()) {
        ui.label(RichText::new(n).color(theme::OK));
    }
    if !busy(Task::Audience) {
        // A request asked while another runs is not sent: only one is tracked.
        screen.track(&actions);
    }
    actions
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::ErrorKind;

    #[test]
    fn a_read_upload_file_leaves_the_tracked_request_to_its_tab() {
        let mut screen =
            AudienceScreen { asked: Some(Asked::LoadAll), ..AudienceScreen::default() };
        let text = "Id,ChannelType,Address\nep-1,SMS,+12065550100\n".to_owned();
        let follow = screen.apply(ApiResponse::TextFile { path: "u.csv".into(), text });
        assert!(follow.is_empty());
        assert_eq!(screen.asked, Some(Asked::LoadAll), "the list call is still the one tracked");
        screen.fail_upload_read(ApiError::local(ErrorKind::File, "Cannot read u.csv"));
        assert!(screen.error(Tab::Upload).is_some());
        assert!(screen.error(Tab::All).is_none());
        assert_eq!(screen.asked, Some(Asked::LoadAll));
    }
}
