//! Toasts: short messages in the bottom-right corner for errors that no form owns.

use egui::{Align2, RichText};

use super::theme;

/// How a toast looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ToastKind {
    /// Something worked.
    Success,
    /// Something failed.
    Error,
}

#[derive(Debug, Clone)]
struct Toast {
    kind: ToastKind,
    text: String,
    shown_at: Option<f64>,
}

/// The stack of toasts.
#[derive(Debug, Default)]
pub struct Toasts(Vec<Toast>);

impl Toasts {
    /// Adds a toast.
    pub fn push(&mut self, kind: ToastKind, text: impl Into<String>) {
        self.0.push(Toast { kind, text: text.into(), shown_at: None });
    }

    /// The texts of the toasts on screen (for tests and the status line).
    pub fn texts(&self) -> impl Iterator<Item = &str> {
        self.0.iter().map(|t| t.text.as_str())
    }

    /// Draws the toasts and drops expired or dismissed ones.
    pub fn show(&mut self, ctx: &egui::Context) {
        if self.0.is_empty() {
            return;
        }
        let now = ctx.input(|i| i.time);
        let mut dismissed = None;
        egui::Area::new(egui::Id::unique("toasts"))
            .anchor(Align2::RIGHT_BOTTOM, egui::vec2(-12.0, -12.0))
            .show(ctx, |ui| {
                for (index, toast) in self.0.iter_mut().enumerate() {
                    let shown_at = *toast.shown_at.get_or_insert(now);
                    let color = match toast.kind {
                        ToastKind::Success => theme::OK,
                        ToastKind::Error => theme::ERROR,
                    };
                    egui::Frame::popup(ui.style()).show(ui, |ui| {
                        ui.set_max_width(420.0);
                        ui.horizontal(|ui| {
                            ui.label(RichText::new(&toast.text).color(color));
                            if ui.small_button("x").on_hover_text("Dismiss").clicked() {
                                dismissed = Some(index);
                            }
                        });
                    });
                    let left = theme::TOAST_SECONDS - (now - shown_at);
                    if left <= 0.0 {
                        dismissed = dismissed.or(Some(index));
                    } else {
                        ctx.request_repaint_after(std::time::Duration::from_secs_f64(left));
                    }
                }
            });
        if let Some(index) = dismissed {
            self.0.remove(index);
        }
    }
}
