//! Campaign and segment calls for the worker: every page of the lists, saves, deletes,
//! version histories, activities, the endpoint a preview uses, the in-app messages an endpoint
//! would be shown, the jobs (in `jobs`), and the
//! mock's audience estimate and value suggestions.

use aws_sdk_pinpoint::Client;
use aws_sdk_pinpoint::types::{
    ActivityResponse, CampaignResponse, SegmentResponse, WriteCampaignRequest, WriteSegmentRequest,
};

use super::context::CallContext;
use super::paging::{all_pages, every_page};
use super::{ApiError, ApiResponse, EngagementRequest, jobs, mock_ext};

/// Every campaign of a project.
pub async fn list_campaigns(
    client: &Client,
    app_id: &str,
) -> Result<Vec<CampaignResponse>, ApiError> {
    every_page!(client.get_campaigns().application_id(app_id), campaigns_response, Clone::clone)
        .await
}

/// Creates (no id) or updates a campaign.
pub async fn save_campaign(
    client: &Client,
    app_id: &str,
    campaign_id: Option<&str>,
    request: WriteCampaignRequest,
) -> Result<CampaignResponse, ApiError> {
    let saved = if let Some(id) = campaign_id {
        client
            .update_campaign()
            .application_id(app_id)
            .campaign_id(id)
            .write_campaign_request(request)
            .send()
            .await?
            .campaign_response()
            .cloned()
    } else {
        client
            .create_campaign()
            .application_id(app_id)
            .write_campaign_request(request)
            .send()
            .await?
            .campaign_response()
            .cloned()
    };
    saved.ok_or_else(ApiError::empty_answer)
}

/// A campaign's versions (newest first) and activities (every page).
pub async fn campaign_history(
    client: &Client,
    app_id: &str,
    campaign_id: &str,
) -> Result<(Vec<CampaignResponse>, Vec<ActivityResponse>), ApiError> {
    let mut versions = every_page!(
        client.get_campaign_versions().application_id(app_id).campaign_id(campaign_id),
        campaigns_response,
        Clone::clone
    )
    .await?;
    versions.sort_by_key(|v| std::cmp::Reverse(v.version().unwrap_or(0)));
    let activities = every_page!(
        client.get_campaign_activities().application_id(app_id).campaign_id(campaign_id),
        activities_response,
        Clone::clone
    )
    .await?;
    Ok((versions, activities))
}

/// Every segment of a project.
pub async fn list_segments(
    client: &Client,
    app_id: &str,
) -> Result<Vec<SegmentResponse>, ApiError> {
    every_page!(client.get_segments().application_id(app_id), segments_response, Clone::clone).await
}

/// Creates (no id) or updates a segment.
pub async fn save_segment(
    client: &Client,
    app_id: &str,
    segment_id: Option<&str>,
    request: WriteSegmentRequest,
) -> Result<SegmentResponse, ApiError> {
    let saved = if let Some(id) = segment_id {
        client
            .update_segment()
            .application_id(app_id)
            .segment_id(id)
            .write_segment_request(request)
            .send()
            .await?
            .segment_response()
            .cloned()
    } else {
        client
            .create_segment()
            .application_id(app_id)
            .write_segment_request(request)
            .send()
            .await?
            .segment_response()
            .cloned()
    };
    saved.ok_or_else(ApiError::empty_answer)
}

/// A segment's versions, newest first.
pub async fn segment_versions(
    client: &Client,
    app_id: &str,
    segment_id: &str,
) -> Result<Vec<SegmentResponse>, ApiError> {
    let mut versions = every_page!(
        client.get_segment_versions().application_id(app_id).segment_id(segment_id),
        segments_response,
        Clone::clone
    )
    .await?;
    versions.sort_by_key(|v| std::cmp::Reverse(v.version().unwrap_or(0)));
    Ok(versions)
}

/// Runs one campaign, segment or job request.
pub async fn call(
    client: &Client,
    request: EngagementRequest,
    context: &CallContext,
) -> Result<ApiResponse, ApiError> {
    match request {
        EngagementRequest::ListCampaigns { app_id } => {
            Ok(ApiResponse::Campaigns(list_campaigns(client, &app_id).await?))
        }
        EngagementRequest::SaveCampaign { app_id, campaign_id, request } => {
            let saved =
                Box::pin(save_campaign(client, &app_id, campaign_id.as_deref(), *request)).await?;
            Ok(ApiResponse::CampaignSaved(Box::new(saved)))
        }
        EngagementRequest::DeleteCampaign { app_id, campaign_id } => {
            client
                .delete_campaign()
                .application_id(app_id)
                .campaign_id(&campaign_id)
                .send()
                .await?;
            Ok(ApiResponse::CampaignDeleted(campaign_id))
        }
        EngagementRequest::CampaignHistory { app_id, campaign_id } => {
            let (versions, activities) = campaign_history(client, &app_id, &campaign_id).await?;
            Ok(ApiResponse::CampaignHistory { campaign_id, versions, activities })
        }
        EngagementRequest::ListSegments { app_id } => {
            Ok(ApiResponse::Segments(list_segments(client, &app_id).await?))
        }
        EngagementRequest::SaveSegment { app_id, segment_id, request } => {
            let saved = save_segment(client, &app_id, segment_id.as_deref(), *request).await?;
            Ok(ApiResponse::SegmentSaved(Box::new(saved)))
        }
        EngagementRequest::DeleteSegment { app_id, segment_id } => {
            client.delete_segment().application_id(app_id).segment_id(&segment_id).send().await?;
            Ok(ApiResponse::SegmentDeleted(segment_id))
        }
        EngagementRequest::SegmentVersions { app_id, segment_id } => {
            let versions = segment_versions(client, &app_id, &segment_id).await?;
            Ok(ApiResponse::SegmentVersions { segment_id, versions })
        }
        EngagementRequest::Estimate { app_id, definition } => {
            let mock = context.mock("The audience estimate")?;
            let path = format!("/_mock/apps/{app_id}/estimate");
            Ok(ApiResponse::Estimate(mock_ext::post(mock, &path, &definition).await?))
        }
        EngagementRequest::SegmentSizes { app_id, definitions } => {
            let mock = context.mock("The audience estimate")?;
            let path = format!("/_mock/apps/{app_id}/estimate");
            let mut sizes = Vec::with_capacity(definitions.len());
            for (id, definition) in definitions {
                let answer = mock_ext::post(mock, &path, &definition).await?;
                let matching = answer.get("Matching").and_then(serde_json::Value::as_u64);
                sizes.push((id, matching.unwrap_or(0)));
            }
            Ok(ApiResponse::SegmentSizes(sizes))
        }
        EngagementRequest::SeenValues { app_id } => {
            let mock = context.mock("Value suggestions")?;
            let path = format!("/_mock/apps/{app_id}/values");
            Ok(ApiResponse::SeenValues(mock_ext::get(mock, &path, &[]).await?))
        }
        EngagementRequest::InAppMessages { app_id, endpoint_id } => {
            let out = client
                .get_in_app_messages()
                .application_id(app_id)
                .endpoint_id(&endpoint_id)
                .send()
                .await?;
            let campaigns = out
                .in_app_messages_response()
                .map(|r| r.in_app_message_campaigns().to_vec())
                .unwrap_or_default();
            Ok(ApiResponse::InAppMessages { endpoint_id, campaigns })
        }
        EngagementRequest::PreviewEndpoint { app_id, endpoint_id } => {
            let endpoint = super::audience::get_endpoint(client, &app_id, &endpoint_id).await?;
            Ok(ApiResponse::PreviewEndpoint(Box::new(endpoint)))
        }
        EngagementRequest::StartImport { app_id, spec } => {
            let job =
                jobs::start_import(client, context.mock_url.as_deref(), &app_id, *spec).await?;
            Ok(ApiResponse::Job(job))
        }
        EngagementRequest::StartExport { app_id, segment_id, s3_prefix, role_arn } => {
            let job =
                jobs::start_export(client, &app_id, &segment_id, &s3_prefix, &role_arn).await?;
            Ok(ApiResponse::Job(job))
        }
        EngagementRequest::ListJobs { app_id } => {
            Ok(ApiResponse::Jobs(jobs::list_jobs(client, &app_id).await?))
        }
    }
}
