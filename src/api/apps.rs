//! Projects and their settings: GetApps (every page), CreateApp, DeleteApp,
//! GetApplicationSettings and UpdateApplicationSettings.

use aws_sdk_pinpoint::Client;
use aws_sdk_pinpoint::types::{ApplicationResponse, CreateApplicationRequest};

use super::{ApiError, ApiResponse, AppSummary, AppsRequest};

/// A project as the console lists it.
fn summary(app: &ApplicationResponse) -> AppSummary {
    let mut tags: Vec<(String, String)> = app
        .tags()
        .map(|t| t.iter().map(|(k, v)| (k.clone(), v.clone())).collect())
        .unwrap_or_default();
    tags.sort();
    AppSummary {
        id: app.id().unwrap_or_default().to_owned(),
        name: app.name().unwrap_or_default().to_owned(),
        arn: app.arn().unwrap_or_default().to_owned(),
        creation_date: app.creation_date().map(str::to_owned),
        tags,
    }
}

/// Runs one projects-and-settings request.
pub async fn call(client: &Client, request: AppsRequest) -> Result<ApiResponse, ApiError> {
    match request {
        AppsRequest::ListApps => {
            let mut apps = Vec::new();
            let mut token: Option<String> = None;
            loop {
                let page =
                    client.get_apps().page_size("100").set_token(token.take()).send().await?;
                if let Some(list) = page.applications_response() {
                    apps.extend(list.item().iter().map(summary));
                    token = list.next_token().map(str::to_owned);
                }
                if token.is_none() {
                    break;
                }
            }
            Ok(ApiResponse::Apps(apps))
        }
        AppsRequest::CreateApp { name } => {
            let body = CreateApplicationRequest::builder().name(name).build();
            let out = client.create_app().create_application_request(body).send().await?;
            let app = out.application_response().map(summary).ok_or_else(ApiError::empty_answer)?;
            Ok(ApiResponse::AppCreated(app))
        }
        AppsRequest::DeleteApp { app_id } => {
            let out = client.delete_app().application_id(app_id).send().await?;
            let app = out.application_response().map(summary).ok_or_else(ApiError::empty_answer)?;
            Ok(ApiResponse::AppDeleted(app))
        }
        AppsRequest::GetSettings { app_id } => {
            let out = client.get_application_settings().application_id(&app_id).send().await?;
            let settings =
                out.application_settings_resource().cloned().ok_or_else(ApiError::empty_answer)?;
            Ok(ApiResponse::Settings { app_id, settings })
        }
        AppsRequest::UpdateSettings { app_id, request } => {
            let out = client
                .update_application_settings()
                .application_id(&app_id)
                .write_application_settings_request(request)
                .send()
                .await?;
            let settings =
                out.application_settings_resource().cloned().ok_or_else(ApiError::empty_answer)?;
            Ok(ApiResponse::Settings { app_id, settings })
        }
    }
}
