//! The action bar of the campaign and segment editors, under their heading: the everyday
//! buttons on the left, always in the same order and place ("Create" or "Save", then "Revert
//! changes", shown for a stored resource and enabled while the form differs), then what the
//! editor adds (pause, state words); the destructive "Delete …" alone at the far right, in red.
//! Nothing appears or disappears before a button, so no button slides into another's place,
//! and the messages a save leaves go under the bar, never above it.

use egui::{RichText, Ui};

use super::theme;
use super::widgets::EditorChoice;
use super::widgets::danger_button;

/// What the bar shows.
#[derive(Debug, Clone, Copy)]
pub struct Bar<'a> {
    /// "campaign", "segment".
    pub noun: &'a str,
    /// The resource is stored (Revert and Delete apply).
    pub exists: bool,
    /// The form differs from what is stored.
    pub dirty: bool,
    /// A save or delete runs, or another step is open over the editor (a review): nothing is
    /// offered, and the shortcut is left alone.
    pub busy: bool,
}

/// Draws the bar; `extra` adds the editor's own controls after Revert. Ctrl+S (Cmd+S) saves
/// like the button.
pub fn show(ui: &mut Ui, bar: Bar<'_>, extra: impl FnOnce(&mut Ui)) -> Option<EditorChoice> {
    let shortcut = !bar.busy && ui.input_mut(|i| i.consume_shortcut(&theme::SAVE_SHORTCUT));
    ui.horizontal(|ui| {
        let mut choice = None;
        let noun = bar.noun;
        let label = if bar.exists { format!("Save {noun}") } else { format!("Create {noun}") };
        let save = ui.add_enabled(!bar.busy, egui::Button::new(label));
        if (save.clicked() || shortcut) && !bar.busy {
            choice = Some(EditorChoice::Save);
        }
        if bar.exists {
            let revert = ui
                .add_enabled(bar.dirty && !bar.busy, egui::Button::new("Revert changes"))
                .on_disabled_hover_text("Nothing to revert: the form matches what is stored");
            if revert.clicked() {
                choice = Some(EditorChoice::Revert);
            }
        }
        extra(ui);
        if bar.busy {
            // Last on the left, so it moves nothing.
            ui.spinner();
        }
        if bar.exists {
            // At the right edge of what is on screen (inline when the row has no room left).
            let size = egui::vec2(theme::visible_width(ui), ui.spacing().interact_size.y);
            let layout = egui::Layout::right_to_left(egui::Align::Center);
            ui.allocate_ui_with_layout(size, layout, |ui| {
                let delete = danger_button(&format!("Delete {noun}…"));
                if ui.add_enabled(!bar.busy, delete).clicked() {
                    choice = Some(EditorChoice::Delete);
                }
            });
        }
        choice
    })
    .inner
}

/// A message an editor's last step left (a save's result, a draft brought back): shown under
/// the bar only while it is true.
#[derive(Debug, Clone, PartialEq)]
pub struct Notice<D, T> {
    /// What it says.
    pub text: String,
    /// The form and tab it was about; it goes once either changes. `None`: it stays until the
    /// editor closes or saves (what it says holds until then).
    pub until: Option<(D, T)>,
}

impl<D: PartialEq, T: PartialEq> Notice<D, T> {
    /// A notice that goes once the form `draft` is edited or another tab than `tab` is shown.
    pub fn until_changed(text: impl Into<String>, draft: D, tab: T) -> Self {
        Self { text: text.into(), until: Some((draft, tab)) }
    }

    /// A notice that stays while the editor is open.
    pub fn lasting(text: impl Into<String>) -> Self {
        Self { text: text.into(), until: None }
    }

    /// True while what it says still holds for `draft` shown on `tab`.
    pub fn holds(&self, draft: &D, tab: &T) -> bool {
        self.until.as_ref().is_none_or(|(d, t)| d == draft && t == tab)
    }
}

/// What went wrong with the last save, for the lines under the bar.
#[derive(Debug, Clone, Copy, Default)]
pub struct Problems<'a> {
    /// "2 field(s) need attention…", while the form has messages.
    pub fields: Option<&'a str>,
    /// The service's refusal of the last save.
    pub refused: Option<&'a crate::api::ApiError>,
}

/// The lines under the bar: what went wrong with the last save, else the notice while it holds
/// (a notice never shows above new errors: they end it). When `scroll` is set, the first line
/// is brought on screen (a result of Ctrl+S while the bar was scrolled away) and `scroll`
/// cleared.
pub fn messages<D: PartialEq, T: PartialEq>(
    ui: &mut Ui,
    notice: &mut Option<Notice<D, T>>,
    (draft, tab): (&D, &T),
    problems: Problems<'_>,
    scroll: &mut bool,
) {
    let failing = problems.fields.is_some() || problems.refused.is_some();
    if failing || notice.as_ref().is_some_and(|n| !n.holds(draft, tab)) {
        *notice = None;
    }
    let mut shown = Vec::new();
    if let Some(text) = problems.fields {
        shown.push(super::widgets::error_label(ui, text));
    }
    if let Some(error) = problems.refused {
        shown.push(ui.scope(|ui| super::error_view::api_error(ui, error)).response);
    }
    if let Some(n) = notice {
        shown.push(ui.label(RichText::new(&n.text).color(theme::OK)));
    }
    if *scroll && let Some(first) = shown.first() {
        first.scroll_to_me(Some(egui::Align::Center));
    }
    *scroll = false;
}
