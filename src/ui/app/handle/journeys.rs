//! Journey actions: the list, opening, saving, deleting, state changes, metrics, runs, the
//! audience.

use crate::api::{ApiRequest, EngagementRequest};
use crate::ui::action::JourneyAction;
use crate::ui::app::ConsoleApp;
use crate::ui::tasks::Task;

impl ConsoleApp {
    pub(super) fn journey_action(&mut self, request: JourneyAction) {
        use crate::api::journeys::JourneysRequest;
        let Some(app_id) = self.projects.selected.clone() else { return };
        let (task, request) = match request {
            JourneyAction::Reload => {
                self.send(
                    Task::SegmentList,
                    EngagementRequest::ListSegments { app_id: app_id.clone() },
                );
                (Task::JourneyList, JourneysRequest::List { app_id }.into())
            }
            JourneyAction::Open(journey_id) => {
                (Task::JourneyLoad, JourneysRequest::Get { app_id, journey_id }.into())
            }
            JourneyAction::Save(journey_id, request) => {
                (Task::JourneySave, JourneysRequest::Save { app_id, journey_id, request }.into())
            }
            JourneyAction::Delete(journey_id) => {
                (Task::JourneySave, JourneysRequest::Delete { app_id, journey_id }.into())
            }
            JourneyAction::SetState(journey_id, state) => {
                (Task::JourneyState, JourneysRequest::SetState { app_id, journey_id, state }.into())
            }
            JourneyAction::Metrics { journey_id, run_id, activities } => {
                let request = JourneysRequest::Metrics { app_id, journey_id, run_id, activities };
                (Task::JourneyMetrics, request.into())
            }
            JourneyAction::Runs(journey_id) => {
                (Task::JourneyRuns, JourneysRequest::Runs { app_id, journey_id }.into())
            }
            JourneyAction::Audience(definition) => {
                (Task::JourneyAudience, EngagementRequest::Estimate { app_id, definition }.into())
            }
        };
        let request: ApiRequest = request;
        self.send(task, request);
    }
}
