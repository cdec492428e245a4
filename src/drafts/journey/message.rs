//! A message activity (`EMAIL`, `SMS`, `PUSH`, `CUSTOM`) of the `WriteJourneyRequest`, built for
//! `request`: its template, its channel's `MessageConfig` (written only when a member is set),
//! and a custom message's destination, checked as the service checks it.

use aws_sdk_pinpoint::types::{
    Activity, CustomMessageActivity, EmailMessageActivity, EndpointTypesElement,
    JourneyCustomMessage, JourneyEmailMessage, JourneyPushMessage, JourneySmsMessage, MessageType,
    PushMessageActivity, SmsMessageActivity,
};

use super::request::opt;
use super::{Channel, MessageDraft};
use crate::drafts::FieldErrors;
use crate::pinpoint::rules;

/// Sets the message member of `a` (which carries the activity's description).
pub(super) fn message(
    errors: &mut FieldErrors,
    path: &str,
    m: &MessageDraft,
    mut a: Activity,
) -> Activity {
    let (next, name, version) = (opt(&m.next), opt(&m.template_name), opt(&m.template_version));
    match m.channel {
        Channel::Email => {
            let config = opt(&m.from_address)
                .map(|f| JourneyEmailMessage::builder().from_address(f).build());
            a.email = Some(
                EmailMessageActivity::builder()
                    .set_message_config(config)
                    .set_next_activity(next)
                    .set_template_name(name)
                    .set_template_version(version)
                    .build(),
            );
        }
        Channel::Sms => {
            let fields = [
                &m.message_type,
                &m.origination_number,
                &m.sender_id,
                &m.entity_id,
                &m.template_id,
            ];
            let config = fields.iter().any(|f| !f.trim().is_empty()).then(|| {
                JourneySmsMessage::builder()
                    .set_message_type(opt(&m.message_type).map(|t| MessageType::from(t.as_str())))
                    .set_origination_number(opt(&m.origination_number))
                    .set_sender_id(opt(&m.sender_id))
                    .set_entity_id(opt(&m.entity_id))
                    .set_template_id(opt(&m.template_id))
                    .build()
            });
            a.sms = Some(
                SmsMessageActivity::builder()
                    .set_message_config(config)
                    .set_next_activity(next)
                    .set_template_name(name)
                    .set_template_version(version)
                    .build(),
            );
        }
        Channel::Push => {
            let ttl = opt(&m.time_to_live);
            if let Some(t) = &ttl
                && t.parse::<u64>().is_err()
            {
                errors.add(
                    format!("{path}.MessageConfig.TimeToLive"),
                    format!("'{t}' is not a number of seconds: type one such as 3600"),
                );
            }
            let config = ttl.map(|t| JourneyPushMessage::builder().time_to_live(t).build());
            a.push = Some(
                PushMessageActivity::builder()
                    .set_message_config(config)
                    .set_next_activity(next)
                    .set_template_name(name)
                    .set_template_version(version)
                    .build(),
            );
        }
        Channel::Custom => {
            let uri = opt(&m.delivery_uri);
            match &uri {
                None => errors.add(
                    format!("{path}.DeliveryUri"),
                    "Type the Lambda function or the https:// address that delivers it".to_owned(),
                ),
                Some(u) if u.starts_with("http://") => {
                    errors
                        .add(format!("{path}.DeliveryUri"), "A web destination must use https://");
                }
                Some(u) if !u.starts_with("https://") => errors.check(
                    format!("{path}.DeliveryUri"),
                    rules::lambda_function_name("DeliveryUri", u),
                ),
                Some(_) => {}
            }
            let types: Vec<EndpointTypesElement> =
                m.endpoint_types.iter().map(|t| EndpointTypesElement::from(t.as_str())).collect();
            let config = opt(&m.data).map(|d| JourneyCustomMessage::builder().data(d).build());
            a.custom = Some(
                CustomMessageActivity::builder()
                    .set_delivery_uri(uri)
                    .set_endpoint_types((!types.is_empty()).then_some(types))
                    .set_message_config(config)
                    .set_next_activity(next)
                    .set_template_name(name)
                    .set_template_version(version)
                    .build(),
            );
        }
    }
    a
}
