//! Campaign, segment and job calls for the worker: lists that follow `NextToken` to the end,
//! saves, deletes, version histories, activities, import and export jobs, and the mock's
//! audience estimate and value suggestions.

use std::path::Path;

use aws_sdk_pinpoint::Client;
use aws_sdk_pinpoint::types::{
    ActivityResponse, CampaignResponse, ExportJobRequest, ExportJobResponse, Format,
    ImportJobRequest, ImportJobResponse, SegmentResponse, WriteCampaignRequest,
    WriteSegmentRequest,
};
use serde_json::{Value, json};

use super::{ApiError, mock_ext};

/// Every item of a listing, following `NextToken` to the end: `page(token)` fetches one page
/// and answers its items and the next token.
async fn all_pages<T, F, Fut>(mut page: F) -> Result<Vec<T>, ApiError>
where
    F: FnMut(Option<String>) -> Fut,
    Fut: std::future::Future<Output = Result<(Vec<T>, Option<String>), ApiError>>,
{
    let mut all = Vec::new();
    let mut token = None;
    let mut seen = std::collections::HashSet::new();
    loop {
        let (items, next) = page(token.take()).await?;
        all.extend(items);
        match next {
            Some(next) if !next.is_empty() => {
                if !seen.insert(next.clone()) {
                    tracing::warn!(token = %next, "the service repeated a NextToken; stopping");
                    return Ok(all);
                }
                token = Some(next);
            }
            _ => return Ok(all),
        }
    }
}

/// [`all_pages`] of a listing request (`page-size` 100), mapping each item of `$response`.
macro_rules! every_page {
    ($request:expr, $response:ident, $item:expr) => {
        all_pages(|token| async move {
            let out = $request.page_size("100").set_token(token).send().await?;
            let page = out.$response();
            Ok((
                page.map(|p| p.item().iter().map($item).collect()).unwrap_or_default(),
                page.and_then(|p| p.next_token()).map(str::to_owned),
            ))
        })
    };
}

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
    saved.ok_or_else(super::worker::empty_answer)
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
    saved.ok_or_else(super::worker::empty_answer)
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

/// A [`JobRow`] from an `ImportJobResponse` or an `ExportJobResponse` (the same members).
macro_rules! job_row {
    ($j:expr, $import:expr, $url:expr, $segment:expr) => {{
        let j = $j;
        JobRow {
            id: j.id().unwrap_or_default().to_owned(),
            import: $import,
            status: j.job_status().map(|s| s.as_str().to_owned()).unwrap_or_default(),
            total_pieces: j.total_pieces().unwrap_or(0),
            completed_pieces: j.completed_pieces().unwrap_or(0),
            failed_pieces: j.failed_pieces().unwrap_or(0),
            processed: j.total_processed().unwrap_or(0),
            failures: j.total_failures().unwrap_or(0),
            messages: j.failures().to_vec(),
            created: j.creation_date().unwrap_or_default().to_owned(),
            completed: j.completion_date().unwrap_or_default().to_owned(),
            url: $url.unwrap_or_default().to_owned(),
            segment: $segment.unwrap_or_default().to_owned(),
        }
    }};
}

/// An import or export job as the Jobs list shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JobRow {
    /// Job id.
    pub id: String,
    /// True for imports.
    pub import: bool,
    /// `CREATED`, `PROCESSING`, `COMPLETED`, `FAILED`, …
    pub status: String,
    /// Pieces in the job.
    pub total_pieces: i32,
    /// Pieces done.
    pub completed_pieces: i32,
    /// Pieces that failed.
    pub failed_pieces: i32,
    /// Endpoints processed.
    pub processed: i32,
    /// Endpoints that failed.
    pub failures: i32,
    /// Failure messages.
    pub messages: Vec<String>,
    /// Created at.
    pub created: String,
    /// Completed at.
    pub completed: String,
    /// The S3 URL read or written.
    pub url: String,
    /// The segment imported into or exported.
    pub segment: String,
}

impl JobRow {
    /// True once the job stopped (completed or failed).
    #[must_use]
    pub fn finished(&self) -> bool {
        matches!(self.status.as_str(), "COMPLETED" | "FAILED")
    }

    /// Progress from 0 to 1.
    #[must_use]
    pub fn progress(&self) -> f32 {
        if self.finished() {
            1.0
        } else if self.total_pieces > 0 {
            (self.completed_pieces + self.failed_pieces) as f32 / self.total_pieces as f32
        } else {
            0.0
        }
    }

    fn from_import(j: &ImportJobResponse) -> Self {
        let d = j.definition();
        job_row!(
            j,
            true,
            d.and_then(|d| d.s3_url()),
            d.and_then(|d| d.segment_name().or(d.segment_id()))
        )
    }

    fn from_export(j: &ExportJobResponse) -> Self {
        let d = j.definition();
        job_row!(j, false, d.and_then(|d| d.s3_url_prefix()), d.and_then(|d| d.segment_id()))
    }
}

/// Where an import reads from and what it defines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportSpec {
    /// A local file to put into the mock's bucket first (mock connections).
    pub local_file: Option<std::path::PathBuf>,
    /// `s3://…` (AWS) — ignored when `local_file` is given.
    pub s3_url: String,
    /// IAM role the service assumes.
    pub role_arn: String,
    /// CSV or JSON.
    pub json: bool,
    /// Name of the segment the import defines.
    pub segment_name: String,
    /// Or the segment it updates.
    pub segment_id: String,
}

/// Uploads a local file to the mock's bucket folder; the `s3://` URL it has there.
async fn upload_to_mock(mock: &str, path: &Path) -> Result<String, ApiError> {
    let contents = tokio::fs::read_to_string(path)
        .await
        .map_err(|e| ApiError::local("FileError", format!("{}: {e}", path.display())))?;
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("import.csv");
    let answer = mock_ext::call(
        mock,
        "POST",
        "/_mock/files",
        Some(&json!({"Name": name, "Contents": contents})),
    )
    .await?;
    answer
        .get("S3Url")
        .and_then(Value::as_str)
        .map(str::to_owned)
        .ok_or_else(super::worker::empty_answer)
}

/// Starts an import job (uploading the file to the mock first when one is given).
pub async fn start_import(
    client: &Client,
    mock: Option<&str>,
    app_id: &str,
    spec: ImportSpec,
) -> Result<JobRow, ApiError> {
    let url = match (&spec.local_file, mock) {
        (Some(path), Some(mock)) => upload_to_mock(mock, path).await?,
        (Some(_), None) => {
            return Err(ApiError::local(
                "NotAMock",
                "a local file can be imported only into the mock; give an s3:// URL for AWS",
            ));
        }
        (None, _) => spec.s3_url.trim().to_owned(),
    };
    let text = |s: &str| (!s.trim().is_empty()).then(|| s.trim().to_owned());
    let request = ImportJobRequest::builder()
        .s3_url(url)
        .role_arn(spec.role_arn.trim())
        .format(if spec.json { Format::Json } else { Format::Csv })
        .register_endpoints(true)
        .define_segment(true)
        .set_segment_name(text(&spec.segment_name))
        .set_segment_id(text(&spec.segment_id))
        .build();
    let out = client
        .create_import_job()
        .application_id(app_id)
        .import_job_request(request)
        .send()
        .await?;
    out.import_job_response().map(JobRow::from_import).ok_or_else(super::worker::empty_answer)
}

/// Starts an export job of a segment (or of every endpoint when `segment_id` is empty).
pub async fn start_export(
    client: &Client,
    app_id: &str,
    segment_id: &str,
    s3_prefix: &str,
    role_arn: &str,
) -> Result<JobRow, ApiError> {
    let request = ExportJobRequest::builder()
        .s3_url_prefix(s3_prefix.trim())
        .role_arn(role_arn.trim())
        .set_segment_id((!segment_id.is_empty()).then(|| segment_id.to_owned()))
        .build();
    let out = client
        .create_export_job()
        .application_id(app_id)
        .export_job_request(request)
        .send()
        .await?;
    out.export_job_response().map(JobRow::from_export).ok_or_else(super::worker::empty_answer)
}

/// Every import and export job of a project, newest first.
pub async fn list_jobs(client: &Client, app_id: &str) -> Result<Vec<JobRow>, ApiError> {
    let imports = every_page!(
        client.get_import_jobs().application_id(app_id),
        import_jobs_response,
        JobRow::from_import
    )
    .await?;
    let exports = every_page!(
        client.get_export_jobs().application_id(app_id),
        export_jobs_response,
        JobRow::from_export
    )
    .await?;
    let mut rows: Vec<JobRow> = imports.into_iter().chain(exports).collect();
    rows.sort_by(|a, b| b.created.cmp(&a.created).then(b.id.cmp(&a.id)));
    Ok(rows)
}
