//! The journey's schedule (start, end, time zone, refresh) and its limits and re-entry.

use super::flag;
use crate::drafts::FieldErrors;
use crate::drafts::journey::JourneyDraft;
use crate::ui::widgets::{form_row, section, under_field};

pub(super) fn schedule_and_limits(ui: &mut egui::Ui, d: &mut JourneyDraft, errors: &FieldErrors) {
    section(ui, "Schedule");
    form_row(
        ui,
        "Start time",
        &mut d.start_time,
        "2026-12-01T09:00:00Z (empty: when published)",
        errors.get("Schedule.StartTime"),
    );
    form_row(ui, "End time", &mut d.end_time, "empty: no end", errors.get("Schedule.EndTime"));
    form_row(ui, "Time zone", &mut d.timezone, "UTC+01 (with local time)", None);
    under_field(ui, |ui| {
        flag(ui, &mut d.local_time, "Local time: read times in each endpoint's zone");
    });
    form_row(
        ui,
        "Refresh every",
        &mut d.refresh_frequency,
        "PT12H, P1D (segment entry)",
        errors.get("RefreshFrequency"),
    );
    under_field(ui, |ui| {
        flag(ui, &mut d.refresh_on_segment_update, "Let new endpoints in when the segment changes");
    });
    section(ui, "Limits and re-entry");
    let l = &mut d.limits;
    form_row(
        ui,
        "Daily cap",
        &mut l.daily_cap,
        "messages per endpoint a day (0-100)",
        errors.get("Limits.DailyCap"),
    );
    form_row(
        ui,
        "Total cap",
        &mut l.total_cap,
        "messages per endpoint in all (0-100)",
        errors.get("Limits.TotalCap"),
    );
    form_row(
        ui,
        "Timeframe cap",
        &mut l.timeframe_cap,
        "messages per endpoint in …",
        errors.get("Limits.TimeframeCap.Cap"),
    );
    form_row(
        ui,
        "Timeframe days",
        &mut l.timeframe_days,
        "… this many days (0-30)",
        errors.get("Limits.TimeframeCap.Days"),
    );
    form_row(
        ui,
        "Messages per second",
        &mut l.messages_per_second,
        "1-20000",
        errors.get("Limits.MessagesPerSecond"),
    );
    form_row(
        ui,
        "Re-entry cap",
        &mut l.reentry_cap,
        "times an endpoint may enter (0-100)",
        errors.get("Limits.EndpointReentryCap"),
    );
    form_row(
        ui,
        "Re-entry interval",
        &mut l.reentry_interval,
        "PT24H: wait before entering again",
        errors.get("Limits.EndpointReentryInterval"),
    );
}
