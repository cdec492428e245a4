//! The campaign list: sortable, filterable, a row per campaign; and the kept drafts offered
//! above it.

use aws_sdk_pinpoint::types::CampaignResponse;
use egui::RichText;

use super::inapp_view::in_app_campaigns;
use super::state::DRAFT_KIND;
use super::{CampaignAction, CampaignsScreen, Editor, InAppView, SegmentChoice};
use crate::drafts::campaign::{CampaignDraft, default_start};
use crate::drafts::store::DraftStore;
use crate::ui::action::Action;
use crate::ui::error_view::{ErrorChoice, Offer, error_panel};
use crate::ui::tasks::Task;
use crate::ui::theme;
use crate::ui::widgets::{DraftChoice, busy_button, kept_drafts};

/// List columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Column {
    /// Name.
    #[default]
    Name,
    /// Status.
    Status,
    /// Segment.
    Segment,
    /// Frequency.
    Schedule,
    /// Version.
    Version,
    /// Last modified.
    Modified,
}

/// One list row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CampaignRow {
    /// Id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Status.
    pub status: String,
    /// Segment id.
    pub segment: String,
    /// Frequency and start.
    pub schedule: String,
    /// Version.
    pub version: i32,
    /// Last modified.
    pub modified: String,
}

impl CampaignRow {
    fn from(c: &CampaignResponse) -> Self {
        let schedule = c.schedule().map_or_else(String::new, |s| {
            format!(
                "{} · {}",
                s.frequency().map_or("ONCE", |f| f.as_str()),
                s.start_time().unwrap_or_default()
            )
        });
        Self {
            id: c.id().unwrap_or_default().to_owned(),
            name: c.name().unwrap_or_default().to_owned(),
            status: c
                .state()
                .and_then(|s| s.campaign_status())
                .map(|s| s.as_str().to_owned())
                .unwrap_or_default(),
            segment: c.segment_id().unwrap_or_default().to_owned(),
            schedule,
            version: c.version().unwrap_or(0),
            modified: c.last_modified_date().unwrap_or_default().to_owned(),
        }
    }
}

pub(super) fn offered_drafts(
    ui: &mut egui::Ui,
    screen: &mut CampaignsScreen,
    store: Option<&DraftStore>,
) {
    let drafts: Vec<(String, String)> =
        screen.offered.iter().map(|o| (o.key.clone(), o.draft.name.clone())).collect();
    // Restoring needs the list, to tell whether the campaign still exists.
    let loaded = screen.campaigns.is_some();
    let choice = kept_drafts(ui, "campaign", &drafts, loaded, ["Restore draft", "Discard draft"]);
    match choice {
        Some(DraftChoice::Restore(i)) => screen.restore(i, store),
        Some(DraftChoice::Discard(i)) => {
            let offered = screen.offered.remove(i);
            if let (Some(store), Some(app_id)) = (store, &screen.app_id) {
                store.discard(DRAFT_KIND, app_id, &offered.key);
            }
        }
        None => {}
    }
}

/// The buttons and the filter above the list.
fn toolbar(
    ui: &mut egui::Ui,
    screen: &mut CampaignsScreen,
    segments: &[SegmentChoice],
    busy: &dyn Fn(Task) -> bool,
) -> Option<Action> {
    let mut reload = None;
    ui.horizontal(|ui| {
        if ui.button("+ New campaign").clicked() {
            // It starts tomorrow at 09:00 in this computer's time zone: never immediately.
            let segment = segments.first().map_or("", |s| s.id.as_str());
            let start = default_start(&chrono::Local::now());
            screen.editor = Some(Editor::new_campaign(CampaignDraft::new_campaign(segment, start)));
            screen.note = None;
        }
        if busy_button(ui, "Reload campaigns", busy(Task::CampaignList)) {
            reload = Some(Action::Campaigns(CampaignAction::Reload));
        }
        let in_app = screen.campaigns.as_deref().is_some_and(|c| !in_app_campaigns(c).is_empty());
        if in_app && ui.button("What would an endpoint see…").clicked() {
            screen.in_app = Some(InAppView::default());
        }
        let label = ui.label("Filter");
        ui.add(egui::TextEdit::singleline(&mut screen.filter).desired_width(180.0))
            .labelled_by(label.id);
    });
    reload
}

/// The rows shown: segments by name, filtered by `filter` (any column), sorted by `sort`.
fn rows(
    campaigns: &[CampaignResponse],
    filter: &str,
    (column, ascending): (Column, bool),
    segments: &[SegmentChoice],
) -> Vec<CampaignRow> {
    let needle = filter.to_lowercase();
    let segment_name = |id: &str| {
        segments.iter().find(|s| s.id == id).map_or_else(|| id.to_owned(), |s| s.name.clone())
    };
    let mut rows: Vec<CampaignRow> = campaigns
        .iter()
        .map(CampaignRow::from)
        .map(|mut r| {
            r.segment = segment_name(&r.segment);
            r
        })
        .filter(|r| {
            needle.is_empty()
                || [&r.name, &r.status, &r.segment, &r.id]
                    .iter()
                    .any(|v| v.to_lowercase().contains(&needle))
        })
        .collect();
    rows.sort_by(|a, b| {
        let order = match column {
            Column::Name => a.name.to_lowercase().cmp(&b.name.to_lowercase()),
            Column::Status => a.status.cmp(&b.status),
            Column::Segment => a.segment.cmp(&b.segment),
            Column::Schedule => a.schedule.cmp(&b.schedule),
            Column::Version => a.version.cmp(&b.version),
            Column::Modified => a.modified.cmp(&b.modified),
        };
        if ascending { order } else { order.reverse() }
    });
    rows
}

/// Below this width the table leaves out the version and the last modified date, so every
/// column stays on screen.
const NARROW: f32 = 760.0;

/// The table; a click on a header sorts by it (again: the other way). The id of the campaign
/// clicked, if any.
fn grid(ui: &mut egui::Ui, sort: &mut (Column, bool), rows: &[CampaignRow]) -> Option<String> {
    let mut open = None;
    let wide = crate::ui::theme::visible_width(ui) >= NARROW;
    let columns = if wide { 6 } else { 4 };
    egui::Grid::new("campaign_list").striped(true).num_columns(columns).spacing([16.0, 6.0]).show(
        ui,
        |ui| {
            let all = [
                (Column::Name, "Name"),
                (Column::Status, "Status"),
                (Column::Segment, "Segment"),
                (Column::Schedule, "Schedule"),
                (Column::Version, "Version"),
                (Column::Modified, "Last modified"),
            ];
            for (col, label) in all.into_iter().take(columns) {
                let arrow = if sort.0 == col { if sort.1 { " ^" } else { " v" } } else { "" };
                if ui.button(RichText::new(format!("{label}{arrow}")).strong()).clicked() {
                    *sort = if sort.0 == col { (col, !sort.1) } else { (col, true) };
                }
            }
            ui.end_row();
            for row in rows {
                if ui.link(&row.name).clicked() {
                    open = Some(row.id.clone());
                }
                ui.label(&row.status);
                ui.label(&row.segment);
                ui.label(&row.schedule);
                if wide {
                    ui.label(row.version.to_string());
                    ui.label(RichText::new(&row.modified).color(theme::MUTED));
                }
                ui.end_row();
            }
        },
    );
    open
}

/// Opens a campaign in the editor, with its kept draft when there is one.
fn open(screen: &mut CampaignsScreen, id: String, store: Option<&DraftStore>) -> Option<Action> {
    let c = screen.campaigns.iter().flatten().find(|c| c.id() == Some(id.as_str()))?;
    screen.editor = Some(Editor::for_campaign(c));
    screen.note = None;
    // Unsaved changes kept for this campaign come back with it (not overwritten), and say so.
    if let Some(i) = screen.offered.iter().position(|o| o.key == id) {
        screen.restore(i, store);
    }
    Some(Action::Campaigns(CampaignAction::History(id)))
}

/// Draws the list.
pub(super) fn show(
    ui: &mut egui::Ui,
    screen: &mut CampaignsScreen,
    segments: &[SegmentChoice],
    store: Option<&DraftStore>,
    busy: &dyn Fn(Task) -> bool,
) -> Vec<Action> {
    let mut actions: Vec<Action> = toolbar(ui, screen, segments, busy).into_iter().collect();
    if let Some(error) = &screen.list_error {
        let offer = Offer { retry: true, change_connection: false };
        let what = "Could not load the campaigns";
        if error_panel(ui, "campaign-list", what, error, "the service", offer)
            == Some(ErrorChoice::Retry)
        {
            actions.push(Action::Campaigns(CampaignAction::Reload));
        }
    }
    let Some(campaigns) = &screen.campaigns else {
        if screen.list_error.is_none() {
            ui.label(RichText::new("Loading campaigns…").color(theme::MUTED));
        }
        return actions;
    };
    let rows = rows(campaigns, &screen.filter, screen.sort, segments);
    ui.label(
        RichText::new(format!("{} of {} campaigns", rows.len(), campaigns.len()))
            .color(theme::MUTED),
    );
    let clicked = grid(ui, &mut screen.sort, &rows);
    if rows.is_empty() {
        ui.label(RichText::new("No campaigns match.").color(theme::MUTED));
    }
    if let Some(id) = clicked {
        actions.extend(open(screen, id, store));
    }
    actions
}
