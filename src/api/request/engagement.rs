//! Campaigns, segments, their histories, jobs and the mock's estimates: what the Engagement
//! handler (`api/engagement.rs`) is asked.

use super::ApiRequest;
use crate::api::jobs;

/// Campaigns, segments, their histories, jobs and the mock's estimates.
#[derive(Debug, Clone)]
pub enum EngagementRequest {
    /// Every campaign of a project.
    ListCampaigns {
        /// The project id.
        app_id: String,
    },
    /// CreateCampaign (no id) or UpdateCampaign.
    SaveCampaign {
        /// The project id.
        app_id: String,
        /// The campaign, when it exists.
        campaign_id: Option<String>,
        /// The body.
        request: Box<aws_sdk_pinpoint::types::WriteCampaignRequest>,
    },
    /// DeleteCampaign.
    DeleteCampaign {
        /// The project id.
        app_id: String,
        /// The campaign.
        campaign_id: String,
    },
    /// GetCampaignVersions and GetCampaignActivities.
    CampaignHistory {
        /// The project id.
        app_id: String,
        /// The campaign.
        campaign_id: String,
    },
    /// Every segment of a project.
    ListSegments {
        /// The project id.
        app_id: String,
    },
    /// CreateSegment (no id) or UpdateSegment.
    SaveSegment {
        /// The project id.
        app_id: String,
        /// The segment, when it exists.
        segment_id: Option<String>,
        /// The body.
        request: Box<aws_sdk_pinpoint::types::WriteSegmentRequest>,
    },
    /// DeleteSegment.
    DeleteSegment {
        /// The project id.
        app_id: String,
        /// The segment.
        segment_id: String,
    },
    /// GetSegmentVersions.
    SegmentVersions {
        /// The project id.
        app_id: String,
        /// The segment.
        segment_id: String,
    },
    /// The mock's audience estimate of a `WriteSegmentRequest` (mock connections only).
    Estimate {
        /// The project id.
        app_id: String,
        /// The definition as JSON.
        definition: serde_json::Value,
    },
    /// The mock's estimate of several definitions: (segment id, definition) each.
    SegmentSizes {
        /// The project id.
        app_id: String,
        /// Segment id and its definition as JSON.
        definitions: Vec<(String, serde_json::Value)>,
    },
    /// Values seen in a project, for value pickers (mock connections only).
    SeenValues {
        /// The project id.
        app_id: String,
    },
    /// GetInAppMessages: the in-app messages an endpoint is entitled to.
    InAppMessages {
        /// The project id.
        app_id: String,
        /// The endpoint.
        endpoint_id: String,
    },
    /// An endpoint as JSON, for message previews.
    PreviewEndpoint {
        /// The project id.
        app_id: String,
        /// The endpoint.
        endpoint_id: String,
    },
    /// CreateImportJob (after putting a local file into the mock's bucket).
    StartImport {
        /// The project id.
        app_id: String,
        /// What to import.
        spec: Box<jobs::ImportSpec>,
    },
    /// CreateExportJob.
    StartExport {
        /// The project id.
        app_id: String,
        /// The segment (empty: every endpoint).
        segment_id: String,
        /// `s3://bucket/prefix/`.
        s3_prefix: String,
        /// IAM role ARN.
        role_arn: String,
    },
    /// GetImportJobs and GetExportJobs.
    ListJobs {
        /// The project id.
        app_id: String,
    },
}

impl From<EngagementRequest> for ApiRequest {
    fn from(request: EngagementRequest) -> Self {
        Self::Engagement(request)
    }
}
