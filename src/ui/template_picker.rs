//! Templates used in messages: the account's templates as the campaign editor and the composer
//! pick them (a name of the channel's type and a version, empty for the active one), and what
//! the chosen version renders to — the template filled into the message as the service does it
//! (`pinpoint::template::apply`: what the message gives itself wins), placeholders resolved
//! against the preview's endpoint and the template's default substitutions.

use std::collections::{BTreeMap, BTreeSet};

use egui::RichText;
use serde_json::Value;

use super::action::{Action, TemplateAction};
use super::theme;
use super::widgets::{field_label, name_for_a11y};
use crate::api::templates::TemplateRow;
use crate::drafts::campaign::TemplateRef;
use crate::pinpoint::render::{self, Fields, Substitutions};
use crate::pinpoint::{ChannelKind, TemplateKind, template};

/// Which version of which template: (name, type, version or "" for the active one).
pub type Key = (String, TemplateKind, String);

/// The account's templates as pickers see them, and the bodies read for previews.
#[derive(Debug, Clone, Default)]
pub struct TemplateLibrary {
    /// Every template, once read.
    pub rows: Option<Vec<TemplateRow>>,
    /// True once the list was asked for on this connection.
    pub requested: bool,
    /// Bodies read, by key.
    pub bodies: BTreeMap<Key, Value>,
    /// Keys whose body could not be read, with why.
    pub failed: BTreeMap<Key, String>,
    /// Keys asked for and not answered yet.
    pub asked: BTreeSet<Key>,
}

impl TemplateLibrary {
    /// What to ask so pickers have the list (once).
    pub fn wanted(&mut self) -> Option<Action> {
        if self.requested {
            return None;
        }
        self.requested = true;
        Some(Action::Templates(TemplateAction::Choices))
    }
}

/// The template type that serves a campaign message member or a composer family.
#[must_use]
pub fn kind_of_member(member: &str) -> Option<TemplateKind> {
    match member {
        "EmailMessage" => Some(TemplateKind::Email),
        "SMSMessage" => Some(TemplateKind::Sms),
        "CustomMessage" | "DefaultMessage" => None,
        "InAppMessage" => Some(TemplateKind::InApp),
        _ => Some(TemplateKind::Push),
    }
}

/// Index of a type in `TemplateRef` arrays (`TEMPLATE_KINDS` order).
#[must_use]
pub fn index_of(kind: TemplateKind) -> usize {
    match kind {
        TemplateKind::Email => 0,
        TemplateKind::Sms => 1,
        TemplateKind::Push => 2,
        TemplateKind::Voice => 3,
        TemplateKind::InApp => 4,
    }
}

/// A template and version picker for `kind`, labelled "{label}" and "{label} version".
pub fn pick(
    ui: &mut egui::Ui,
    label: &str,
    kind: TemplateKind,
    r: &mut TemplateRef,
    lib: &TemplateLibrary,
) {
    ui.horizontal_wrapped(|ui| {
        let label_response = field_label(ui, label);
        let shown =
            if r.name.is_empty() { "(none: write the message)".to_owned() } else { r.name.clone() };
        egui::ComboBox::from_id_salt(("template_pick", label))
            .selected_text(shown)
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut r.name, String::new(), "(none: write the message)");
                for row in lib.rows.iter().flatten().filter(|row| row.kind == kind) {
                    ui.selectable_value(&mut r.name, row.name.clone(), &row.name);
                }
            })
            .response
            .labelled_by(label_response.id);
        if !r.name.is_empty() {
            let version = ui.add(
                egui::TextEdit::singleline(&mut r.version).hint_text("active").desired_width(60.0),
            );
            name_for_a11y(ui, &version, &format!("{label} version"));
        }
    });
    if lib.rows.is_none() {
        super::widgets::field_note(ui, "Loading the account's templates…");
    }
}

/// The body of the template `r` of `kind` once read; until then a line saying why not, and
/// the request to read it (once) in `ask`.
pub fn body<'l>(
    ui: &mut egui::Ui,
    kind: TemplateKind,
    r: &TemplateRef,
    lib: &'l TemplateLibrary,
    ask: &mut Option<Action>,
) -> Option<&'l Value> {
    let name = r.name.trim();
    if name.is_empty() {
        return None;
    }
    let key: Key = (name.to_owned(), kind, r.version.trim().to_owned());
    if let Some(why) = lib.failed.get(&key) {
        super::widgets::error_label(ui, &format!("The template could not be read. {why}"));
        return None;
    }
    let body = lib.bodies.get(&key);
    if body.is_none() {
        ui.label(RichText::new("Reading the template…").color(theme::MUTED));
        if !lib.asked.contains(&key) {
            *ask = Some(Action::Templates(TemplateAction::Use {
                name: key.0.clone(),
                kind,
                version: key.2,
            }));
        }
    }
    body
}

/// What the message renders to with the template `r` of `kind` for `channel`; asks for the
/// template's body when it is not read yet. `message` is the configuration as the form builds
/// it (JSON in the service's spelling).
pub fn rendered(
    ui: &mut egui::Ui,
    kind: TemplateKind,
    channel: ChannelKind,
    r: &TemplateRef,
    message: &Value,
    (endpoint, subs): (Option<&dyn Fields>, &Substitutions),
    lib: &TemplateLibrary,
) -> Option<Action> {
    let name = r.name.trim();
    let mut ask = None;
    let Some(body) = body(ui, kind, r, lib, &mut ask) else { return ask };
    let mut config = message.clone();
    template::apply(&mut config, kind, body);
    let subs = subs.clone().with_defaults(template::default_substitutions(body));
    let out = render::message_for(&config, channel)
        .map(|m| render::render(m, channel, endpoint, &subs, None))
        .unwrap_or_default();
    ui.label(RichText::new(format!("With template “{name}”:")).strong());
    if let Some(title) = &out.title {
        ui.add(egui::Label::new(format!("Title: {title}")).selectable(true));
    }
    ui.add(egui::Label::new(out.body).selectable(true));
    None
}
