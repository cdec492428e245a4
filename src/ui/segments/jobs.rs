//! Import and export jobs: import a local CSV or JSON file (into the mock's bucket folder in
//! demo/mock mode) or an S3 URL (AWS); export a segment to an S3 prefix; jobs listed with
//! status, counts, failures and progress, refreshed until they finish. Each message shows where
//! its cause is: a missing value under its field (gone once the field is filled), a file that
//! cannot be read under the file's field, a refused start under its own button, a failed
//! refresh under the jobs; a job just started is brought on screen.

use egui::RichText;

use super::{SegmentAction, SegmentChoice, SegmentsScreen};
use crate::api::jobs::{ImportSpec, JobRow};
use crate::api::{ApiError, ErrorKind};
use crate::ui::action::Action;
use crate::ui::tasks::Task;
use crate::ui::theme;
use crate::ui::widgets::{busy_button, error_label, form_row, section, under_field};

/// Seconds between refreshes while a job runs.
const POLL: f64 = 1.0;

/// The import form's fields a check can refuse.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportField {
    /// The local file (mock) or the S3 URL (AWS).
    Source,
    /// The role ARN.
    Role,
    /// The new segment's name.
    Name,
}

/// Which kind of job is being started.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Starting {
    /// An import of this file or URL.
    Import(String),
    /// An export.
    Export,
}

/// The import and export forms.
#[derive(Debug, Clone, Default)]
pub struct Form {
    /// Local file path (mock).
    pub path: String,
    /// `s3://…` (AWS).
    pub s3_url: String,
    /// Role ARN.
    pub role: String,
    /// Name of the segment the import defines.
    pub segment_name: String,
    /// Export: segment id (empty: all endpoints).
    pub export_segment: String,
    /// Export: `s3://` prefix.
    pub export_prefix: String,
    /// The job started last.
    pub started: Option<String>,
    /// The job whose start is on its way.
    pub starting: Option<Starting>,
    /// Bring the job started last on screen next frame.
    pub scroll_to_started: bool,
    /// What the import form still needs, under the field it concerns (after Start import).
    pub import_problem: Option<(ImportField, String)>,
    /// What the export form still needs (after Start export).
    pub export_problem: Option<String>,
    /// Why the import could not start, and the source it was given.
    pub import_error: Option<(ApiError, String)>,
    /// Why the export could not start.
    pub export_error: Option<ApiError>,
    /// Why the jobs could not be refreshed.
    pub poll_error: Option<ApiError>,
    last_poll: f64,
}

impl Form {
    /// A start of `starting` failed: the message goes to that form.
    pub fn start_failed(&mut self, error: ApiError) {
        if let Some(Starting::Import(source)) = self.starting.take() {
            self.import_error = Some((error, source));
        } else {
            self.export_error = Some(error);
        }
    }
}

/// Draws the jobs part: the import form, the export form, and the jobs (refreshed while one
/// runs).
pub fn show(
    ui: &mut egui::Ui,
    screen: &mut SegmentsScreen,
    is_mock: bool,
    busy: &dyn Fn(Task) -> bool,
) -> Vec<Action> {
    let choices = screen.choices();
    let f = &mut screen.jobs_form;
    let mut actions: Vec<Action> = import(ui, f, is_mock, busy).into_iter().collect();
    actions.extend(export(ui, f, &choices, is_mock, busy));
    section(ui, "Jobs");
    if let Some(error) = &f.poll_error {
        error_label(ui, &format!("The jobs could not be refreshed. {}", error.plain()));
    }
    let running = screen.jobs.iter().any(|j| !j.finished());
    let now = ui.input(|i| i.time);
    if running {
        if now - f.last_poll >= POLL && !busy(Task::JobPoll) {
            f.last_poll = now;
            actions.push(Action::Segments(SegmentAction::Jobs));
        }
        ui.ctx().request_repaint_after(std::time::Duration::from_secs_f64(POLL));
    }
    let scroll = std::mem::take(&mut f.scroll_to_started).then_some(f.started.as_deref()).flatten();
    jobs(ui, &screen.jobs, scroll);
    actions
}

/// The message under an import field: what the form still needs there, or (under the source)
/// a file that could not be read, while the source is the one that failed.
fn import_message(f: &Form, field: ImportField, source: &str) -> Option<String> {
    if let Some((at, problem)) = &f.import_problem
        && *at == field
    {
        return Some(problem.clone());
    }
    let (error, failed) = f.import_error.as_ref()?;
    let about_source = matches!(error.kind, ErrorKind::File | ErrorKind::NotAMock);
    (field == ImportField::Source && about_source && failed == source).then(|| error.plain())
}

/// The import form: a local file (mock) or an S3 URL (AWS), the role, the segment it defines.
fn import(
    ui: &mut egui::Ui,
    f: &mut Form,
    is_mock: bool,
    busy: &dyn Fn(Task) -> bool,
) -> Option<Action> {
    let mut action = None;
    if f.import_problem.is_some() {
        // After a refused start, the message follows the fixes as they are typed.
        f.import_problem = import_spec(f, is_mock).err().map(|(at, m)| (at, m.to_owned()));
    }
    section(ui, "Import endpoints");
    let source = if is_mock { f.path.clone() } else { f.s3_url.clone() };
    let message = |f: &Form, field| import_message(f, field, &source);
    if is_mock {
        ui.label(
            RichText::new(
                "The file is copied into the mock's bucket folder and imported from there.",
            )
            .color(theme::MUTED),
        );
        let error = message(f, ImportField::Source);
        form_row(ui, "File to import", &mut f.path, "/path/to/endpoints.csv", error.as_deref());
        // Under the field, so a field as wide as the window leaves it room.
        if under_field(ui, |ui| ui.button("Choose file…")).clicked() {
            action = Some(Action::Segments(SegmentAction::PickFile));
        }
    } else {
        let error = message(f, ImportField::Source);
        form_row(ui, "S3 URL", &mut f.s3_url, "s3://bucket/endpoints.csv", error.as_deref());
    }
    let error = message(f, ImportField::Role);
    let role_hint = "arn:aws:iam::123456789012:role/PinpointImport";
    form_row(ui, "Role ARN", &mut f.role, role_hint, error.as_deref());
    let error = message(f, ImportField::Name);
    form_row(ui, "New segment name", &mut f.segment_name, "Imported customers", error.as_deref());
    if busy_button(ui, "Start import", busy(Task::Jobs)) {
        f.import_error = None;
        match import_spec(f, is_mock) {
            Ok(spec) => {
                f.import_problem = None;
                f.starting = Some(Starting::Import(source.clone()));
                action = Some(Action::Segments(SegmentAction::Import(Box::new(spec))));
            }
            Err((at, problem)) => f.import_problem = Some((at, problem.to_owned())),
        }
    }
    // A refusal that is not about one field belongs to the button.
    if let Some((error, _)) = &f.import_error
        && !matches!(error.kind, ErrorKind::File | ErrorKind::NotAMock)
    {
        error_label(ui, &format!("The import could not start. {}", error.plain()));
    }
    action
}

/// The import the form asks for, or what is missing and where.
fn import_spec(f: &Form, is_mock: bool) -> Result<ImportSpec, (ImportField, &'static str)> {
    let source = if is_mock { f.path.trim() } else { f.s3_url.trim() };
    let role = if f.role.trim().is_empty() && is_mock {
        "arn:aws:iam::123456789012:role/PinpointImport".to_owned()
    } else {
        f.role.trim().to_owned()
    };
    if source.is_empty() {
        let problem = if is_mock { "Choose a file" } else { "Give an s3:// URL" };
        return Err((ImportField::Source, problem));
    }
    if !is_mock && !source.starts_with("s3://") {
        return Err((ImportField::Source, "The URL must start with s3://"));
    }
    if role.is_empty() {
        return Err((ImportField::Role, "Give the role Pinpoint assumes to read the bucket"));
    }
    if f.segment_name.trim().is_empty() {
        return Err((ImportField::Name, "Name the segment the import defines"));
    }
    let json =
        source.to_lowercase().ends_with(".json") || source.to_lowercase().ends_with(".jsonl");
    Ok(ImportSpec {
        local_file: is_mock.then(|| source.into()),
        s3_url: source.to_owned(),
        role_arn: role,
        json,
        segment_name: f.segment_name.trim().to_owned(),
        segment_id: String::new(),
    })
}

/// What the export form still needs, if anything.
fn export_problem(f: &Form) -> Option<&'static str> {
    (!f.export_prefix.trim().starts_with("s3://"))
        .then_some("The export prefix must start with s3://")
}

/// The export form: a segment (or all endpoints) to an S3 prefix.
fn export(
    ui: &mut egui::Ui,
    f: &mut Form,
    choices: &[SegmentChoice],
    is_mock: bool,
    busy: &dyn Fn(Task) -> bool,
) -> Option<Action> {
    if f.export_problem.is_some() {
        f.export_problem = export_problem(f).map(str::to_owned);
    }
    section(ui, "Export endpoints");
    ui.horizontal(|ui| {
        let l = crate::ui::widgets::field_label(ui, "Segment to export");
        let shown = choices
            .iter()
            .find(|c| c.id == f.export_segment)
            .map_or_else(|| "(all endpoints)".to_owned(), |c| c.name.clone());
        egui::ComboBox::from_id_salt("export_segment")
            .selected_text(shown)
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut f.export_segment, String::new(), "(all endpoints)");
                for c in choices {
                    ui.selectable_value(&mut f.export_segment, c.id.clone(), &c.name);
                }
            })
            .response
            .labelled_by(l.id);
    });
    let problem = f.export_problem.clone();
    form_row(ui, "Export to", &mut f.export_prefix, "s3://exports/segment/", problem.as_deref());
    let clicked = busy_button(ui, "Start export", busy(Task::Jobs));
    if let Some(error) = &f.export_error {
        error_label(ui, &format!("The export could not start. {}", error.plain()));
    }
    if !clicked {
        return None;
    }
    f.export_error = None;
    f.export_problem = export_problem(f).map(str::to_owned);
    if f.export_problem.is_some() {
        return None;
    }
    let role = if f.role.trim().is_empty() && is_mock {
        "arn:aws:iam::123456789012:role/PinpointExport".to_owned()
    } else {
        f.role.trim().to_owned()
    };
    f.starting = Some(Starting::Export);
    Some(Action::Segments(SegmentAction::Export {
        segment_id: f.export_segment.clone(),
        s3_prefix: f.export_prefix.trim().to_owned(),
        role_arn: role,
    }))
}

/// The jobs with status, progress and counts, then their first failures.
fn jobs(ui: &mut egui::Ui, jobs: &[JobRow], scroll_to: Option<&str>) {
    if jobs.is_empty() {
        ui.label(RichText::new("No import or export jobs yet.").color(theme::MUTED));
    }
    egui::Grid::new("jobs").striped(true).num_columns(7).spacing([14.0, 4.0]).show(ui, |ui| {
        if !jobs.is_empty() {
            for h in ["Kind", "Status", "Progress", "Processed", "Failed", "Segment", "Location"] {
                ui.label(RichText::new(h).strong());
            }
            ui.end_row();
        }
        for j in jobs {
            let kind = ui.label(if j.import { "Import" } else { "Export" });
            if scroll_to == Some(j.id.as_str()) {
                kind.scroll_to_me(Some(egui::Align::Center));
            }
            let color = match j.status.as_str() {
                "COMPLETED" => theme::OK,
                "FAILED" => theme::ERROR,
                _ => theme::WARN,
            };
            ui.label(RichText::new(&j.status).color(color));
            ui.add(egui::ProgressBar::new(j.progress()).desired_width(90.0).show_percentage());
            ui.label(j.processed.to_string());
            ui.label(j.failures.to_string());
            ui.label(&j.segment);
            let chars = j.url.chars().count();
            let shown = if chars > 44 {
                format!("…{}", j.url.chars().skip(chars - 43).collect::<String>())
            } else {
                j.url.clone()
            };
            ui.label(RichText::new(shown).monospace().color(theme::MUTED)).on_hover_text(&j.url);
            ui.end_row();
        }
    });
    for j in jobs {
        for message in j.messages.iter().take(5) {
            error_label(
                ui,
                &format!("{} {}: {message}", if j.import { "Import" } else { "Export" }, j.id),
            );
        }
    }
}
