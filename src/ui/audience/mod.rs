//! The Audience section: look up, edit (every member) and delete an endpoint; look up a
//! user's endpoints and delete them all; send a test event and see per-event results; get,
//! put and delete the event stream.

mod endpoint;
mod events;
mod upload;
mod user;

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
use crate::ui::widgets::error_label;

/// The parts of the section.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
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
    /// Inline messages.
    pub errors: FieldErrors,
    /// The user id to look up.
    pub user_lookup: String,
    /// The user's endpoints (id, channel, address).
    pub user_endpoints: Option<Vec<(String, String, String)>>,
    /// Delete confirmation open: "endpoint" or "user".
    pub confirm: Option<&'static str>,
    /// Event form: endpoint id, event type, `name=value` attributes, `name=number` metrics.
    pub event: [String; 4],
    /// Per-item results of the last PutEvents.
    pub event_results: Vec<(String, i32, String)>,
    /// Event stream form: destination ARN and role ARN.
    pub stream: [String; 2],
    /// The stream as the service reports it (`Some(None)`: none configured).
    pub stream_loaded: Option<Option<String>>,
    /// Upload: the file path.
    pub upload_path: String,
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
    /// Filter of the all-endpoints table.
    pub all_filter: String,
    /// What happened last.
    pub note: Option<String>,
    /// A failed call.
    pub error: Option<ApiError>,
}

impl AudienceScreen {
    /// Applies a worker answer; returns follow-up actions (the next upload chunk).
    pub fn apply(&mut self, response: ApiResponse) -> Vec<Action> {
        self.error = None;
        match response {
            ApiResponse::Endpoint { saved, endpoint } => {
                self.draft = Some(EndpointDraft::from(endpoint.as_ref()));
                self.errors.clear();
                self.note = Some(if saved {
                    "Saved and read back from the service.".into()
                } else {
                    "Loaded.".into()
                });
            }
            ApiResponse::EndpointDeleted(id) => {
                self.draft = None;
                self.note = Some(format!("Deleted endpoint {id}."));
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
                self.note = Some(if deleted {
                    format!("Deleted the {} endpoints of {user_id}.", rows.len())
                } else {
                    format!("{} endpoints of {user_id}.", rows.len())
                });
                self.user_endpoints = if deleted { None } else { Some(rows) };
            }
            ApiResponse::EventResults(rows) => self.event_results = rows,
            ApiResponse::TextFile { path, text } => {
                let json = path.extension().is_some_and(|e| {
                    e.eq_ignore_ascii_case("json") || e.eq_ignore_ascii_case("jsonl")
                });
                match Upload::parse(&text, json) {
                    Ok(upload) => {
                        self.note =
                            Some(format!("{} rows in {}", upload.rows.len(), path.display()));
                        self.upload = Some(upload);
                        self.upload_problems.clear();
                        self.upload_progress = (0, 0);
                    }
                    Err(message) => self.errors.add("upload", message),
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
                self.note = Some(format!(
                    "Uploaded {} endpoints; {} rows had problems",
                    self.uploaded,
                    self.upload_problems.len()
                ));
            }
            ApiResponse::FilePicked { path: Some(path), .. } => {
                self.upload_path = path.display().to_string();
                return vec![Action::Audience(AudienceAction::ReadFile(path))];
            }
            ApiResponse::AllEndpoints(rows) => {
                self.note = Some(format!("{} endpoints", rows.len()));
                self.all = Some(rows);
            }
            ApiResponse::EventStream(stream) => {
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
            }
            _ => {}
        }
        Vec::new()
    }

    /// A failed call of this section.
    pub fn fail(&mut self, error: ApiError) {
        self.note = None;
        self.error = Some(error);
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
        ];
        for (tab, label) in tabs {
            if tab == Tab::All && !is_mock {
                continue;
            }
            if ui.selectable_label(screen.tab == tab, label).clicked() {
                screen.tab = tab;
                if tab == Tab::Events && screen.stream_loaded.is_none() {
                    actions.push(Action::Audience(AudienceAction::GetEventStream));
                }
                if tab == Tab::All && screen.all.is_none() {
                    actions.push(Action::Audience(AudienceAction::ListAll));
                }
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
    }
    if let Some(e) = &screen.error {
        error_label(ui, &e.to_string());
    }
    if let Some(n) = &screen.note {
        ui.label(RichText::new(n).color(theme::OK));
    }
    actions
}
