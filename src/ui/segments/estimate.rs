//! The live audience estimate: while the user builds, the definition is sent to the mock's
//! estimate (debounced: once the builder has been still for a moment), never blocking. The
//! definition is the draft's lenient request through the one serializer (`to_json`): a row that
//! still has a message is left out, so it is not counted rather than matching nobody, and the
//! estimate says how many such rows there are.

use egui::RichText;
use serde_json::Value;

use super::SegmentAction;
use crate::drafts::FieldErrors;
use crate::drafts::segment::SegmentDraft;
use crate::ui::action::Action;
use crate::ui::theme;

/// Seconds the builder must be still before an estimate is asked for.
const DEBOUNCE: f64 = 0.4;

/// Estimate state.
#[derive(Debug, Clone, Default)]
pub struct Estimate {
    /// The last answer: `{Matching, Messageable, Total, Groups}`.
    pub result: Option<Value>,
    /// Why the last estimate failed.
    pub error: Option<String>,
    /// The definition last seen, and when it changed.
    seen: Option<(Value, f64)>,
    /// The definition last sent.
    sent: Option<Value>,
}

impl Estimate {
    /// The definition last sent for an estimate.
    #[must_use]
    pub fn sent(&self) -> Option<&Value> {
        self.sent.as_ref()
    }
}

/// `matching` as a share of `total`, never rounded to 0 % or 100 % when it is not: "<0.1 %",
/// one decimal below 10 % and above 90 %, whole percents between.
fn share_text(matching: u64, total: u64) -> String {
    if matching == 0 || total == 0 {
        return "0 %".to_owned();
    }
    if matching >= total {
        return "100 %".to_owned();
    }
    let percent = matching as f64 * 100.0 / total as f64;
    if percent < 0.1 {
        "<0.1 %".to_owned()
    } else if percent > 99.9 {
        ">99.9 %".to_owned()
    } else if !(10.0..=90.0).contains(&percent) {
        format!("{percent:.1} %")
    } else {
        format!("{percent:.0} %")
    }
}

/// How many criteria and base segments have a message (keys `g0.d1.c2.…`, `g0.s1`): the rows
/// the lenient request leaves out.
fn incomplete_rows(errors: &FieldErrors) -> usize {
    let rows: std::collections::BTreeSet<String> = errors
        .iter()
        .filter_map(|(key, _)| match key.split('.').collect::<Vec<_>>().as_slice() {
            [g, s] if g.starts_with('g') && s.starts_with('s') => Some(format!("{g}.{s}")),
            [g, d, c, _] if g.starts_with('g') && d.starts_with('d') && c.starts_with('c') => {
                Some(format!("{g}.{d}.{c}"))
            }
            _ => None,
        })
        .collect();
    rows.len()
}

/// Draws the estimate; asks for a new one when the definition settled.
pub fn show(
    ui: &mut egui::Ui,
    e: &mut Estimate,
    draft: &SegmentDraft,
    is_mock: bool,
    busy: bool,
) -> Vec<Action> {
    let mut actions = Vec::new();
    ui.label(RichText::new("Audience estimate").strong());
    if !is_mock {
        ui.label(
            RichText::new("Estimates need the mock; Pinpoint reports sizes only after an export.")
                .color(theme::MUTED),
        );
        return actions;
    }
    let now = ui.input(|i| i.time);
    let (request, errors) = draft.build();
    let json = crate::drafts::json::segment::write_segment_request(&request);
    match &e.seen {
        Some((seen, _)) if *seen == json => {}
        _ => e.seen = Some((json.clone(), now)),
    }
    let since = e.seen.as_ref().map_or(0.0, |(_, at)| now - at);
    if e.sent.as_ref() != Some(&json) {
        if since >= DEBOUNCE && !busy {
            e.sent = Some(json.clone());
            actions.push(Action::Segments(SegmentAction::Estimate(json.clone())));
        } else {
            ui.ctx().request_repaint_after(std::time::Duration::from_secs_f64(DEBOUNCE));
        }
    }
    if let Some(error) = &e.error {
        ui.label(RichText::new(error).color(theme::WARN));
    }
    let incomplete = incomplete_rows(&errors);
    if incomplete > 0 {
        ui.label(
            RichText::new(format!("{incomplete} incomplete row(s) not counted until fixed."))
                .color(theme::MUTED),
        );
    }
    let Some(result) = &e.result else {
        ui.label(RichText::new("Estimating…").color(theme::MUTED));
        return actions;
    };
    let n = |k: &str| result.get(k).and_then(Value::as_u64).unwrap_or(0);
    let (matching, messageable, total) = (n("Matching"), n("Messageable"), n("Total"));
    ui.label(
        RichText::new(format!("{matching} of {total} endpoints match"))
            .size(18.0)
            .color(theme::ACCENT),
    );
    let share = if total == 0 { 0.0 } else { matching as f32 / total as f32 };
    let bar = egui::ProgressBar::new(share).text(share_text(matching, total));
    ui.add(bar.desired_width(220.0));
    ui.label(format!("{messageable} can be messaged (not opted out, active)"));
    let groups: Vec<u64> = result
        .get("Groups")
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(Value::as_u64).collect())
        .unwrap_or_default();
    for (i, count) in groups.iter().enumerate() {
        ui.label(format!("Group {} alone: {count}", i + 1));
    }
    if groups.len() > 1
        && let Some((i, count)) = groups.iter().enumerate().min_by_key(|(_, c)| **c)
    {
        ui.label(
            RichText::new(format!("Group {} narrows it most ({count}).", i + 1))
                .color(theme::MUTED),
        );
    }
    if busy || e.sent.as_ref() != Some(&json) {
        ui.label(RichText::new("updating…").color(theme::MUTED));
    }
    actions
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::drafts::segment::{Criterion, GroupDraft, SourceRef};

    #[test]
    fn rows_with_a_message_are_counted_once_each() {
        let mut d = SegmentDraft::default();
        d.groups[0].sets[0].push(Criterion::default());
        d.groups.push(GroupDraft { sources: vec![SourceRef::default()], ..GroupDraft::default() });
        let (_, errors) = d.build();
        // Two empty Platform rows in group 1 (the second also a repeat), group 2's empty row
        // and its base segment with no segment chosen; the missing name is not a row.
        assert!(errors.get("name").is_some());
        assert_eq!(incomplete_rows(&errors), 4, "{errors:?}");
        assert_eq!(incomplete_rows(&FieldErrors::default()), 0);
    }

    #[test]
    fn small_shares_are_not_rounded_away() {
        assert_eq!(share_text(0, 120), "0 %");
        assert_eq!(share_text(1, 120), "0.8 %");
        assert_eq!(share_text(1, 5000), "<0.1 %");
        assert_eq!(share_text(60, 120), "50 %");
        assert_eq!(share_text(119, 120), "99.2 %");
        assert_eq!(share_text(4999, 5000), ">99.9 %");
        assert_eq!(share_text(120, 120), "100 %");
        assert_eq!(share_text(0, 0), "0 %");
    }
}
