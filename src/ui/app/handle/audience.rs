//! Audience actions: endpoints, users, events, the event stream, uploads and attribute removal.

use crate::api::{ApiRequest, AudienceRequest, FilePurpose, LocalRequest};
use crate::ui::action::AudienceAction;
use crate::ui::app::ConsoleApp;
use crate::ui::tasks::Task;

impl ConsoleApp {
    pub(super) fn audience_action(&mut self, request: AudienceAction) {
        let Some(app_id) = self.projects.selected.clone() else { return };
        let request: ApiRequest = match request {
            AudienceAction::GetEndpoint(endpoint_id) => {
                AudienceRequest::GetEndpoint { app_id, endpoint_id }.into()
            }
            AudienceAction::SaveEndpoint(endpoint_id, request) => {
                AudienceRequest::SaveEndpoint { app_id, endpoint_id, request }.into()
            }
            AudienceAction::DeleteEndpoint(endpoint_id) => {
                AudienceRequest::DeleteEndpoint { app_id, endpoint_id }.into()
            }
            AudienceAction::GetUser(user_id) => {
                AudienceRequest::GetUserEndpoints { app_id, user_id }.into()
            }
            AudienceAction::DeleteUser(user_id) => {
                AudienceRequest::DeleteUserEndpoints { app_id, user_id }.into()
            }
            AudienceAction::PutEvent(endpoint_id, event) => {
                AudienceRequest::PutEvent { app_id, endpoint_id, event }.into()
            }
            AudienceAction::GetEventStream => AudienceRequest::GetEventStream { app_id }.into(),
            AudienceAction::PutEventStream(destination, role) => {
                AudienceRequest::PutEventStream { app_id, destination, role }.into()
            }
            AudienceAction::DeleteEventStream => {
                AudienceRequest::DeleteEventStream { app_id }.into()
            }
            AudienceAction::ListAll => AudienceRequest::ListAllEndpoints { app_id }.into(),
            AudienceAction::ReadFile(path) => {
                // Its own task: a busy Audience call must not swallow the chosen file.
                self.send(Task::ReadUpload, LocalRequest::ReadTextFile { path });
                return;
            }
            AudienceAction::PickFile => {
                let purpose = FilePurpose::EndpointUpload;
                self.send(Task::PickUpload, LocalRequest::PickFile { purpose });
                return;
            }
            AudienceAction::UploadChunk(request, index) => {
                AudienceRequest::UploadChunk { app_id, request, index }.into()
            }
            AudienceAction::RemoveAttributes(attribute_type, names) => {
                AudienceRequest::RemoveAttributes { app_id, attribute_type, names }.into()
            }
        };
        self.send(Task::Audience, request);
    }
}
