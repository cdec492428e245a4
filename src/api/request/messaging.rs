//! Direct messages, the phone check, one-time passwords and the mock's outbox: what the
//! Messaging handler (`api/messaging.rs`) is asked.

use super::ApiRequest;
use crate::drafts::message::Batch;

/// Direct messages, the phone check and the mock's outbox.
#[derive(Debug, Clone)]
pub enum MessagingRequest {
    /// Sends one batch of a direct message (SendMessages or SendUsersMessages).
    SendBatch {
        /// The project id.
        app_id: String,
        /// The request (boxed: it is far larger than the other requests).
        batch: Box<Batch>,
        /// Its position in the send.
        index: usize,
    },
    /// PhoneNumberValidate.
    ValidatePhone {
        /// The number as typed.
        number: String,
        /// ISO country hint.
        country: Option<String>,
    },
    /// The mock's outbox (mock connections only).
    Outbox {
        /// The project id.
        app_id: String,
        /// Only this channel type.
        channel: Option<String>,
        /// Address or endpoint id containing this.
        recipient: Option<String>,
        /// Only this campaign.
        campaign: Option<String>,
    },
    /// SendOTPMessage.
    SendOtp {
        /// The project id.
        app_id: String,
        /// The parameters, built by `drafts::otp`.
        params: Box<aws_sdk_pinpoint::types::SendOtpMessageRequestParameters>,
    },
    /// VerifyOTPMessage.
    VerifyOtp {
        /// The project id.
        app_id: String,
        /// The parameters, built by `drafts::otp`.
        params: aws_sdk_pinpoint::types::VerifyOtpMessageRequestParameters,
    },
}

impl From<MessagingRequest> for ApiRequest {
    fn from(request: MessagingRequest) -> Self {
        Self::Messaging(request)
    }
}
