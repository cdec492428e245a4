//! Direct messages (SendMessages, SendUsersMessages), PhoneNumberValidate and the mock's outbox,
//! each answer reduced to the rows the Messaging section shows.

use aws_sdk_pinpoint::Client;
use aws_sdk_pinpoint::types::NumberValidateRequest;

use super::context::CallContext;
use super::{ApiError, ApiResponse, ErrorKind, MessagingRequest, ResultRow, mock_ext};
use crate::drafts::message::Batch;

/// Runs one messaging request.
pub async fn call(
    client: &Client,
    request: MessagingRequest,
    context: &CallContext,
) -> Result<ApiResponse, ApiError> {
    match request {
        MessagingRequest::SendBatch { app_id, batch, index } => {
            let rows = match *batch {
                Batch::Messages(request) => {
                    let send = client
                        .send_messages()
                        .application_id(app_id)
                        .message_request(request)
                        .send();
                    let out = Box::pin(send).await?;
                    out.message_response().map(message_rows).unwrap_or_default()
                }
                Batch::Users(request) => {
                    let send = client
                        .send_users_messages()
                        .application_id(app_id)
                        .send_users_message_request(request)
                        .send();
                    let out = Box::pin(send).await?;
                    out.send_users_message_response().map(user_rows).unwrap_or_default()
                }
            };
            Ok(ApiResponse::BatchSent { index, rows })
        }
        MessagingRequest::ValidatePhone { number, country } => {
            let request = NumberValidateRequest::builder()
                .phone_number(number)
                .set_iso_country_code(country)
                .build();
            let out =
                client.phone_number_validate().number_validate_request(request).send().await?;
            Ok(ApiResponse::PhoneValidated(
                out.number_validate_response().cloned().ok_or_else(ApiError::empty_answer)?,
            ))
        }
        MessagingRequest::Outbox { app_id, channel, recipient, campaign } => {
            let base = context.mock("The outbox")?;
            let mut query = vec![("application-id", app_id), ("limit", "500".to_owned())];
            for (key, value) in
                [("channel", channel), ("recipient", recipient), ("campaign-id", campaign)]
            {
                if let Some(v) = value.filter(|v| !v.trim().is_empty()) {
                    query.push((key, v.trim().to_owned()));
                }
            }
            let answer = mock_ext::get(base, "/_mock/outbox", &query).await?;
            let items = serde_json::from_value(answer["Item"].clone())
                .map_err(|e| ApiError::local(ErrorKind::MockExtension, e.to_string()))?;
            Ok(ApiResponse::Outbox(items))
        }
        MessagingRequest::SendOtp { app_id, params } => {
            let destination = params.destination_identity().unwrap_or_default().to_owned();
            let out = client
                .send_otp_message()
                .application_id(app_id)
                .send_otp_message_request_parameters(*params)
                .send()
                .await?;
            let rows = out.message_response().map(message_rows).unwrap_or_default();
            let row = rows.into_iter().find(|r| r.recipient == destination);
            Ok(ApiResponse::OtpSent(row.ok_or_else(ApiError::empty_answer)?))
        }
        MessagingRequest::VerifyOtp { app_id, params } => {
            let out = client
                .verify_otp_message()
                .application_id(app_id)
                .verify_otp_message_request_parameters(params)
                .send()
                .await?;
            let valid = out
                .verification_response()
                .and_then(aws_sdk_pinpoint::types::VerificationResponse::valid);
            Ok(ApiResponse::OtpVerified(valid.unwrap_or(false)))
        }
    }
}

fn row(
    recipient: &str,
    endpoint: Option<&str>,
    r: &aws_sdk_pinpoint::types::EndpointMessageResult,
) -> ResultRow {
    ResultRow {
        recipient: recipient.to_owned(),
        endpoint: endpoint.map(str::to_owned),
        address: r.address().unwrap_or_default().to_owned(),
        status: r.delivery_status().map(|s| s.as_str().to_owned()).unwrap_or_default(),
        code: r.status_code().unwrap_or_default(),
        message: r.status_message().unwrap_or_default().to_owned(),
        message_id: r.message_id().unwrap_or_default().to_owned(),
    }
}

fn message_rows(response: &aws_sdk_pinpoint::types::MessageResponse) -> Vec<ResultRow> {
    let mut rows: Vec<ResultRow> = response
        .result()
        .into_iter()
        .flatten()
        .map(|(address, r)| ResultRow {
            recipient: address.clone(),
            endpoint: None,
            address: address.clone(),
            status: r.delivery_status().map(|s| s.as_str().to_owned()).unwrap_or_default(),
            code: r.status_code().unwrap_or_default(),
            message: r.status_message().unwrap_or_default().to_owned(),
            message_id: r.message_id().unwrap_or_default().to_owned(),
        })
        .collect();
    rows.extend(
        response.endpoint_result().into_iter().flatten().map(|(id, r)| row(id, Some(id), r)),
    );
    rows.sort_by(|a, b| a.recipient.cmp(&b.recipient));
    rows
}

fn user_rows(response: &aws_sdk_pinpoint::types::SendUsersMessageResponse) -> Vec<ResultRow> {
    let mut rows = Vec::new();
    for (user, endpoints) in response.result().into_iter().flatten() {
        if endpoints.is_empty() {
            rows.push(ResultRow {
                recipient: user.clone(),
                endpoint: None,
                address: String::new(),
                status: "NO_ENDPOINTS".into(),
                code: 0,
                message: "The user has no endpoints".into(),
                message_id: String::new(),
            });
        }
        for (endpoint, r) in endpoints {
            rows.push(row(user, Some(endpoint), r));
        }
    }
    rows.sort_by(|a, b| (&a.recipient, &a.endpoint).cmp(&(&b.recipient, &b.endpoint)));
    rows
}
