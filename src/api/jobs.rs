//! Import and export jobs: start one (putting a local file into the mock's bucket first on a
//! mock connection), list every job of a project, and the row the Jobs list shows.

use std::path::Path;

use aws_sdk_pinpoint::Client;
use aws_sdk_pinpoint::types::{
    ExportJobRequest, ExportJobResponse, Format, ImportJobRequest, ImportJobResponse,
};
use serde_json::{Value, json};

use super::paging::{all_pages, every_page};
use super::{ApiError, ErrorKind, mock_ext};

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
        .map_err(|e| ApiError::local(ErrorKind::File, format!("{}: {e}", path.display())))?;
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("import.csv");
    let answer =
        mock_ext::post(mock, "/_mock/files", &json!({"Name": name, "Contents": contents})).await?;
    answer
        .get("S3Url")
        .and_then(Value::as_str)
        .map(str::to_owned)
        .ok_or_else(ApiError::empty_answer)
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
                ErrorKind::NotAMock,
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
    out.import_job_response().map(JobRow::from_import).ok_or_else(ApiError::empty_answer)
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
    out.export_job_response().map(JobRow::from_export).ok_or_else(ApiError::empty_answer)
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
