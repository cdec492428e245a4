//! The connection dialog: switch between Demo, AWS and a custom endpoint at run time.

use super::action::Action;
use super::widgets::{error_label, form_row};
use crate::api::{ConnectionKind, ConnectionSpec};
use crate::secrets::Redacted;

/// The dialog's state; fields keep what was typed across openings.
#[derive(Debug, Clone, Default)]
pub struct ConnectionDialog {
    /// Whether the dialog is shown.
    pub open: bool,
    /// The chosen kind.
    pub kind: Option<ConnectionKind>,
    /// AWS profile (also used by Custom when set).
    pub profile: String,
    /// Region.
    pub region: String,
    /// Custom endpoint URL.
    pub endpoint_url: String,
    /// AWS: use access keys from the OS keyring.
    pub keyring_keys: bool,
    /// AWS: an access key id to save in the keyring.
    pub access_key_id: String,
    /// AWS: a secret access key to save in the keyring (cleared once sent).
    pub secret_access_key: String,
    /// Why the last Connect was refused.
    pub error: Option<String>,
}

fn opt(text: &str) -> Option<String> {
    let t = text.trim();
    (!t.is_empty()).then(|| t.to_owned())
}

impl ConnectionDialog {
    /// A closed dialog preset to `spec`.
    #[must_use]
    pub fn from_spec(spec: &ConnectionSpec) -> Self {
        let mut dialog = Self { kind: Some(spec.kind()), ..Self::default() };
        match spec {
            ConnectionSpec::Demo => {}
            ConnectionSpec::Aws { profile, region, keyring_keys, .. } => {
                dialog.profile = profile.clone().unwrap_or_default();
                dialog.region = region.clone().unwrap_or_default();
                dialog.keyring_keys = *keyring_keys;
            }
            ConnectionSpec::Custom { endpoint_url, region, profile } => {
                dialog.endpoint_url.clone_from(endpoint_url);
                dialog.region = region.clone().unwrap_or_default();
                dialog.profile = profile.clone().unwrap_or_default();
            }
        }
        dialog
    }

    /// The connection the fields describe, or why they do not describe one.
    pub fn spec(&self) -> Result<ConnectionSpec, String> {
        match self.kind.unwrap_or(ConnectionKind::Demo) {
            ConnectionKind::Demo => Ok(ConnectionSpec::Demo),
            ConnectionKind::Aws => {
                let id = self.access_key_id.trim();
                let secret = self.secret_access_key.trim();
                let new_keys = match (self.keyring_keys, id.is_empty(), secret.is_empty()) {
                    (true, false, false) => Some(Redacted((id.to_owned(), secret.to_owned()))),
                    (true, true, true) | (false, _, _) => None,
                    (true, _, _) => return Err("Enter both the access key id and the secret access key (or neither, to use the saved ones)".to_owned()),
                };
                Ok(ConnectionSpec::Aws {
                    profile: opt(&self.profile),
                    region: opt(&self.region),
                    keyring_keys: self.keyring_keys,
                    new_keys,
                })
            }
            ConnectionKind::Custom => {
                let url = self.endpoint_url.trim();
                if !(url.starts_with("http://") || url.starts_with("https://")) || url.len() < 10 {
                    return Err("Enter an endpoint URL such as http://127.0.0.1:4566".to_owned());
                }
                Ok(ConnectionSpec::Custom {
                    endpoint_url: url.to_owned(),
                    region: opt(&self.region),
                    profile: opt(&self.profile),
                })
            }
        }
    }

    /// Draws the dialog when open.
    pub fn show(&mut self, ctx: &egui::Context) -> Option<Action> {
        if !self.open {
            return None;
        }
        let mut action = None;
        let mut open = true;
        egui::Window::new("Connection")
            .pivot(egui::Align2::CENTER_CENTER)
            .default_pos(ctx.content_rect().center())
            .open(&mut open)
            .collapsible(false)
            .resizable(false)
            .show(ctx, |ui| {
                let mut kind = self.kind.unwrap_or(ConnectionKind::Demo);
                ui.horizontal(|ui| {
                    ui.radio_value(&mut kind, ConnectionKind::Demo, "Demo (embedded mock)");
                    ui.radio_value(&mut kind, ConnectionKind::Aws, "AWS");
                    ui.radio_value(&mut kind, ConnectionKind::Custom, "Custom endpoint");
                });
                self.kind = Some(kind);
                ui.add_space(6.0);
                match kind {
                    ConnectionKind::Demo => {
                        ui.label("A Pinpoint mock inside the app with a demo data set. No credentials needed.");
                    }
                    ConnectionKind::Aws => {
                        ui.horizontal(|ui| {
                            ui.radio_value(&mut self.keyring_keys, false, "Profile / environment");
                            ui.radio_value(&mut self.keyring_keys, true, "Access keys (OS keyring)");
                        });
                        if self.keyring_keys {
                            form_row(ui, "Access key id", &mut self.access_key_id, "empty: use the saved keys", None);
                            ui.horizontal(|ui| {
                                let label = super::widgets::field_label(ui, "Secret access key");
                                ui.add(egui::TextEdit::singleline(&mut self.secret_access_key).password(true).desired_width(super::theme::FIELD_WIDTH))
                                    .labelled_by(label.id);
                            });
                        } else {
                            form_row(ui, "Profile", &mut self.profile, "default chain", None);
                        }
                        form_row(ui, "Region", &mut self.region, "e.g. us-east-1", None);
                        ui.label("Credentials come from aws-config: the profile (SSO works), or AWS_* variables.");
                    }
                    ConnectionKind::Custom => {
                        form_row(ui, "Endpoint URL", &mut self.endpoint_url, "http://127.0.0.1:4566", None);
                        form_row(ui, "Region", &mut self.region, "us-east-1", None);
                        form_row(ui, "Profile", &mut self.profile, "none: placeholder credentials", None);
                    }
                }
                if let Some(error) = &self.error {
                    error_label(ui, error);
                }
                ui.add_space(6.0);
                ui.horizontal(|ui| {
                    if ui.button("Connect").clicked() {
                        match self.spec() {
                            Ok(spec) => {
                                self.error = None;
                                self.open = false;
                                // The secret goes to the keyring through the worker; the dialog
                                // does not keep it.
                                self.secret_access_key.clear();
                                action = Some(Action::Connect(spec));
                            }
                            Err(message) => self.error = Some(message),
                        }
                    }
                    if ui.button("Cancel").clicked() {
                        self.open = false;
                    }
                });
            });
        if !open {
            self.open = false;
        }
        action
    }
}
