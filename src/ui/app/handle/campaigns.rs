//! Campaign actions: the list, saving, deleting, history, previews, the audience and in-app
//! messages.

use crate::api::{AudienceRequest, EngagementRequest};
use crate::ui::action::CampaignAction;
use crate::ui::app::ConsoleApp;
use crate::ui::tasks::Task;

impl ConsoleApp {
    pub(super) fn campaign_action(&mut self, request: CampaignAction) {
        let Some(app_id) = self.projects.selected.clone() else { return };
        match request {
            CampaignAction::Reload => {
                self.send(
                    Task::CampaignList,
                    EngagementRequest::ListCampaigns { app_id: app_id.clone() },
                );
                self.send(Task::SegmentList, EngagementRequest::ListSegments { app_id });
            }
            CampaignAction::Save(campaign_id, request) => {
                self.project.campaigns.note = None;
                self.send(
                    Task::CampaignSave,
                    EngagementRequest::SaveCampaign { app_id, campaign_id, request },
                );
            }
            CampaignAction::Delete(campaign_id) => {
                self.send(
                    Task::CampaignSave,
                    EngagementRequest::DeleteCampaign { app_id, campaign_id },
                );
            }
            CampaignAction::History(campaign_id) => {
                self.send(
                    Task::CampaignHistory,
                    EngagementRequest::CampaignHistory { app_id, campaign_id },
                );
            }
            CampaignAction::PreviewEndpoint(endpoint_id) => {
                self.send(
                    Task::Preview,
                    EngagementRequest::PreviewEndpoint { app_id, endpoint_id },
                );
            }
            CampaignAction::Audience(definition) => {
                self.send(
                    Task::CampaignAudience,
                    EngagementRequest::Estimate { app_id, definition },
                );
            }
            CampaignAction::InAppMessages(endpoint_id) => {
                self.send(
                    Task::InAppMessages,
                    EngagementRequest::InAppMessages { app_id, endpoint_id },
                );
            }
            CampaignAction::EndpointIds => {
                self.send(Task::InAppEndpoints, AudienceRequest::ListAllEndpoints { app_id });
            }
        }
    }
}
