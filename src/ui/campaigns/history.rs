//! Versions (with a member-by-member diff of any two) and activities (runs per treatment,
//! with a chart of successful vs total endpoints), refreshed every few seconds while the
//! campaign runs and the editor is open.

use chrono::{DateTime, Utc};
use egui::RichText;
use egui_plot::{Bar, BarChart, Legend, Plot};

use super::{CampaignAction, Editor};
use crate::drafts::campaign::CampaignDraft;
use crate::ui::action::Action;
use crate::ui::tasks::Task;
use crate::ui::theme;
use crate::ui::version_diff::{self, Version};

/// Seconds between refreshes of a running campaign's history.
pub const POLL_SECONDS: f64 = 3.0;

/// True while the stored campaign is sending or about to: the service says it executes, one of
/// its runs is not over, or it is scheduled to send within minutes. A campaign that completed,
/// is paused, or waits for a later start is not refreshed.
#[must_use]
pub fn is_running(editor: &Editor, now: DateTime<Utc>) -> bool {
    let (Some(_), Some(stored)) = (&editor.campaign_id, &editor.baseline) else { return false };
    match editor.status.as_deref() {
        None | Some("COMPLETED" | "PAUSED" | "DELETED" | "INVALID") => false,
        Some("EXECUTING") => true,
        Some(_) => {
            editor
                .activities
                .iter()
                .any(|a| matches!(a.state(), Some("PENDING" | "INITIALIZING" | "RUNNING")))
                || stored.sends_soon(now).is_some()
        }
    }
}

/// Asks for the history again every [`POLL_SECONDS`] while the campaign runs, so the
/// activities follow a launch without a click; stops once it is done.
pub fn poll(ui: &egui::Ui, editor: &mut Editor, busy: &dyn Fn(Task) -> bool) -> Option<Action> {
    if !is_running(editor, Utc::now()) {
        return None;
    }
    let now = ui.input(|i| i.time);
    ui.ctx().request_repaint_after(std::time::Duration::from_secs_f64(POLL_SECONDS));
    if now - editor.last_poll < POLL_SECONDS || busy(Task::CampaignHistory) {
        return None;
    }
    editor.last_poll = now;
    let id = editor.campaign_id.clone()?;
    Some(Action::Campaigns(CampaignAction::History(id)))
}

/// The versions as the versions view shows them: each stored version read into a draft and
/// built into the request it would be (the same builder and serializer a save and the JSON view
/// use), so the diff names wire members and a version compares like for like with the form.
pub fn version_views(versions: &[aws_sdk_pinpoint::types::CampaignResponse]) -> Vec<Version> {
    versions
        .iter()
        .map(|v| Version {
            label: format!(
                "Version {} · {}",
                v.version().unwrap_or(0),
                v.last_modified_date().unwrap_or_default()
            ),
            body: CampaignDraft::from(v).to_json(),
        })
        .collect()
}

/// The versions and the diff.
pub fn versions(ui: &mut egui::Ui, editor: &mut Editor) {
    if editor.campaign_id.is_none() {
        ui.label(RichText::new("A new campaign has no versions yet.").color(theme::MUTED));
        return;
    }
    let failed = editor.history_error.as_deref();
    version_diff::show(ui, "campaign versions", &editor.version_views, &mut editor.compare, failed);
}

/// The name of a treatment id as activities report it: `0` is the control.
fn treatment_name(editor: &Editor, id: &str) -> String {
    let d = &editor.draft;
    let control = || {
        if d.treatment_name.is_empty() { "Control".to_owned() } else { d.treatment_name.clone() }
    };
    match id.parse::<usize>() {
        Ok(0) => control(),
        Err(_) if id.is_empty() => control(),
        Ok(i) => d
            .treatments
            .get(i - 1)
            .map(|t| t.name.clone())
            .filter(|n| !n.is_empty())
            .unwrap_or_else(|| format!("Treatment {i}")),
        Err(_) => id.to_owned(),
    }
}

/// The runs and their chart: one run per scheduled start, its treatments summed in the chart
/// and listed one per row in the table.
pub fn activities(ui: &mut egui::Ui, editor: &Editor) {
    if let Some(error) = &editor.history_error {
        crate::ui::widgets::error_label(ui, &format!("The activities could not be read. {error}"));
        return;
    }
    if editor.activities.is_empty() {
        ui.label(
            RichText::new("No runs yet. A run appears here when the campaign's schedule is due.")
                .color(theme::MUTED),
        );
        return;
    }
    let mut rows: Vec<_> = editor.activities.iter().collect();
    rows.sort_by(|a, b| {
        a.scheduled_start().cmp(&b.scheduled_start()).then(a.treatment_id().cmp(&b.treatment_id()))
    });
    let mut starts: Vec<&str> =
        rows.iter().map(|a| a.scheduled_start().unwrap_or_default()).collect();
    starts.dedup();
    let run_of = |a: &aws_sdk_pinpoint::types::ActivityResponse| {
        starts.iter().position(|s| *s == a.scheduled_start().unwrap_or_default()).unwrap_or(0) + 1
    };
    let mut totals = vec![(0i64, 0i64); starts.len()];
    for a in &rows {
        let t = &mut totals[run_of(a) - 1];
        t.0 += i64::from(a.total_endpoint_count().unwrap_or(0));
        t.1 += i64::from(a.successful_endpoint_count().unwrap_or(0));
    }
    let bars = |offset: f64, pick: fn(&(i64, i64)) -> i64| -> Vec<Bar> {
        totals
            .iter()
            .enumerate()
            .map(|(i, t)| Bar::new(i as f64 + 1.0 + offset, pick(t) as f64).width(0.35))
            .collect()
    };
    ui.label(RichText::new(format!("{} run(s)", starts.len())).color(theme::MUTED));
    Plot::new("activities_plot")
        .height(180.0)
        .legend(Legend::default())
        .allow_scroll(false)
        .allow_drag(false)
        .include_y(0.0)
        .include_x(0.4)
        .include_x(starts.len() as f64 + 0.6)
        .x_axis_formatter(|mark, _| {
            if mark.value.fract() == 0.0 && mark.value >= 1.0 {
                format!("run {}", mark.value)
            } else {
                String::new()
            }
        })
        .show(ui, |plot| {
            plot.bar_chart(
                BarChart::new("Total endpoints", bars(-0.18, |t| t.0)).color(theme::HOLDOUT),
            );
            plot.bar_chart(BarChart::new("Successful", bars(0.18, |t| t.1)).color(theme::OK));
        });
    egui::Grid::new("activities").striped(true).num_columns(8).spacing([14.0, 4.0]).show(
        ui,
        |ui| {
            for h in [
                "Run",
                "Treatment",
                "State",
                "Result",
                "Scheduled",
                "Successful",
                "Total",
                "Time zones",
            ] {
                ui.label(RichText::new(h).strong());
            }
            ui.end_row();
            for a in &rows {
                ui.label(run_of(a).to_string());
                ui.label(treatment_name(editor, a.treatment_id().unwrap_or("0")));
                ui.label(a.state().unwrap_or_default());
                ui.label(a.result().unwrap_or_default());
                ui.label(
                    RichText::new(a.scheduled_start().unwrap_or_default()).color(theme::MUTED),
                );
                ui.label(a.successful_endpoint_count().unwrap_or(0).to_string());
                ui.label(a.total_endpoint_count().unwrap_or(0).to_string());
                ui.label(format!(
                    "{}/{}",
                    a.timezones_completed_count().unwrap_or(0),
                    a.timezones_total_count().unwrap_or(0)
                ));
                ui.end_row();
            }
        },
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use aws_sdk_pinpoint::types::ActivityResponse;

    fn stored(schedule: crate::drafts::campaign::ScheduleDraft, status: &str) -> Editor {
        let draft = CampaignDraft { schedule, ..CampaignDraft::default() };
        Editor {
            campaign_id: Some("c".into()),
            baseline: Some(draft.clone()),
            draft,
            status: Some(status.into()),
            ..Editor::default()
        }
    }

    #[test]
    fn a_campaign_is_refreshed_while_it_runs_and_not_once_it_is_done() {
        use crate::drafts::campaign::ScheduleDraft;
        let now = Utc::now();
        let immediate = ScheduleDraft::default();
        assert!(is_running(&stored(immediate.clone(), "SCHEDULED"), now), "about to send");
        assert!(is_running(&stored(immediate.clone(), "EXECUTING"), now));
        assert!(!is_running(&stored(immediate.clone(), "COMPLETED"), now));
        assert!(!is_running(&stored(immediate.clone(), "PAUSED"), now));
        let tomorrow = ScheduleDraft::once_at(now + chrono::Duration::days(1));
        let mut later = stored(tomorrow, "SCHEDULED");
        assert!(!is_running(&later, now), "not before its start comes near");
        later.activities = vec![ActivityResponse::builder().state("RUNNING").build()];
        assert!(is_running(&later, now), "a run not over yet");
        let mut new = stored(immediate, "SCHEDULED");
        new.campaign_id = None;
        assert!(!is_running(&new, now), "nothing stored, nothing to refresh");
    }
}
