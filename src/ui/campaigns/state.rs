//! The section's state as plain data: the open editor, the drafts offered back, the save on
//! its way or under review, and how a worker answer or a failure lands in them (`apply`,
//! `fail`).

use aws_sdk_pinpoint::types::CampaignResponse;

use super::editor_state::{first_channel, status_of};
use super::launch::Review;
use super::{CampaignAction, Column, Editor, history};
use crate::api::{ApiError, ApiResponse};
use crate::drafts::campaign::CampaignDraft;
use crate::drafts::store::DraftKind;
use crate::drafts::store::DraftStore;
use crate::ui::action::Action;
use crate::ui::editor_bar::Notice;
use crate::ui::kept::{self, InFlight, Kept};
use crate::ui::tasks::Task;

/// The draft kind on disk.
pub(super) const DRAFT_KIND: &str = DraftKind::Campaign.as_str();

/// A draft found on disk, offered back.
#[derive(Debug, Clone)]
pub struct Offered {
    /// Its key (campaign id or `new`).
    pub key: String,
    /// The draft.
    pub draft: CampaignDraft,
}

/// State of the Campaigns section.
#[derive(Debug, Default)]
pub struct CampaignsScreen {
    /// The project shown.
    pub app_id: Option<String>,
    /// The campaigns, once loaded.
    pub campaigns: Option<Vec<CampaignResponse>>,
    /// The filter text.
    pub filter: String,
    /// Sort column and direction (true: ascending).
    pub sort: (Column, bool),
    /// The open editor.
    pub editor: Option<Editor>,
    /// Drafts found on disk.
    pub offered: Vec<Offered>,
    /// A delete waiting for confirmation: (id, name).
    pub confirm_delete: Option<(String, String)>,
    /// The save on its way.
    pub saving: Option<InFlight<CampaignDraft>>,
    /// A save that would send now or soon, shown for review before anything is sent.
    pub review: Option<Review>,
    /// What happened last in the list ("Deleted campaign …").
    pub note: Option<String>,
    /// Why the list could not be loaded (shown in its place, with Retry).
    pub list_error: Option<ApiError>,
    /// A failed call outside the editor and the list.
    pub error: Option<ApiError>,
    /// "What would this endpoint see", while open (in place of the list).
    pub in_app: Option<super::InAppView>,
}

impl CampaignsScreen {
    /// A fresh screen for a project (its kept drafts arrive as an `ApiResponse::Drafts`).
    #[must_use]
    pub fn for_project(app_id: &str) -> Self {
        Self { app_id: Some(app_id.to_owned()), sort: (Column::Name, true), ..Self::default() }
    }

    /// Applies a worker answer.
    pub fn apply(&mut self, response: ApiResponse, store: Option<&DraftStore>) -> Vec<Action> {
        self.error = None;
        match response {
            kpis @ ApiResponse::Kpis { .. } => super::kpis::apply(self.editor.as_mut(), kpis),
            ApiResponse::Campaigns(list) => {
                self.campaigns = Some(list);
                self.list_error = None;
            }
            ApiResponse::Drafts { app_id, drafts, .. } if self.app_id.as_ref() == Some(&app_id) => {
                self.offered = kept::parse_drafts(drafts)
                    .into_iter()
                    .map(|(key, draft)| Offered { key, draft })
                    .collect();
            }
            ApiResponse::CampaignSaved(saved) => {
                let id = saved.id().unwrap_or_default().to_owned();
                let sent = self.saving.take();
                if let (Some(store), Some(app_id), Some(sent)) = (store, &self.app_id, &sent) {
                    store.discard(DRAFT_KIND, app_id, &sent.key);
                }
                let saved_text = format!(
                    "Saved “{}” · version {}",
                    saved.name().unwrap_or_default(),
                    saved.version().unwrap_or(1)
                );
                let mut follow_up = Vec::new();
                // Only the editor that sent it takes the answer (and says so under its bar);
                // edits made meanwhile stay.
                if let (Some(editor), Some(sent)) = (&mut self.editor, &sent)
                    && editor.key() == sent.key
                {
                    let mut next = Editor::for_campaign(&saved);
                    next.tab = editor.tab;
                    next.channel.clone_from(&editor.channel);
                    next.preview_endpoint = std::mem::take(&mut editor.preview_endpoint);
                    next.preview = editor.preview.take();
                    next.last_poll = editor.last_poll;
                    if editor.tags.arn == next.tags.arn {
                        next.tags = std::mem::take(&mut editor.tags);
                    }
                    if editor.draft != sent.sent_from {
                        next.draft = std::mem::take(&mut editor.draft);
                    }
                    next.notice =
                        Some(Notice::until_changed(saved_text, next.draft.clone(), next.tab));
                    next.scroll_to_result = true;
                    *editor = next;
                    follow_up.push(Action::Campaigns(CampaignAction::History(id.clone())));
                }
                if let Some(list) = &mut self.campaigns {
                    list.retain(|c| c.id() != Some(id.as_str()));
                    list.push(*saved);
                }
                return follow_up;
            }
            ApiResponse::Tags { arn, tags } => {
                if let Some(editor) = &mut self.editor
                    && editor.tags.arn == arn
                {
                    editor.tags.load(&arn, tags);
                    editor.tags_error = None;
                }
            }
            ApiResponse::CampaignDeleted(id) => {
                self.confirm_delete = None;
                if let Some(list) = &mut self.campaigns {
                    list.retain(|c| c.id() != Some(id.as_str()));
                }
                if self.editor.as_ref().and_then(|e| e.campaign_id.as_deref()) == Some(&id) {
                    if let (Some(store), Some(app_id)) = (store, &self.app_id) {
                        store.discard(DRAFT_KIND, app_id, &id);
                    }
                    self.editor = None;
                }
                self.note = Some(format!("Deleted campaign {id}."));
            }
            ApiResponse::CampaignHistory { campaign_id, versions, activities } => {
                if let Some(editor) = &mut self.editor
                    && editor.campaign_id.as_deref() == Some(campaign_id.as_str())
                {
                    // A refresh while the campaign runs keeps the versions the user compares.
                    if versions.len() != editor.versions.len() {
                        editor.compare = (versions.len().min(2).saturating_sub(1), 0);
                        editor.version_views = history::version_views(&versions);
                    }
                    if let Some(status) = versions.first().and_then(status_of) {
                        editor.status = Some(status);
                    }
                    editor.versions = versions;
                    editor.activities = activities;
                    editor.history_error = None;
                }
            }
            ApiResponse::Estimate(answer) => {
                if let Some(review) = &mut self.review {
                    review.estimated(&answer);
                }
            }
            ApiResponse::InAppMessages { endpoint_id, campaigns } => {
                if let Some(view) = &mut self.in_app {
                    view.answer = Some((endpoint_id, campaigns));
                    view.error = None;
                }
            }
            ApiResponse::AllEndpoints(rows) => {
                if let Some(view) = &mut self.in_app {
                    view.suggest(&rows);
                }
            }
            ApiResponse::PreviewEndpoint(endpoint) => {
                if let Some(editor) = &mut self.editor {
                    editor.preview = Some(endpoint);
                    editor.preview_error = None;
                }
            }
            _ => {}
        }
        Vec::new()
    }

    /// Shows a failed call.
    pub fn fail(&mut self, task: Task, error: ApiError) {
        if task == Task::CampaignSave {
            self.saving = None;
            self.confirm_delete = None;
        }
        match (&mut self.editor, task) {
            (_, Task::CampaignList) => self.list_error = Some(error),
            (Some(editor), Task::CampaignTags) => editor.tags_error = Some(error),
            (_, Task::CampaignAudience) => {
                if let Some(review) = &mut self.review {
                    review.not_estimated(&error);
                }
            }
            (Some(editor), Task::CampaignSave) => {
                editor.save_error = Some(error);
                editor.scroll_to_result = true;
            }
            (_, Task::InAppMessages) if self.in_app.is_some() => {
                if let Some(view) = &mut self.in_app {
                    view.answer = None;
                    view.error = Some(error);
                }
            }
            // Suggestions are a help: without them the id is typed.
            (_, Task::InAppEndpoints) => {}
            (Some(editor), Task::Preview) => {
                editor.preview = None;
                editor.preview_error = Some(error.plain());
            }
            (Some(editor), Task::CampaignHistory) => {
                editor.history_error = Some(error.plain());
            }
            (Some(editor), Task::CampaignKpis) => super::kpis::fail(editor, &error),
            _ => self.error = Some(error),
        }
    }

    /// Opens an offered draft: over its campaign while that exists, else as a new campaign's
    /// draft (kept under a new key).
    pub(super) fn restore(&mut self, i: usize, store: Option<&DraftStore>) {
        let offered = self.offered.remove(i);
        let existing = self
            .campaigns
            .iter()
            .flatten()
            .find(|c| c.id() == Some(offered.key.as_str()))
            .map(Editor::for_campaign);
        let gone = existing.is_none() && !kept::is_new(&offered.key);
        let mut editor = existing.unwrap_or_else(|| Editor::new_campaign(CampaignDraft::default()));
        if gone {
            if let (Some(store), Some(app_id)) = (store, &self.app_id) {
                store.discard(DRAFT_KIND, app_id, &offered.key);
            }
            editor.notice = Some(Notice::lasting(format!(
                "Campaign {} no longer exists; saving the draft creates a new campaign.",
                offered.key
            )));
        } else {
            editor.kept = Kept::restored(&offered.key, &offered.draft);
            editor.notice = Some(Notice::until_changed(
                "Your unsaved changes are back.",
                offered.draft.clone(),
                editor.tab,
            ));
        }
        editor.channel = first_channel(&offered.draft);
        editor.draft = offered.draft;
        self.note = None;
        self.editor = Some(editor);
    }

    /// Writes the editor's draft to disk when it changed (removes it when it matches the
    /// service again).
    pub(super) fn persist(&mut self, store: Option<&DraftStore>) {
        let (Some(store), Some(app_id), Some(editor)) = (store, &self.app_id, &mut self.editor)
        else {
            return;
        };
        let dirty = editor.is_dirty();
        editor.kept.persist(store, DRAFT_KIND, app_id, &editor.draft, dirty);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use aws_sdk_pinpoint::types::CampaignResponse;

    fn campaign(id: &str, name: &str, version: i32) -> CampaignResponse {
        CampaignResponse::builder()
            .id(id)
            .name(name)
            .segment_id("s")
            .segment_version(1)
            .version(version)
            .build()
    }

    /// A screen as the shell opens it: then the kept drafts arrive from the worker.
    fn with_drafts(store: &DraftStore) -> CampaignsScreen {
        let mut screen = CampaignsScreen::for_project("app");
        let drafts = store.load_all(DRAFT_KIND, "app");
        let _ = screen.apply(
            ApiResponse::Drafts { kind: DraftKind::Campaign, app_id: "app".into(), drafts },
            None,
        );
        screen
    }

    fn screen(dir: &std::path::Path) -> (CampaignsScreen, DraftStore) {
        let store = DraftStore::new(dir);
        let mut screen = with_drafts(&store);
        screen.campaigns = Some(vec![campaign("a", "A", 1), campaign("b", "B", 1)]);
        (screen, store)
    }

    #[test]
    fn a_save_answer_goes_to_the_editor_that_sent_it_only() {
        let dir = std::env::temp_dir().join(format!("pp-cs-{}", uuid::Uuid::new_v4()));
        let (mut screen, store) = screen(&dir);
        // Campaign A is saved; meanwhile the user opened B and typed.
        screen.editor = Some(Editor::for_campaign(&campaign("a", "A", 1)));
        let sent = screen.editor.as_ref().unwrap().draft.clone();
        screen.saving = Some(InFlight { key: "a".into(), sent_from: sent });
        store.save(DRAFT_KIND, "app", "a", &CampaignDraft::default()).unwrap();
        let mut b = Editor::for_campaign(&campaign("b", "B", 1));
        b.draft.description = "typed while A saved".into();
        screen.editor = Some(b);
        screen.persist(Some(&store));
        let follow_up =
            screen.apply(ApiResponse::CampaignSaved(Box::new(campaign("a", "A", 2))), Some(&store));
        assert!(follow_up.is_empty(), "no history of A for B's editor");
        let editor = screen.editor.as_ref().unwrap();
        assert_eq!(editor.campaign_id.as_deref(), Some("b"));
        assert_eq!(editor.draft.description, "typed while A saved");
        assert_eq!(store.keys(DRAFT_KIND, "app"), ["b"], "A's draft gone, B's kept");
        let _ = std::fs::remove_dir_all(dir);
    }

    #[test]
    fn edits_made_while_saving_stay_on_top_of_the_answer() {
        let dir = std::env::temp_dir().join(format!("pp-cs-{}", uuid::Uuid::new_v4()));
        let (mut screen, store) = screen(&dir);
        let mut editor = Editor::new_campaign(CampaignDraft::default());
        editor.draft.name = "Fresh".into();
        let key = editor.key();
        screen.saving = Some(InFlight { key: key.clone(), sent_from: editor.draft.clone() });
        editor.draft.description = "typed after Create".into();
        screen.editor = Some(editor);
        screen.persist(Some(&store));
        assert_eq!(store.keys(DRAFT_KIND, "app"), [key]);
        let _ = screen
            .apply(ApiResponse::CampaignSaved(Box::new(campaign("c", "Fresh", 1))), Some(&store));
        screen.persist(Some(&store));
        let editor = screen.editor.as_ref().unwrap();
        assert_eq!(editor.campaign_id.as_deref(), Some("c"));
        assert_eq!(editor.draft.description, "typed after Create");
        assert!(editor.is_dirty());
        assert_eq!(store.keys(DRAFT_KIND, "app"), ["c"], "kept under the new campaign's id");
        let _ = std::fs::remove_dir_all(dir);
    }

    #[test]
    fn a_new_form_never_overwrites_a_kept_draft() {
        let dir = std::env::temp_dir().join(format!("pp-cs-{}", uuid::Uuid::new_v4()));
        let store = DraftStore::new(&dir);
        let kept = CampaignDraft { name: "Kept".into(), ..CampaignDraft::default() };
        store.save(DRAFT_KIND, "app", "new-1", &kept).unwrap();
        let mut screen = with_drafts(&store);
        assert_eq!(screen.offered.len(), 1);
        screen.editor = Some(Editor::new_campaign(CampaignDraft::default()));
        screen.persist(Some(&store));
        assert_eq!(store.keys(DRAFT_KIND, "app"), ["new-1"], "untouched: nothing written");
        screen.editor.as_mut().unwrap().draft.name = "Another".into();
        screen.persist(Some(&store));
        assert_eq!(store.keys(DRAFT_KIND, "app").len(), 2);
        assert_eq!(store.load::<CampaignDraft>(DRAFT_KIND, "app", "new-1").unwrap(), kept);
        let _ = std::fs::remove_dir_all(dir);
    }
}
