//! Segment actions: the list, saving, deleting, versions, estimates, import and export jobs.

use crate::api::{EngagementRequest, FilePurpose, LocalRequest};
use crate::ui::action::SegmentAction;
use crate::ui::app::ConsoleApp;
use crate::ui::tasks::Task;

impl ConsoleApp {
    pub(super) fn segment_action(&mut self, request: SegmentAction) {
        let Some(app_id) = self.projects.selected.clone() else { return };
        match request {
            SegmentAction::Reload => {
                self.send(Task::SegmentList, EngagementRequest::ListSegments { app_id });
            }
            SegmentAction::Save(segment_id, request) => {
                self.project.segments.note = None;
                self.send(
                    Task::SegmentSave,
                    EngagementRequest::SaveSegment { app_id, segment_id, request },
                );
            }
            SegmentAction::Delete(segment_id) => {
                self.send(
                    Task::SegmentSave,
                    EngagementRequest::DeleteSegment { app_id, segment_id },
                );
            }
            SegmentAction::Versions(segment_id) => {
                self.send(
                    Task::SegmentVersions,
                    EngagementRequest::SegmentVersions { app_id, segment_id },
                );
            }
            SegmentAction::Estimate(definition) => {
                self.send(Task::Estimate, EngagementRequest::Estimate { app_id, definition });
            }
            SegmentAction::Values => {
                self.send(Task::SeenValues, EngagementRequest::SeenValues { app_id });
            }
            SegmentAction::Sizes(definitions) => {
                self.send(
                    Task::SegmentSizes,
                    EngagementRequest::SegmentSizes { app_id, definitions },
                );
            }
            SegmentAction::Import(spec) => {
                self.send(Task::Jobs, EngagementRequest::StartImport { app_id, spec });
            }
            SegmentAction::Export { segment_id, s3_prefix, role_arn } => {
                let request =
                    EngagementRequest::StartExport { app_id, segment_id, s3_prefix, role_arn };
                self.send(Task::Jobs, request);
            }
            SegmentAction::Jobs => self.send(Task::JobPoll, EngagementRequest::ListJobs { app_id }),
            SegmentAction::PickFile => {
                let purpose = FilePurpose::SegmentImport;
                self.send(Task::PickImport, LocalRequest::PickFile { purpose });
            }
        }
    }
}
