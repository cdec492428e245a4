//! Design tokens: the only place with colour literals and spacing numbers.

use egui::Color32;

/// Healthy connection, success.
pub const OK: Color32 = Color32::from_rgb(0x3f, 0xb9, 0x50);
/// In progress, attention.
pub const WARN: Color32 = Color32::from_rgb(0xe3, 0xa0, 0x08);
/// Failure, an invalid field.
pub const ERROR: Color32 = Color32::from_rgb(0xf0, 0x52, 0x4f);
/// Secondary text (ids, dates).
pub const MUTED: Color32 = Color32::from_rgb(0x8b, 0x94, 0x9e);
/// Accent for the product name.
pub const ACCENT: Color32 = Color32::from_rgb(0x6c, 0x8c, 0xff);

/// Colours of the treatments in the split bar: control, then each additional treatment.
pub const SPLIT: [Color32; 6] = [
    Color32::from_rgb(0x6c, 0x8c, 0xff),
    Color32::from_rgb(0x3f, 0xb9, 0x50),
    Color32::from_rgb(0xe3, 0xa0, 0x08),
    Color32::from_rgb(0xc0, 0x7b, 0xe0),
    Color32::from_rgb(0x39, 0xc5, 0xcf),
    Color32::from_rgb(0xf0, 0x88, 0x6a),
];
/// Holdout in the split bar.
pub const HOLDOUT: Color32 = Color32::from_rgb(0x8b, 0x94, 0x9e);

/// Saves the open campaign or segment editor (Ctrl+S, Cmd+S on macOS).
pub const SAVE_SHORTCUT: egui::KeyboardShortcut =
    egui::KeyboardShortcut::new(egui::Modifiers::COMMAND, egui::Key::S);

/// Width of form labels, so fields line up.
pub const LABEL_WIDTH: f32 = 170.0;
/// Width of single-line form fields.
pub const FIELD_WIDTH: f32 = 240.0;
/// The narrowest a text field gets before the window is too small for it.
pub const FIELD_MIN_WIDTH: f32 = 120.0;
/// The widest a single-line field grows on a large window (longer lines are hard to read).
pub const FIELD_MAX_WIDTH: f32 = 640.0;

/// The width a field takes in the space left on its row: all of it, between the house minimum
/// and maximum, so forms fill a wide window and still fit a narrow one.
#[must_use]
pub fn field_width(ui: &egui::Ui) -> f32 {
    (visible_width(ui) - 8.0).clamp(FIELD_MIN_WIDTH, FIELD_MAX_WIDTH)
}

/// The width left on the row that the panel really shows (a row's max rect can reach past
/// it), so what is placed there stays in view.
#[must_use]
pub fn visible_width(ui: &egui::Ui) -> f32 {
    (ui.max_rect().right().min(ui.clip_rect().right()) - ui.cursor().min.x).max(0.0)
}
/// Space between form sections.
pub const SECTION_GAP: f32 = 14.0;
/// Default width of the project list.
pub const NAV_WIDTH: f32 = 270.0;
/// Initial window size.
pub const WINDOW_SIZE: [f32; 2] = [1200.0, 760.0];
/// How long a toast stays, in seconds.
pub const TOAST_SECONDS: f64 = 8.0;
