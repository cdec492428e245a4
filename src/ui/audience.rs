//! The Audience section: look up, edit (every member) and delete an endpoint; look up a
//! user's endpoints and delete them all; send a test event and see per-event results; get,
//! put and delete the event stream.

use egui::RichText;

use super::action::Action;
use super::endpoints_table;
use super::tasks::Task;
use super::theme;
use super::widgets::{busy_button, error_label, field_label, form_row};
use crate::api::EndpointRow;
use crate::api::{ApiError, ApiResponse};
use crate::drafts::FieldErrors;
use crate::drafts::endpoint::{CHANNEL_TYPES, DEMOGRAPHIC, EndpointDraft, LOCATION};
use crate::drafts::upload::{MEMBERS, RowProblem, Upload, chunks};

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
        Tab::Endpoint => endpoint(ui, screen, busy, &mut actions),
        Tab::User => user(ui, screen, busy, &mut actions),
        Tab::Events => events(ui, screen, busy, &mut actions),
        Tab::All => all(ui, screen, busy, &mut actions),
        Tab::Upload => upload(ui, screen, busy, &mut actions),
    }
    if let Some(e) = &screen.error {
        error_label(ui, &e.to_string());
    }
    if let Some(n) = &screen.note {
        ui.label(RichText::new(n).color(theme::OK));
    }
    actions
}

/// What this section asks the shell to do.
#[derive(Debug, Clone)]
pub enum AudienceAction {
    /// Look up an endpoint.
    GetEndpoint(String),
    /// Save the endpoint form.
    SaveEndpoint(String, Box<aws_sdk_pinpoint::types::EndpointRequest>),
    /// Delete an endpoint.
    DeleteEndpoint(String),
    /// Look up a user.
    GetUser(String),
    /// Delete a user's endpoints.
    DeleteUser(String),
    /// Send a test event.
    PutEvent(String, Box<aws_sdk_pinpoint::types::Event>),
    /// Read the event stream.
    GetEventStream,
    /// Save the event stream.
    PutEventStream(String, String),
    /// Delete the event stream.
    DeleteEventStream,
    /// Load every endpoint (mock listing).
    ListAll,
    /// Read an upload file.
    ReadFile(std::path::PathBuf),
    /// Choose an upload file with the native dialog.
    PickFile,
    /// Send one chunk of an upload.
    UploadChunk(Box<aws_sdk_pinpoint::types::EndpointBatchRequest>, usize),
}

fn upload(
    ui: &mut egui::Ui,
    screen: &mut AudienceScreen,
    busy: &dyn Fn(Task) -> bool,
    actions: &mut Vec<Action>,
) {
    ui.label(RichText::new("CSV with a header row naming members (Id, ChannelType, Address, Demographic.Platform, Attributes.NAME …), or JSON endpoints; list values separated by ;").small().color(theme::MUTED));
    ui.horizontal(|ui| {
        let label = field_label(ui, "Upload file");
        ui.add(
            egui::TextEdit::singleline(&mut screen.upload_path)
                .hint_text("/path/to/endpoints.csv")
                .desired_width(320.0),
        )
        .labelled_by(label.id);
        if ui.button("Load file").clicked() && !screen.upload_path.trim().is_empty() {
            screen.errors.clear();
            actions
                .push(Action::Audience(AudienceAction::ReadFile(screen.upload_path.trim().into())));
        }
        if ui.button("Browse…").on_hover_text("Choose the endpoints file").clicked() {
            actions.push(Action::Audience(AudienceAction::PickFile));
        }
    });
    if let Some(m) = screen.errors.get("upload") {
        error_label(ui, m);
    }
    let Some(upload) = screen.upload.as_mut() else { return };
    ui.label(RichText::new("Columns to members").strong());
    egui::Grid::new("upload_mapping").num_columns(3).show(ui, |ui| {
        for (i, column) in upload.columns.iter().enumerate() {
            let label = ui.label(column);
            let choice = &mut upload.mapping[i];
            egui::ComboBox::from_id_salt(("map", i))
                .selected_text(choice.clone())
                .show_ui(ui, |ui| {
                    for m in MEMBERS {
                        ui.selectable_value(choice, m.to_owned(), m);
                    }
                    for prefix in ["Attributes.", "UserAttributes.", "Metrics."] {
                        let custom =
                            format!("{prefix}{}", column.rsplit('.').next().unwrap_or(column));
                        ui.selectable_value(choice, custom.clone(), custom);
                    }
                })
                .response
                .labelled_by(label.id);
            let sample = upload.rows.first().and_then(|r| r.get(i)).cloned().unwrap_or_default();
            ui.label(RichText::new(sample).color(theme::MUTED));
            ui.end_row();
        }
    });
    let uploading =
        screen.upload_progress.0 > 0 && screen.upload_progress.1 < screen.upload_progress.0;
    ui.horizontal(|ui| {
        if busy_button(ui, "Check and upload", uploading || busy(Task::Audience)) {
            let (items, problems) = upload.items();
            screen.upload_problems = problems;
            screen.uploaded = 0;
            let mut queue: std::collections::VecDeque<_> = chunks(&items).into();
            screen.upload_progress = (queue.len(), 0);
            if let Some(first) = queue.pop_front() {
                actions.push(Action::Audience(AudienceAction::UploadChunk(Box::new(first), 0)));
            } else {
                screen.note = Some("No row can be uploaded".into());
            }
            screen.upload_queue = queue;
        }
        if screen.upload_progress.0 > 0 {
            let (total, done) = screen.upload_progress;
            ui.add(
                egui::ProgressBar::new(done as f32 / total as f32)
                    .desired_width(220.0)
                    .text(format!("{done} / {total} chunks of 100")),
            );
        }
    });
    if !screen.upload_problems.is_empty() {
        ui.label(
            RichText::new(format!("{} rows not uploaded:", screen.upload_problems.len()))
                .color(theme::ERROR),
        );
        egui::ScrollArea::vertical().id_salt("upload_problems").max_height(160.0).show(ui, |ui| {
            for p in &screen.upload_problems {
                ui.label(
                    RichText::new(format!("Row {}: {}", p.row, p.message)).color(theme::ERROR),
                );
            }
        });
    }
}

fn all(
    ui: &mut egui::Ui,
    screen: &mut AudienceScreen,
    busy: &dyn Fn(Task) -> bool,
    actions: &mut Vec<Action>,
) {
    ui.horizontal(|ui| {
        let label = ui.label("Filter endpoints");
        ui.add(
            egui::TextEdit::singleline(&mut screen.all_filter)
                .hint_text("id, address, user, platform …")
                .desired_width(260.0),
        )
        .labelled_by(label.id);
        if busy_button(ui, "Reload endpoints", busy(Task::Audience)) {
            actions.push(Action::Audience(AudienceAction::ListAll));
        }
    });
    let Some(rows) = &screen.all else { return };
    let needle = screen.all_filter.trim().to_lowercase();
    let shown: Vec<&EndpointRow> =
        rows.iter().filter(|r| needle.is_empty() || r.matches(&needle)).collect();
    ui.label(
        RichText::new(format!("{} of {} endpoints (a mock extension)", shown.len(), rows.len()))
            .small()
            .color(theme::MUTED),
    );
    if !shown.is_empty()
        && shown.len() <= 10_000
        && ui.button(format!("Message these {} endpoints", shown.len())).clicked()
    {
        actions.push(Action::ComposeTo(shown.iter().map(|r| r.id.clone()).collect()));
    }
    if let Some(id) = endpoints_table::show(ui, &shown) {
        screen.tab = Tab::Endpoint;
        screen.lookup.clone_from(&id);
        actions.push(Action::Audience(AudienceAction::GetEndpoint(id)));
    }
}

fn endpoint(
    ui: &mut egui::Ui,
    screen: &mut AudienceScreen,
    busy: &dyn Fn(Task) -> bool,
    actions: &mut Vec<Action>,
) {
    ui.horizontal(|ui| {
        let label = field_label(ui, "Endpoint id");
        ui.add(egui::TextEdit::singleline(&mut screen.lookup).desired_width(theme::FIELD_WIDTH))
            .labelled_by(label.id);
        if busy_button(ui, "Look up", busy(Task::Audience)) && !screen.lookup.trim().is_empty() {
            actions.push(Action::Audience(AudienceAction::GetEndpoint(
                screen.lookup.trim().to_owned(),
            )));
        }
        if ui.button("New endpoint").clicked() && !screen.lookup.trim().is_empty() {
            screen.draft = Some(EndpointDraft::new(screen.lookup.trim()));
            screen.note = None;
        }
    });
    let errors = screen.errors.clone();
    let Some(d) = screen.draft.as_mut() else { return };
    ui.separator();
    ui.heading(format!("Endpoint {}", d.id));
    ui.horizontal(|ui| {
        let label = field_label(ui, "Channel type");
        egui::ComboBox::from_id_salt("endpoint_channel")
            .selected_text(d.channel_type.clone())
            .show_ui(ui, |ui| {
                for c in CHANNEL_TYPES {
                    ui.selectable_value(&mut d.channel_type, c.to_owned(), c);
                }
            })
            .response
            .labelled_by(label.id);
    });
    form_row(
        ui,
        "Address",
        &mut d.address,
        "+12065550100, a@example.com or a token",
        errors.get("address"),
    );
    ui.horizontal(|ui| {
        field_label(ui, "Opt-out");
        ui.radio_value(&mut d.opt_out, "NONE".to_owned(), "NONE (receives messages)");
        ui.radio_value(&mut d.opt_out, "ALL".to_owned(), "ALL (opted out)");
    });
    ui.horizontal(|ui| {
        field_label(ui, "Status");
        ui.radio_value(&mut d.status, "ACTIVE".to_owned(), "ACTIVE");
        ui.radio_value(&mut d.status, "INACTIVE".to_owned(), "INACTIVE");
    });
    for (field, label, text) in [
        ("attributes", "Attributes", &mut d.attributes),
        ("metrics", "Metrics", &mut d.metrics),
        ("user_attributes", "User attributes", &mut d.user_attributes),
    ] {
        ui.horizontal(|ui| {
            let l = field_label(ui, label);
            ui.add(
                egui::TextEdit::multiline(text)
                    .hint_text("name=value;value per line")
                    .desired_rows(2)
                    .desired_width(theme::FIELD_WIDTH + 120.0),
            )
            .labelled_by(l.id);
        });
        if let Some(m) = errors.get(field) {
            error_label(ui, m);
        }
    }
    form_row(ui, "User id", &mut d.user_id, "", None);
    egui::CollapsingHeader::new("Demographic").default_open(true).show(ui, |ui| {
        for (key, label) in DEMOGRAPHIC {
            let value = d.demographic.entry(key).or_default();
            form_row(ui, label, value, "", errors.get(key));
        }
    });
    egui::CollapsingHeader::new("Location").show(ui, |ui| {
        for (key, label) in LOCATION {
            let value = d.location.entry(key).or_default();
            form_row(ui, label, value, "", errors.get(key));
        }
    });
    ui.horizontal(|ui| {
        if busy_button(ui, "Save endpoint", busy(Task::Audience)) {
            match d.to_request() {
                Ok(request) => {
                    screen.errors.clear();
                    actions.push(Action::Audience(AudienceAction::SaveEndpoint(
                        d.id.clone(),
                        Box::new(request),
                    )));
                }
                Err(e) => screen.errors = e,
            }
        }
        if ui.button("Delete endpoint…").clicked() {
            screen.confirm = Some("endpoint");
        }
    });
    if screen.confirm == Some("endpoint") {
        let id = d.id.clone();
        confirm(
            ui,
            &format!("Delete endpoint {id}?"),
            &format!("Delete {id}"),
            &mut screen.confirm,
            || {
                actions.push(Action::Audience(AudienceAction::DeleteEndpoint(id.clone())));
            },
        );
    }
}

fn confirm(
    ui: &egui::Ui,
    title: &str,
    button: &str,
    open: &mut Option<&'static str>,
    on_yes: impl FnOnce(),
) {
    let mut close = false;
    let mut yes = false;
    egui::Modal::new(egui::Id::unique("confirm_audience")).show(ui.ctx(), |ui| {
        ui.heading(title);
        ui.horizontal(|ui| {
            yes = ui.button(button).clicked();
            close = yes || ui.button("Cancel").clicked();
        });
    });
    if yes {
        on_yes();
    }
    if close {
        *open = None;
    }
}

fn user(
    ui: &mut egui::Ui,
    screen: &mut AudienceScreen,
    busy: &dyn Fn(Task) -> bool,
    actions: &mut Vec<Action>,
) {
    ui.horizontal(|ui| {
        let label = field_label(ui, "User id");
        ui.add(
            egui::TextEdit::singleline(&mut screen.user_lookup).desired_width(theme::FIELD_WIDTH),
        )
        .labelled_by(label.id);
        if busy_button(ui, "Find endpoints", busy(Task::Audience))
            && !screen.user_lookup.trim().is_empty()
        {
            actions.push(Action::Audience(AudienceAction::GetUser(
                screen.user_lookup.trim().to_owned(),
            )));
        }
    });
    let Some(rows) = screen.user_endpoints.clone() else { return };
    egui::Grid::new("user_endpoints").striped(true).num_columns(4).show(ui, |ui| {
        for (id, channel, address) in &rows {
            ui.label(id);
            ui.label(channel);
            ui.label(address);
            if ui.small_button("Open").on_hover_text(format!("Open endpoint {id}")).clicked() {
                screen.tab = Tab::Endpoint;
                screen.lookup.clone_from(id);
                actions.push(Action::Audience(AudienceAction::GetEndpoint(id.clone())));
            }
            ui.end_row();
        }
    });
    let user = screen.user_lookup.trim().to_owned();
    if !rows.is_empty() && ui.button("Delete all endpoints of this user…").clicked() {
        screen.confirm = Some("user");
    }
    if screen.confirm == Some("user") {
        confirm(
            ui,
            &format!("Delete the {} endpoints of {user}?", rows.len()),
            &format!("Delete all of {user}"),
            &mut screen.confirm,
            || {
                actions.push(Action::Audience(AudienceAction::DeleteUser(user.clone())));
            },
        );
    }
}

fn events(
    ui: &mut egui::Ui,
    screen: &mut AudienceScreen,
    busy: &dyn Fn(Task) -> bool,
    actions: &mut Vec<Action>,
) {
    ui.heading("Test event");
    let [endpoint, kind, attributes, metrics] = &mut screen.event;
    form_row(ui, "Event endpoint id", endpoint, "ep-1", None);
    form_row(ui, "Event type", kind, "purchase", None);
    form_row(ui, "Event attributes", attributes, "name=value, name=value", None);
    form_row(ui, "Event metrics", metrics, "name=number, name=number", None);
    if busy_button(ui, "Send event", busy(Task::Audience)) {
        let mut event = aws_sdk_pinpoint::types::Event::builder()
            .event_type(kind.trim())
            .timestamp(chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true));
        for pair in attributes.split(',').filter_map(|p| p.split_once('=')) {
            event = event.attributes(pair.0.trim(), pair.1.trim());
        }
        for pair in metrics.split(',').filter_map(|p| p.split_once('=')) {
            if let Ok(v) = pair.1.trim().parse::<f64>() {
                event = event.metrics(pair.0.trim(), v);
            }
        }
        if endpoint.trim().is_empty() || kind.trim().is_empty() {
            screen.errors.add("event", "An endpoint id and an event type are required");
        } else {
            screen.errors.clear();
            actions.push(Action::Audience(AudienceAction::PutEvent(
                endpoint.trim().to_owned(),
                Box::new(event.build()),
            )));
        }
    }
    if let Some(m) = screen.errors.get("event") {
        error_label(ui, m);
    }
    for (item, code, message) in &screen.event_results {
        let color = if *code == 202 { theme::OK } else { theme::ERROR };
        ui.label(RichText::new(format!("{item}: {code} {message}")).color(color));
    }
    ui.separator();
    ui.heading("Event stream");
    match &screen.stream_loaded {
        None => {
            ui.label("Loading…");
        }
        Some(None) => {
            ui.label(RichText::new("No event stream is configured.").color(theme::MUTED));
        }
        Some(Some(arn)) => {
            ui.label(RichText::new(format!("Streaming to {arn}")).color(theme::OK));
        }
    }
    let [destination, role] = &mut screen.stream;
    form_row(ui, "Destination ARN", destination, "arn:aws:kinesis:…:stream/NAME", None);
    form_row(ui, "Role ARN", role, "arn:aws:iam::ACCOUNT:role/NAME", None);
    ui.horizontal(|ui| {
        if busy_button(ui, "Save stream", busy(Task::Audience)) {
            actions.push(Action::Audience(AudienceAction::PutEventStream(
                destination.trim().to_owned(),
                role.trim().to_owned(),
            )));
        }
        if matches!(screen.stream_loaded, Some(Some(_))) && ui.button("Delete stream").clicked() {
            actions.push(Action::Audience(AudienceAction::DeleteEventStream));
        }
    });
}
