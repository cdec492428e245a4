//! Work on this machine that must not run on the UI thread: reading key files and uploads,
//! writing exports, the native file dialog and reading kept drafts.

use super::{ApiError, ApiResponse, ErrorKind, FilePurpose, LocalRequest};
use crate::secrets::Redacted;

fn cannot(verb: &str, path: &std::path::Path, error: &std::io::Error) -> ApiError {
    ApiError::local(ErrorKind::File, format!("Cannot {verb} {}: {error}", path.display()))
}

/// Runs one local request.
pub async fn call(request: LocalRequest) -> Result<ApiResponse, ApiError> {
    match request {
        LocalRequest::ReadKeyFile { member, path, expect } => {
            let bytes = tokio::fs::read(&path).await.map_err(|e| cannot("read", &path, &e))?;
            let text = String::from_utf8(bytes).unwrap_or_default();
            expect
                .check(&text)
                .map_err(|message| ApiError::local(ErrorKind::WrongFile, message))?;
            Ok(ApiResponse::KeyFileRead { member, contents: Redacted(text) })
        }
        LocalRequest::ReadTextFile { path } => {
            let bytes = tokio::fs::read(&path).await.map_err(|e| cannot("read", &path, &e))?;
            let text = String::from_utf8(bytes).map_err(|_| {
                ApiError::local(ErrorKind::File, format!("{} is not UTF-8 text", path.display()))
            })?;
            Ok(ApiResponse::TextFile { path, text })
        }
        LocalRequest::WriteTextFile { path, contents } => {
            tokio::fs::write(&path, contents).await.map_err(|e| cannot("write", &path, &e))?;
            Ok(ApiResponse::FileWritten(path))
        }
        LocalRequest::OpenHtml { name, html } => {
            let safe: String =
                name.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '-' }).collect();
            let path = std::env::temp_dir().join(format!("pinpoint-template-{safe}.html"));
            tokio::fs::write(&path, html).await.map_err(|e| cannot("write", &path, &e))?;
            let shown = path.clone();
            tokio::task::spawn_blocking(move || webbrowser::open(&shown.to_string_lossy()))
                .await
                .map_err(|e| ApiError::local(ErrorKind::File, e.to_string()))?
                .map_err(|e| {
                    ApiError::local(
                        ErrorKind::File,
                        format!("Cannot open {} in a browser: {e}", path.display()),
                    )
                })?;
            Ok(ApiResponse::Opened(path))
        }
        LocalRequest::PickFile { purpose } => {
            let dialog = rfd::AsyncFileDialog::new().set_title(purpose.title());
            let picked = if purpose == FilePurpose::DemoSave {
                dialog.set_file_name("pinpoint-demo.json").save_file().await
            } else if purpose == FilePurpose::AnalyticsCsv {
                dialog.set_file_name("pinpoint-kpis.csv").save_file().await
            } else {
                dialog.pick_file().await
            };
            Ok(ApiResponse::FilePicked { purpose, path: picked.map(|f| f.path().to_path_buf()) })
        }
        LocalRequest::ReadDrafts { store, kind, app_id } => {
            let read = app_id.clone();
            let drafts = tokio::task::spawn_blocking(move || {
                store.flush();
                store.load_all(kind.as_str(), &read)
            })
            .await
            .map_err(|e| ApiError::local(ErrorKind::Drafts, e.to_string()))?;
            Ok(ApiResponse::Drafts { kind, app_id, drafts })
        }
    }
}
