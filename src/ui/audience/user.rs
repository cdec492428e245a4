//! One user: its endpoints (GetUserEndpoints) and deleting them all.

use super::endpoint::confirm;
use super::{AudienceAction, AudienceScreen, Tab};
use crate::ui::action::Action;
use crate::ui::tasks::Task;
use crate::ui::theme;
use crate::ui::widgets::{busy_button, field_label};

pub(super) fn user(
    ui: &mut egui::Ui,
    screen: &mut AudienceScreen,
    busy: &dyn Fn(Task) -> bool,
    actions: &mut Vec<Action>,
) {
    ui.horizontal(|ui| {
        let label = field_label(ui, "User id");
        ui.add(
            egui::TextEdit::singleline(&mut screen.user_lookup).desired_width(theme::FIELD_WIDTH),
        )
        .labelled_by(label.id);
        if busy_button(ui, "Find endpoints", busy(Task::Audience))
            && !screen.user_lookup.trim().is_empty()
        {
            actions.push(Action::Audience(AudienceAction::GetUser(
                screen.user_lookup.trim().to_owned(),
            )));
        }
    });
    let Some(rows) = screen.user_endpoints.clone() else { return };
    egui::Grid::new("user_endpoints").striped(true).num_columns(4).show(ui, |ui| {
        for (id, channel, address) in &rows {
            ui.label(id);
            ui.label(channel);
            ui.label(address);
            if ui.small_button("Open").on_hover_text(format!("Open endpoint {id}")).clicked() {
                screen.tab = Tab::Endpoint;
                screen.lookup.clone_from(id);
                actions.push(Action::Audience(AudienceAction::GetEndpoint(id.clone())));
            }
            ui.end_row();
        }
    });
    let user = screen.user_lookup.trim().to_owned();
    if !rows.is_empty()
        && ui.add(crate::ui::widgets::danger_button("Delete all endpoints of this user…")).clicked()
    {
        screen.confirm = Some("user");
    }
    if screen.confirm == Some("user") {
        confirm(
            ui,
            &format!("Delete the {} endpoints of {user}?", rows.len()),
            &format!("Delete all of {user}"),
            &mut screen.confirm,
            || {
                actions.push(Action::Audience(AudienceAction::DeleteUser(user.clone())));
            },
        );
    }
}
