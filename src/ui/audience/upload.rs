//! Endpoint upload: a CSV or JSON file checked row by row, then sent in chunks of 100
//! (UpdateEndpointsBatch), and the mock's table of every endpoint.

use egui::RichText;

use super::{AudienceAction, AudienceScreen, Said, TARGET, Tab};
use crate::ui::action::Action;
use crate::ui::error_view::{ErrorChoice, Offer, error_panel};
use crate::ui::tasks::Task;
use crate::ui::theme;
use crate::ui::widgets::{busy_button, error_label, field_label};

use crate::api::EndpointRow;
use crate::drafts::upload::{chunks, members};
use crate::ui::endpoints_table;

pub(super) fn upload(
    ui: &mut egui::Ui,
    screen: &mut AudienceScreen,
    busy: &dyn Fn(Task) -> bool,
    actions: &mut Vec<Action>,
) {
    ui.label(RichText::new("CSV with a header row naming members (Id, ChannelType, Address, Demographic.Platform, Attributes.NAME …), or JSON endpoints; list values separated by ;").small().color(theme::MUTED));
    ui.horizontal(|ui| {
        let label = field_label(ui, "Upload file");
        let path = ui
            .add(
                egui::TextEdit::singleline(&mut screen.upload_path)
                    .hint_text("/path/to/endpoints.csv")
                    .desired_width(320.0),
            )
            .labelled_by(label.id);
        if path.changed() {
            // The message was about the file at the path as it was.
            screen.upload_error = None;
        }
        if busy_button(ui, "Load file", busy(Task::Audience))
            && !screen.upload_path.trim().is_empty()
        {
            screen.upload_error = None;
            actions
                .push(Action::Audience(AudienceAction::ReadFile(screen.upload_path.trim().into())));
        }
        if ui.button("Browse…").on_hover_text("Choose the endpoints file").clicked() {
            actions.push(Action::Audience(AudienceAction::PickFile));
        }
    });
    if let Some(m) = &screen.upload_error {
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
                    for m in members() {
                        ui.selectable_value(choice, m.to_owned(), m);
                    }
                    for prefix in crate::pinpoint::endpoint_row::MAP_PREFIXES {
                        let custom =
                            format!("{prefix}{}", column.rsplit('.').next().unwrap_or(column));
                        ui.selectable_value(choice, custom.clone(), custom);
                    }
                })
                .response
                .labelled_by(label.id);
            ui.label(RichText::new(upload.sample(i)).color(theme::MUTED));
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
                let note = "No row can be uploaded".to_owned();
                screen.said.insert(Tab::Upload, Said { note: Some(note), error: None });
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

pub(super) fn all(
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
            screen.all_error = None;
            actions.push(Action::Audience(AudienceAction::ListAll));
        }
    });
    if let Some(error) = &screen.all_error {
        let offer = Offer { retry: true, change_connection: false };
        let what = "Could not load the endpoints";
        if error_panel(ui, "all_endpoints", what, error, TARGET, offer) == Some(ErrorChoice::Retry)
            && !busy(Task::Audience)
        {
            screen.all_error = None;
        }
        return;
    }
    let Some(rows) = &screen.all else {
        if !busy(Task::Audience) {
            // Loaded when first shown (and again after Retry).
            actions.push(Action::Audience(AudienceAction::ListAll));
        }
        ui.horizontal(|ui| {
            ui.spinner();
            ui.label("Loading every endpoint…");
        });
        return;
    };
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
