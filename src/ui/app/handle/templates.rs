//! Template actions: the list, one template and its versions, saving, deleting, the picker's
//! library, previews.

use crate::api::{ApiRequest, EngagementRequest, LocalRequest, TemplatesRequest};
use crate::ui::action::TemplateAction;
use crate::ui::app::ConsoleApp;
use crate::ui::tasks::Task;

impl ConsoleApp {
    pub(super) fn template_action(&mut self, request: TemplateAction) {
        let (task, request): (Task, ApiRequest) = match request {
            TemplateAction::List => {
                let t = &self.templates;
                let request =
                    TemplatesRequest::List { prefix: t.prefix.clone(), kind: t.kind_filter };
                (Task::TemplateList, request.into())
            }
            TemplateAction::Open { name, kind, version } => {
                (Task::TemplateLoad, TemplatesRequest::Get { name, kind, version }.into())
            }
            TemplateAction::Save { name, kind, body, create, new_version } => {
                let request = TemplatesRequest::Save { name, kind, body, create, new_version };
                (Task::TemplateSave, request.into())
            }
            TemplateAction::Delete { name, kind } => {
                self.templates.note = None;
                self.templates.error = None;
                (Task::TemplateDelete, TemplatesRequest::Delete { name, kind }.into())
            }
            TemplateAction::Versions { name, kind } => {
                (Task::TemplateVersions, TemplatesRequest::Versions { name, kind }.into())
            }
            TemplateAction::SetActive { name, kind, version } => {
                let request = TemplatesRequest::SetActive { name, kind, version };
                (Task::TemplateSave, request.into())
            }
            TemplateAction::Recommenders => {
                if self.templates.recommenders.is_some() {
                    return;
                }
                (Task::Recommenders, TemplatesRequest::Recommenders.into())
            }
            TemplateAction::Choices => {
                let request = TemplatesRequest::List { prefix: String::new(), kind: None };
                (Task::TemplateChoices, request.into())
            }
            TemplateAction::Use { name, kind, version } => {
                if self.is_busy(Task::TemplateUse) {
                    return;
                }
                let key = (name.clone(), kind, version.clone());
                self.library.asked.insert(key.clone());
                self.library_in_flight = Some(key);
                let version = Some(version).filter(|v| !v.is_empty());
                (Task::TemplateUse, TemplatesRequest::Get { name, kind, version }.into())
            }
            TemplateAction::PreviewEndpoint { app_id, endpoint_id } => (
                Task::TemplatePreview,
                EngagementRequest::PreviewEndpoint { app_id, endpoint_id }.into(),
            ),
            TemplateAction::OpenHtml { name, html } => {
                (Task::OpenHtml, LocalRequest::OpenHtml { name, html }.into())
            }
        };
        self.send(task, request);
    }
}
