//! Segment groups: how groups combine, and per group its type, base segments and dimension
//! sets (add, remove, reorder, duplicate groups and criteria).

use egui::RichText;
use serde_json::Value;

use super::criteria::Incomplete;
use super::{SegmentChoice, criteria};
use crate::drafts::FieldErrors;
use crate::drafts::segment::{Criterion, GROUP_TYPES, GroupDraft, SegmentDraft, SourceRef};
use crate::ui::theme;
use crate::ui::widgets::{choice_row, error_label, name_for_a11y};

fn type_words(t: &str) -> &'static str {
    match t {
        "ANY" => "any of",
        "NONE" => "none of",
        _ => "all of",
    }
}

/// Draws the groups of a segment; rows the estimate leaves out (`incomplete`) say so.
pub fn show(
    ui: &mut egui::Ui,
    d: &mut SegmentDraft,
    (errors, incomplete): (&FieldErrors, &Incomplete<'_>),
    segments: &[SegmentChoice],
    values: Option<&Value>,
) {
    choice_row(ui, "Include groups", &mut d.include, &GROUP_TYPES, None, None);
    ui.label(
        RichText::new(format!("Endpoints that match {} the groups below.", type_words(&d.include)))
            .color(theme::MUTED),
    );
    if d.plain_dimensions().is_some() {
        ui.label(
            RichText::new(
                "Stored as plain dimensions (no groups); adding a group, a set or a base segment \
                 saves it as segment groups.",
            )
            .color(theme::MUTED),
        );
    }
    if let Some(message) = errors.get("groups") {
        error_label(ui, message);
    }
    let mut action: Option<(&str, usize)> = None;
    let count = d.groups.len();
    for g in 0..count {
        let group = &mut d.groups[g];
        let key = format!("g{g}");
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.push_id(("group", g), |ui| {
                ui.horizontal(|ui| {
                    ui.label(RichText::new(format!("Group {}", g + 1)).strong());
                    for (word, what, a11y) in [
                        ("up", "up", format!("Move group {} up", g + 1)),
                        ("copy", "duplicate", format!("Duplicate group {}", g + 1)),
                        ("remove", "remove", format!("Remove group {}", g + 1)),
                    ] {
                        let button = ui.small_button(word);
                        name_for_a11y(ui, &button, &a11y);
                        if button.clicked() && !(what == "up" && g == 0) {
                            action = Some((what, g));
                        }
                    }
                });
                choice_row(
                    ui,
                    &format!("Group {} matches", g + 1),
                    &mut group.kind,
                    &GROUP_TYPES,
                    None,
                    None,
                );
                if let Some(message) = errors.get(&format!("{key}.empty")) {
                    error_label(ui, message);
                }
                sources(ui, group, g, (errors, incomplete), segments);
                sets(ui, group, g, (errors, incomplete), values);
            });
        });
        ui.add_space(4.0);
    }
    if ui.button("+ Add group").clicked() {
        d.groups.push(GroupDraft::default());
    }
    match action {
        Some(("up", g)) => d.groups.swap(g, g - 1),
        Some(("duplicate", g)) => {
            let copy = d.groups[g].clone();
            d.groups.insert(g + 1, copy);
        }
        Some(("remove", g)) => {
            d.groups.remove(g);
        }
        _ => {}
    }
}

fn sources(
    ui: &mut egui::Ui,
    group: &mut GroupDraft,
    g: usize,
    (errors, incomplete): (&FieldErrors, &Incomplete<'_>),
    segments: &[SegmentChoice],
) {
    let mut remove = None;
    for (i, source) in group.sources.iter_mut().enumerate() {
        ui.horizontal(|ui| {
            let label = ui.label(format!("Base segment {}", i + 1));
            let shown = segments
                .iter()
                .find(|s| s.id == source.id)
                .map_or_else(|| source.id.clone(), |s| s.name.clone());
            egui::ComboBox::from_id_salt(("source", g, i))
                .selected_text(shown)
                .show_ui(ui, |ui| {
                    for s in segments {
                        ui.selectable_value(&mut source.id, s.id.clone(), &s.name);
                    }
                })
                .response
                .labelled_by(label.id);
            let v = ui.label("version");
            ui.add(
                egui::TextEdit::singleline(&mut source.version)
                    .hint_text("latest")
                    .desired_width(50.0),
            )
            .labelled_by(v.id);
            if ui.small_button("Remove").clicked() {
                remove = Some(i);
            }
        });
        let key = format!("g{g}.s{i}");
        let shown = errors.get(&key);
        if let Some(message) = shown {
            error_label(ui, message);
        }
        if let Some(reason) = incomplete.live.and_then(|live| live.get(&key)) {
            let name = format!("Base segment {} of group {}", i + 1, g + 1);
            criteria::not_counted(ui, &name, shown.is_none().then_some(reason));
        }
    }
    if let Some(i) = remove {
        group.sources.remove(i);
    }
    ui.horizontal(|ui| {
        let add = ui.small_button("+ base segment");
        name_for_a11y(ui, &add, &format!("+ Base segment in group {}", g + 1));
        if add.clicked() {
            group.sources.push(SourceRef {
                id: segments.first().map(|s| s.id.clone()).unwrap_or_default(),
                version: String::new(),
            });
        }
        if group.sources.len() > 1 {
            let mut any = group.source_type == "ANY";
            ui.checkbox(&mut any, "in any base segment (otherwise all)");
            if any { "ANY" } else { "ALL" }.clone_into(&mut group.source_type);
        }
    });
}

fn sets(
    ui: &mut egui::Ui,
    group: &mut GroupDraft,
    g: usize,
    errors: (&FieldErrors, &Incomplete<'_>),
    values: Option<&Value>,
) {
    let mut remove_set = None;
    let n = group.sets.len();
    for d in 0..n {
        let set = &mut group.sets[d];
        if d == 0 {
            ui.label(
                RichText::new(format!(
                    "Endpoints that satisfy {} these dimension sets:",
                    type_words(&group.kind)
                ))
                .color(theme::MUTED),
            );
        }
        ui.label(
            RichText::new(format!("Set {} (every criterion holds)", d + 1)).color(theme::MUTED),
        );
        let mut op: Option<(&str, usize)> = None;
        for (c, criterion) in set.iter_mut().enumerate() {
            let key = format!("g{g}.d{d}.c{c}");
            ui.push_id(("criterion", d, c), |ui| {
                let name = format!("G{}S{}C{}", g + 1, d + 1, c + 1);
                if let Some(o) = criteria::show(ui, &name, criterion, &key, errors, values) {
                    op = Some((o, c));
                }
            });
        }
        match op {
            Some(("remove", c)) => {
                set.remove(c);
            }
            Some(("duplicate", c)) => {
                let copy = set[c].clone();
                set.insert(c + 1, copy);
            }
            Some(("up", c)) if c > 0 => set.swap(c, c - 1),
            _ => {}
        }
        ui.horizontal(|ui| {
            let add = ui.small_button("+ criterion");
            name_for_a11y(ui, &add, &format!("+ Criterion in group {} set {}", g + 1, d + 1));
            if add.clicked() {
                set.push(Criterion::default());
            }
            if n > 1 {
                let remove = ui.small_button("remove set");
                name_for_a11y(ui, &remove, &format!("Remove group {} set {}", g + 1, d + 1));
                if remove.clicked() {
                    remove_set = Some(d);
                }
            }
        });
    }
    if let Some(d) = remove_set {
        group.sets.remove(d);
    }
    let add_set = ui.small_button("+ dimension set");
    name_for_a11y(ui, &add_set, &format!("+ Dimension set in group {}", g + 1));
    if add_set.clicked() {
        group.sets.push(vec![Criterion::default()]);
    }
}
