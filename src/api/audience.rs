//! Endpoints, users, events and the event stream: the Audience section's calls, including the
//! chunks of an endpoint upload and the mock's listing of every endpoint.

use aws_sdk_pinpoint::Client;
use aws_sdk_pinpoint::types::{
    EndpointResponse, EventsBatch, EventsRequest, PublicEndpoint, WriteEventStream,
};

use super::context::CallContext;
use super::{ApiError, ApiResponse, AudienceRequest, EndpointRow, ErrorKind, mock_ext};

/// GetEndpoint: the endpoint as the service stores it (also read back after a save, and
/// for a message preview).
pub async fn get_endpoint(
    client: &Client,
    app_id: &str,
    endpoint_id: &str,
) -> Result<EndpointResponse, ApiError> {
    let out = client.get_endpoint().application_id(app_id).endpoint_id(endpoint_id).send().await?;
    out.endpoint_response().cloned().ok_or_else(ApiError::empty_answer)
}

/// Runs one audience request.
pub async fn call(
    client: &Client,
    request: AudienceRequest,
    context: &CallContext,
) -> Result<ApiResponse, ApiError> {
    match request {
        AudienceRequest::GetEndpoint { app_id, endpoint_id } => {
            let endpoint = get_endpoint(client, &app_id, &endpoint_id).await?;
            Ok(ApiResponse::Endpoint { saved: false, endpoint: Box::new(endpoint) })
        }
        AudienceRequest::SaveEndpoint { app_id, endpoint_id, request } => {
            client
                .update_endpoint()
                .application_id(&app_id)
                .endpoint_id(&endpoint_id)
                .endpoint_request(*request)
                .send()
                .await?;
            let endpoint = get_endpoint(client, &app_id, &endpoint_id).await?;
            Ok(ApiResponse::Endpoint { saved: true, endpoint: Box::new(endpoint) })
        }
        AudienceRequest::DeleteEndpoint { app_id, endpoint_id } => {
            client
                .delete_endpoint()
                .application_id(app_id)
                .endpoint_id(&endpoint_id)
                .send()
                .await?;
            Ok(ApiResponse::EndpointDeleted(endpoint_id))
        }
        AudienceRequest::GetUserEndpoints { app_id, user_id } => {
            let out =
                client.get_user_endpoints().application_id(app_id).user_id(&user_id).send().await?;
            let endpoints = out.endpoints_response().map(|r| r.item().to_vec()).unwrap_or_default();
            Ok(ApiResponse::UserEndpoints { user_id, endpoints, deleted: false })
        }
        AudienceRequest::DeleteUserEndpoints { app_id, user_id } => {
            let out = client
                .delete_user_endpoints()
                .application_id(app_id)
                .user_id(&user_id)
                .send()
                .await?;
            let endpoints = out.endpoints_response().map(|r| r.item().to_vec()).unwrap_or_default();
            Ok(ApiResponse::UserEndpoints { user_id, endpoints, deleted: true })
        }
        AudienceRequest::PutEvent { app_id, endpoint_id, event } => {
            let batch = EventsBatch::builder()
                .endpoint(PublicEndpoint::builder().build())
                .events("event-1", *event)
                .build();
            let request = EventsRequest::builder().batch_item(&endpoint_id, batch).build();
            let out =
                client.put_events().application_id(app_id).events_request(request).send().await?;
            let mut rows = Vec::new();
            if let Some(item) =
                out.events_response().and_then(|r| r.results()).and_then(|r| r.get(&endpoint_id))
            {
                if let Some(e) = item.endpoint_item_response() {
                    rows.push((
                        format!("endpoint {endpoint_id}"),
                        e.status_code().unwrap_or_default(),
                        e.message().unwrap_or_default().to_owned(),
                    ));
                }
                for (id, e) in item.events_item_response().into_iter().flatten() {
                    rows.push((
                        format!("event {id}"),
                        e.status_code().unwrap_or_default(),
                        e.message().unwrap_or_default().to_owned(),
                    ));
                }
            }
            Ok(ApiResponse::EventResults(rows))
        }
        AudienceRequest::GetEventStream { app_id } => {
            match client.get_event_stream().application_id(app_id).send().await {
                Ok(out) => Ok(ApiResponse::EventStream(out.event_stream().cloned())),
                Err(e) => {
                    let e = ApiError::from(e);
                    if e.kind == ErrorKind::NotFound {
                        Ok(ApiResponse::EventStream(None))
                    } else {
                        Err(e)
                    }
                }
            }
        }
        AudienceRequest::PutEventStream { app_id, destination, role } => {
            let body = WriteEventStream::builder()
                .destination_stream_arn(destination)
                .role_arn(role)
                .build();
            let out = client
                .put_event_stream()
                .application_id(app_id)
                .write_event_stream(body)
                .send()
                .await?;
            Ok(ApiResponse::EventStream(out.event_stream().cloned()))
        }
        AudienceRequest::DeleteEventStream { app_id } => {
            client.delete_event_stream().application_id(app_id).send().await?;
            Ok(ApiResponse::EventStream(None))
        }
        AudienceRequest::ListAllEndpoints { app_id } => {
            let base = context.mock("Listing every endpoint")?;
            let path = format!("/_mock/apps/{app_id}/endpoints");
            let mut rows = Vec::new();
            let mut token: Option<String> = None;
            loop {
                let mut query = vec![("page-size", "1000".to_owned())];
                if let Some(t) = token.take() {
                    query.push(("token", t));
                }
                let page = mock_ext::get(base, &path, &query).await?;
                rows.extend(
                    page["Item"].as_array().into_iter().flatten().map(EndpointRow::from_json),
                );
                token = page.get("NextToken").and_then(|t| t.as_str()).map(str::to_owned);
                if token.is_none() {
                    break;
                }
            }
            Ok(ApiResponse::AllEndpoints(rows))
        }
        AudienceRequest::UploadChunk { app_id, request, index } => {
            let items = request.item().len();
            client
                .update_endpoints_batch()
                .application_id(app_id)
                .endpoint_batch_request(*request)
                .send()
                .await?;
            Ok(ApiResponse::ChunkUploaded { index, items })
        }
        AudienceRequest::RemoveAttributes { app_id, attribute_type, names } => {
            let body = aws_sdk_pinpoint::types::UpdateAttributesRequest::builder()
                .set_blacklist(Some(names.clone()))
                .build();
            client
                .remove_attributes()
                .application_id(app_id)
                .attribute_type(&attribute_type)
                .update_attributes_request(body)
                .send()
                .await?;
            Ok(ApiResponse::AttributesRemoved { attribute_type, names })
        }
    }
}
