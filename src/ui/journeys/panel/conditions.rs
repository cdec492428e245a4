//! The conditions of a yes/no split (`Condition`: conditions joined by ALL or ANY) and of a
//! multivariate split (a condition per path, the else path for the rest), each a segment, an
//! event (with the message activity it follows) or criteria rows of the segment builder;
//! and the evaluation wait.

use crate::drafts::FieldErrors;
use crate::drafts::journey::{
    ConditionDraft, EventDraft, MAX_MULTI_BRANCHES, MultiPath, SimpleDraft, WaitDraft,
};
use crate::drafts::segment::Criterion;
use crate::ui::journeys::Context;
use crate::ui::journeys::settings::{event_fields, segment_pick, under};
use crate::ui::segments::criteria::{self, Incomplete};
use crate::ui::widgets::{choice_row, error_label, form_row, section};

const KINDS: [&str; 3] = ["Segment", "Event", "Criteria"];

/// One `SimpleCondition`, `name` its short handle ("C1", "Path 2").
fn simple(
    ui: &mut egui::Ui,
    name: &str,
    c: &mut SimpleDraft,
    problems: &FieldErrors,
    path: &str,
    cx: &Context<'_>,
) {
    let mut kind = match c {
        SimpleDraft::Segment(_) => "Segment",
        SimpleDraft::Event { .. } => "Event",
        SimpleDraft::Dimensions(_) => "Criteria",
    }
    .to_owned();
    if choice_row(ui, &format!("{name} tests"), &mut kind, &KINDS, None, None) {
        *c = match kind.as_str() {
            "Event" => {
                SimpleDraft::Event { event: EventDraft::default(), message_activity: String::new() }
            }
            "Criteria" => SimpleDraft::Dimensions(vec![Criterion::default()]),
            _ => SimpleDraft::Segment(String::new()),
        };
    }
    match c {
        SimpleDraft::Segment(id) => {
            segment_pick(
                ui,
                &format!("{name} segment"),
                id,
                cx,
                under(problems, &format!("{path}.SegmentCondition")),
            );
        }
        SimpleDraft::Event { event, message_activity } => {
            event_fields(ui, event, name, problems, &format!("{path}.EventCondition.Dimensions"));
            form_row(
                ui,
                &format!("{name} after message"),
                message_activity,
                "a message activity's id (optional)",
                under(problems, &format!("{path}.EventCondition.MessageActivity")),
            );
        }
        SimpleDraft::Dimensions(rows) => {
            let key = format!("{path}.SegmentDimensions");
            let none = Incomplete { live: None };
            let mut op = None;
            for (i, row) in rows.iter_mut().enumerate() {
                let handle = format!("{name}R{}", i + 1);
                if let Some(what) = criteria::show(
                    ui,
                    &handle,
                    row,
                    &format!("{key}.c{i}"),
                    (problems, &none),
                    cx.values,
                ) {
                    op = Some((what, i));
                }
            }
            match op {
                Some(("remove", i)) if rows.len() > 1 => {
                    rows.remove(i);
                }
                Some(("duplicate", i)) => {
                    let copy = rows[i].clone();
                    rows.insert(i + 1, copy);
                }
                Some(("up", i)) if i > 0 => rows.swap(i, i - 1),
                _ => {}
            }
            if ui.button(format!("+ Criterion in {name}")).clicked() {
                rows.push(Criterion::default());
            }
        }
    }
}

/// A yes/no split's condition.
pub(super) fn condition(
    ui: &mut egui::Ui,
    id: &str,
    c: &mut ConditionDraft,
    problems: &FieldErrors,
    cx: &Context<'_>,
) {
    let path = format!("Activities.{id}.ConditionalSplit.Condition");
    section(ui, "Yes when");
    choice_row(
        ui,
        "Conditions must hold",
        &mut c.operator,
        &["ALL", "ANY"],
        Some("(unset: all)"),
        None,
    );
    let mut remove = None;
    for (i, s) in c.conditions.iter_mut().enumerate() {
        simple(ui, &format!("C{}", i + 1), s, problems, &format!("{path}.Conditions[{i}]"), cx);
        if ui.small_button(format!("Remove C{}", i + 1)).clicked() {
            remove = Some(i);
        }
        ui.separator();
    }
    if let Some(i) = remove {
        c.conditions.remove(i);
    }
    if ui.button("+ Condition").clicked() {
        c.conditions.push(SimpleDraft::default());
    }
    if let Some(m) = problems.get(&format!("{path}.Conditions")) {
        error_label(ui, m);
    }
}

/// A multivariate split's paths.
pub(super) fn multi(
    ui: &mut egui::Ui,
    id: &str,
    paths: &mut Vec<MultiPath>,
    problems: &FieldErrors,
    cx: &Context<'_>,
) {
    let path = format!("Activities.{id}.MultiCondition.Branches");
    section(ui, "Paths (the first that holds is taken; else the else path)");
    let mut remove = None;
    for (i, p) in paths.iter_mut().enumerate() {
        simple(
            ui,
            &format!("Path {}", i + 1),
            &mut p.condition,
            problems,
            &format!("{path}[{i}].Condition"),
            cx,
        );
        if ui.small_button(format!("Remove path {}", i + 1)).clicked() {
            remove = Some(i);
        }
        ui.separator();
    }
    if let Some(i) = remove {
        paths.remove(i);
    }
    if paths.len() < MAX_MULTI_BRANCHES && ui.button("+ Path").clicked() {
        paths.push(MultiPath::default());
    }
    if let Some(m) = problems.get(&path) {
        error_label(ui, m);
    }
}

/// How long to wait before evaluating (none: at once).
pub(super) fn evaluation_wait(
    ui: &mut egui::Ui,
    w: &mut Option<WaitDraft>,
    problems: &FieldErrors,
    path: &str,
) {
    let mut on = w.is_some();
    if ui.checkbox(&mut on, "Wait before evaluating").changed() {
        *w = on.then(|| WaitDraft { wait_for: "P1D".into(), wait_until: String::new() });
    }
    if let Some(w) = w {
        super::kinds::wait(ui, w, "Evaluate after waiting", problems, path);
    }
}
