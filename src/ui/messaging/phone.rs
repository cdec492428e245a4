//! The phone-number check (PhoneNumberValidate).

use egui::RichText;

use super::MessagingScreen;
use crate::ui::action::Action;
use crate::ui::tasks::Task;
use crate::ui::theme;
use crate::ui::widgets::{busy_button, form_row};

pub(super) fn phone(
    ui: &mut egui::Ui,
    screen: &mut MessagingScreen,
    busy: &dyn Fn(Task) -> bool,
) -> Vec<Action> {
    let mut actions = Vec::new();
    form_row(ui, "Phone number", &mut screen.phone_number, "+1 206 555 0199", None);
    form_row(ui, "Country (ISO)", &mut screen.phone_country, "optional, e.g. US", None);
    if busy_button(ui, "Validate", busy(Task::ValidatePhone))
        && !screen.phone_number.trim().is_empty()
    {
        screen.phone_error = None;
        let country = Some(screen.phone_country.trim().to_uppercase()).filter(|c| !c.is_empty());
        actions
            .push(Action::ValidatePhone { number: screen.phone_number.trim().to_owned(), country });
    }
    if let Some(e) = &screen.phone_error {
        crate::ui::error_view::api_error(ui, e);
    }
    if let Some(p) = &screen.phone {
        egui::Grid::new("phone_answer").num_columns(2).striped(true).show(ui, |ui| {
            let rows: [(&str, Option<String>); 14] = [
                ("Phone type", p.phone_type().map(str::to_owned)),
                ("Phone type code", p.phone_type_code().map(|c| c.to_string())),
                ("E.164", p.cleansed_phone_number_e164().map(str::to_owned)),
                ("National", p.cleansed_phone_number_national().map(str::to_owned)),
                ("Country", p.country().map(str::to_owned)),
                ("Country code (ISO)", p.country_code_iso2().map(str::to_owned)),
                ("Country calling code", p.country_code_numeric().map(str::to_owned)),
                ("City", p.city().map(str::to_owned)),
                ("County", p.county().map(str::to_owned)),
                ("ZIP code", p.zip_code().map(str::to_owned)),
                ("Time zone", p.timezone().map(str::to_owned)),
                ("Carrier", p.carrier().map(str::to_owned)),
                ("Original number", p.original_phone_number().map(str::to_owned)),
                ("Original country", p.original_country_code_iso2().map(str::to_owned)),
            ];
            for (k, v) in rows {
                ui.label(RichText::new(k).color(theme::MUTED));
                ui.label(v.unwrap_or_else(|| "—".to_owned()));
                ui.end_row();
            }
        });
    }
    actions
}
