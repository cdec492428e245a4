//! State of the Journeys section: the list, and the editor of one journey (its draft with its
//! history, what the canvas shows, the service's answers).

use std::collections::BTreeMap;

use crate::api::ApiError;
use crate::api::journeys::{ExecutionMetrics, JourneyRow, LoadedJourney, RunRow};
use crate::drafts::FieldErrors;
use crate::drafts::analytics::{AnalyticsPrefs, KpiLevel};
use crate::drafts::journey::graph::Slot;
use crate::drafts::journey::history::{History, Place};
use crate::drafts::journey::{JourneyDraft, activity_of_path};
use crate::ui::kept::{InFlight, Kept};
use crate::ui::kpi_view::KpiView;

use super::kept::{KeptJourney, Offered};

/// The editor's tabs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Tab {
    /// The activities as a graph, with the side panel.
    #[default]
    Canvas,
    /// Entry, schedule, limits, quiet time, open hours, re-entry.
    Settings,
    /// The runs with their metrics.
    Runs,
    /// The journey KPIs.
    Kpis,
    /// The request as JSON and as a command.
    Json,
}

/// What the side panel is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Selected {
    /// The entry condition.
    Entry,
    /// An activity.
    Activity(String),
}

/// A lifecycle change waiting for its confirmation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lifecycle {
    /// DRAFT → ACTIVE.
    Publish,
    /// ACTIVE → PAUSED.
    Pause,
    /// PAUSED → ACTIVE.
    Resume,
    /// → CANCELLED.
    Cancel,
}

impl Lifecycle {
    /// The state it asks for.
    #[must_use]
    pub fn state(self) -> &'static str {
        match self {
            Self::Publish | Self::Resume => "ACTIVE",
            Self::Pause => "PAUSED",
            Self::Cancel => "CANCELLED",
        }
    }
}

pub use crate::ui::campaigns::Audience;

/// One journey being edited.
#[derive(Debug, Clone)]
pub struct Editor {
    /// The journey, once it exists.
    pub journey_id: Option<String>,
    /// Its state as the service reported it (`DRAFT` for a new one).
    pub state: String,
    /// The definition as stored (none for a new one).
    pub baseline: Option<JourneyDraft>,
    /// The definition as edited.
    pub draft: JourneyDraft,
    /// Undo and redo.
    pub history: History,
    /// The tab shown.
    pub tab: Tab,
    /// What the side panel shows.
    pub selected: Option<Selected>,
    /// Where a new activity goes, while its kind is chosen.
    pub adding: Option<Place>,
    /// Offsets of nodes moved by hand (the canvas's, never sent).
    pub moved: BTreeMap<String, egui::Vec2>,
    /// The canvas's visible part, in canvas coordinates (pan and zoom).
    pub view: egui::Rect,
    /// The branch being dragged on the canvas, and where the canvas was on screen.
    pub canvas: super::canvas::CanvasState,
    /// The service's refusal of the last save or state change, with the draft it refused
    /// (shown until the draft changes).
    pub refused: Option<(ApiError, JourneyDraft)>,
    /// What the last save or state change did ("Saved", "Published").
    pub note: Option<String>,
    /// A lifecycle change waiting for its confirmation, and who it lets in.
    pub confirm: Option<(Lifecycle, Option<Audience>)>,
    /// The latest execution metrics (whole journey, or the run chosen on the Runs tab).
    pub metrics: Option<ExecutionMetrics>,
    /// When metrics were last asked for (`egui` time, seconds).
    pub metrics_asked: Option<f64>,
    /// Why the metrics could not be read.
    pub metrics_error: Option<ApiError>,
    /// The runs, newest first.
    pub runs: Option<Vec<RunRow>>,
    /// The run whose metrics the canvas shows (none: the whole journey).
    pub run: Option<String>,
    /// The KPI tab.
    pub kpis: KpiView,
    /// Going back to the list with unsaved changes waits for a confirmation.
    pub leaving: bool,
    /// The unsaved draft on disk (under the journey's id, or a `new-…` key before it exists).
    pub kept: Kept<KeptJourney>,
    /// A draft kept from before is open: what to say about it while it is unsaved.
    pub restored: Option<String>,
}

impl Editor {
    /// A new journey.
    #[must_use]
    pub fn new(name: &str) -> Self {
        Self::with(None, "DRAFT", None, JourneyDraft::named(name))
    }

    /// A new journey with the definition of `j` ("Copy of …").
    #[must_use]
    pub fn copy_of(j: LoadedJourney) -> Self {
        let mut draft = j.draft;
        draft.name = format!("Copy of {}", draft.name);
        Self::with(None, "DRAFT", None, unstored(draft))
    }

    /// An editor of a journey as read.
    #[must_use]
    pub fn loaded(j: LoadedJourney) -> Self {
        Self::with(Some(j.id), &j.state, Some(j.draft.clone()), j.draft)
    }

    fn with(
        id: Option<String>,
        state: &str,
        baseline: Option<JourneyDraft>,
        draft: JourneyDraft,
    ) -> Self {
        let kept = match &id {
            Some(id) => Kept::existing(id),
            None => Kept::fresh(&KeptJourney { draft: draft.clone(), moved: BTreeMap::new() }),
        };
        Self {
            journey_id: id,
            state: state.to_owned(),
            baseline,
            draft,
            history: History::default(),
            tab: Tab::Canvas,
            selected: None,
            adding: None,
            moved: BTreeMap::new(),
            view: egui::Rect::NOTHING,
            canvas: super::canvas::CanvasState::default(),
            refused: None,
            note: None,
            confirm: None,
            metrics: None,
            metrics_asked: None,
            metrics_error: None,
            runs: None,
            run: None,
            kpis: KpiView::new(KpiLevel::App, AnalyticsPrefs::default()),
            leaving: false,
            kept,
            restored: None,
        }
    }

    /// True when the draft differs from what is stored.
    #[must_use]
    pub fn is_dirty(&self) -> bool {
        self.baseline.as_ref() != Some(&self.draft)
    }

    /// True while the service keeps the activities and the entry as they are (a published
    /// journey: `journey_states::FIXED_WHEN_PUBLISHED`).
    #[must_use]
    pub fn graph_fixed(&self) -> bool {
        self.state != "DRAFT"
    }

    /// True when the service takes no update at all (a finished journey).
    #[must_use]
    pub fn finished(&self) -> bool {
        matches!(self.state.as_str(), "COMPLETED" | "CANCELLED" | "CLOSED")
    }

    /// True when the journey has run, so its nodes have counts.
    #[must_use]
    pub fn has_run(&self) -> bool {
        self.journey_id.is_some() && self.state != "DRAFT"
    }

    /// Every problem: the inline checks, and the service's refusal (shown on the activity it
    /// names, or under "Journey" when it names none, until the draft changes).
    #[must_use]
    pub fn problems(&self) -> FieldErrors {
        let mut errors = self.draft.build().1;
        if let Some((error, refused)) = &self.refused
            && *refused == self.draft
        {
            let key = match activity_of_path(&error.message) {
                Some(id) => format!("Activities.{id}.service"),
                None if error.message.contains("StartCondition") => {
                    "StartCondition.service".to_owned()
                }
                None => "service".to_owned(),
            };
            errors.add(key, format!("The service refused it: {}", error.message));
        }
        errors
    }

    /// The refusal to show in the bar: one that names no activity and not the entry (those
    /// are shown on their node).
    #[must_use]
    pub fn refusal_elsewhere(&self) -> Option<&ApiError> {
        let (error, refused) = self.refused.as_ref()?;
        let placed =
            activity_of_path(&error.message).is_some() || error.message.contains("StartCondition");
        (*refused == self.draft && !placed).then_some(error)
    }

    /// The slot a new activity's place names, for the panel's sentence.
    #[must_use]
    pub fn adding_words(&self) -> Option<String> {
        Some(match self.adding.as_ref()? {
            Place::Start => "at the start".to_owned(),
            Place::After(from, slot) => match slot {
                Slot::Next => format!("after {from}"),
                Slot::Path(i) => format!("on path {} of {from}", i + 1),
                Slot::Yes => format!("on the yes path of {from}"),
                Slot::No => format!("on the no path of {from}"),
                Slot::Else => format!("on the else path of {from}"),
            },
        })
    }
}

/// `draft` as a journey not created yet: the state and the dates are the service's.
#[must_use]
pub fn unstored(mut draft: JourneyDraft) -> JourneyDraft {
    draft.state.clear();
    draft.creation_date.clear();
    draft.last_modified_date.clear();
    draft
}

/// State of the Journeys section.
#[derive(Debug, Default)]
pub struct JourneysScreen {
    /// The project.
    pub app_id: Option<String>,
    /// The journeys, once loaded.
    pub rows: Option<Vec<JourneyRow>>,
    /// Why the list could not be loaded.
    pub list_error: Option<ApiError>,
    /// Filter text.
    pub filter: String,
    /// The open journey.
    pub editor: Option<Editor>,
    /// A delete waiting for confirmation: (id, name).
    pub confirm_delete: Option<(String, String)>,
    /// What happened last in the list.
    pub note: Option<String>,
    /// A failed call outside the editor.
    pub error: Option<ApiError>,
    /// The journey being read is to be duplicated, not edited.
    pub duplicating: bool,
    /// Drafts found on disk, offered back.
    pub offered: Vec<Offered>,
    /// The journey being read is to be opened with this kept draft on top.
    pub restoring: Option<Offered>,
    /// The save on its way.
    pub saving: Option<InFlight<KeptJourney>>,
}

impl JourneysScreen {
    /// A fresh screen for a project (its kept drafts arrive as an `ApiResponse::Drafts`).
    #[must_use]
    pub fn for_project(app_id: &str) -> Self {
        Self { app_id: Some(app_id.to_owned()), ..Self::default() }
    }
}
