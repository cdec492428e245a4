//! Import and export jobs: import a local CSV or JSON file (into the mock's bucket folder in
//! demo/mock mode) or an S3 URL (AWS); export a segment to an S3 prefix; jobs listed with
//! status, counts, failures and progress, refreshed until they finish.

use egui::RichText;

use super::{SegmentAction, SegmentChoice, SegmentsScreen};
use crate::api::ApiError;
use crate::api::jobs::{ImportSpec, JobRow};
use crate::ui::action::Action;
use crate::ui::tasks::Task;
use crate::ui::theme;
use crate::ui::widgets::{busy_button, error_label, form_row, section};

/// Seconds between refreshes while a job runs.
const POLL: f64 = 1.0;

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
    /// Inline problem.
    pub problem: Option<String>,
    /// A failed call.
    pub error: Option<ApiError>,
    last_poll: f64,
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
    if let Some(error) = &f.error {
        error_label(ui, &error.to_string());
    }
    section(ui, "Jobs");
    let running = screen.jobs.iter().any(|j| !j.finished());
    let now = ui.input(|i| i.time);
    if running {
        if now - f.last_poll >= POLL && !busy(Task::JobPoll) {
            f.last_poll = now;
            actions.push(Action::Segments(SegmentAction::Jobs));
        }
        ui.ctx().request_repaint_after(std::time::Duration::from_secs_f64(POLL));
    }
    jobs(ui, &screen.jobs);
    actions
}

/// The import form: a local file (mock) or an S3 URL (AWS), the role, the segment it defines.
fn import(
    ui: &mut egui::Ui,
    f: &mut Form,
    is_mock: bool,
    busy: &dyn Fn(Task) -> bool,
) -> Option<Action> {
    let mut action = None;
    section(ui, "Import endpoints");
    if is_mock {
        ui.label(
            RichText::new(
                "The file is copied into the mock's bucket folder and imported from there.",
            )
            .color(theme::MUTED),
        );
        ui.horizontal(|ui| {
            form_row(ui, "File to import", &mut f.path, "/path/to/endpoints.csv", None);
            if ui.button("Choose file…").clicked() {
                action = Some(Action::Segments(SegmentAction::PickFile));
            }
        });
    } else {
        form_row(ui, "S3 URL", &mut f.s3_url, "s3://bucket/endpoints.csv", None);
    }
    form_row(ui, "Role ARN", &mut f.role, "arn:aws:iam::123456789012:role/PinpointImport", None);
    form_row(ui, "New segment name", &mut f.segment_name, "Imported customers", None);
    if let Some(problem) = &f.problem {
        error_label(ui, problem);
    }
    if busy_button(ui, "Start import", busy(Task::Jobs)) {
        f.problem = None;
        f.error = None;
        match import_spec(f, is_mock) {
            Ok(spec) => action = Some(Action::Segments(SegmentAction::Import(Box::new(spec)))),
            Err(problem) => f.problem = Some(problem.to_owned()),
        }
    }
    action
}

/// The import the form asks for, or what is missing.
fn import_spec(f: &Form, is_mock: bool) -> Result<ImportSpec, &'static str> {
    let source = if is_mock { f.path.trim() } else { f.s3_url.trim() };
    let role = if f.role.trim().is_empty() && is_mock {
        "arn:aws:iam::123456789012:role/PinpointImport".to_owned()
    } else {
        f.role.trim().to_owned()
    };
    if source.is_empty() {
        return Err(if is_mock { "Choose a file" } else { "Give an s3:// URL" });
    }
    if !is_mock && !source.starts_with("s3://") {
        return Err("The URL must start with s3://");
    }
    if role.is_empty() {
        return Err("Give the role Pinpoint assumes to read the bucket");
    }
    if f.segment_name.trim().is_empty() {
        return Err("Name the segment the import defines");
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

/// The export form: a segment (or all endpoints) to an S3 prefix.
fn export(
    ui: &mut egui::Ui,
    f: &mut Form,
    choices: &[SegmentChoice],
    is_mock: bool,
    busy: &dyn Fn(Task) -> bool,
) -> Option<Action> {
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
    form_row(ui, "Export to", &mut f.export_prefix, "s3://exports/segment/", None);
    if !busy_button(ui, "Start export", busy(Task::Jobs)) {
        return None;
    }
    let role = if f.role.trim().is_empty() && is_mock {
        "arn:aws:iam::123456789012:role/PinpointExport".to_owned()
    } else {
        f.role.trim().to_owned()
    };
    if !f.export_prefix.trim().starts_with("s3://") {
        f.problem = Some("The export prefix must start with s3://".into());
        return None;
    }
    f.problem = None;
    Some(Action::Segments(SegmentAction::Export {
        segment_id: f.export_segment.clone(),
        s3_prefix: f.export_prefix.trim().to_owned(),
        role_arn: role,
    }))
}

/// The jobs with status, progress and counts, then their first failures.
fn jobs(ui: &mut egui::Ui, jobs: &[JobRow]) {
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
            ui.label(if j.import { "Import" } else { "Export" });
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
