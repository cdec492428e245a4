//! Writing templates: Create or Update (a new version, or the latest overwritten) of each
//! kind, and Delete (every version).

use aws_sdk_pinpoint::Client;

use crate::api::ApiError;
use crate::drafts::template::sdk::TemplateRequest;
use crate::pinpoint::template::TemplateKind;

pub(super) async fn save(
    client: &Client,
    name: &str,
    request: TemplateRequest,
    create: bool,
    new_version: bool,
) -> Result<(), ApiError> {
    macro_rules! create_or_update {
        ($create:ident, $update:ident, $member:ident, $r:expr) => {
            if create {
                client.$create().template_name(name).$member($r).send().await.map(|_| ())?
            } else {
                client
                    .$update()
                    .template_name(name)
                    .create_new_version(new_version)
                    .$member($r)
                    .send()
                    .await
                    .map(|_| ())?
            }
        };
    }
    match request {
        TemplateRequest::Email(r) => {
            create_or_update!(
                create_email_template,
                update_email_template,
                email_template_request,
                r
            );
        }
        TemplateRequest::Sms(r) => {
            create_or_update!(create_sms_template, update_sms_template, sms_template_request, r);
        }
        TemplateRequest::Push(r) => create_or_update!(
            create_push_template,
            update_push_template,
            push_notification_template_request,
            r
        ),
        TemplateRequest::Voice(r) => {
            create_or_update!(
                create_voice_template,
                update_voice_template,
                voice_template_request,
                r
            );
        }
        TemplateRequest::InApp(r) => create_or_update!(
            create_in_app_template,
            update_in_app_template,
            in_app_template_request,
            r
        ),
    }
    Ok(())
}

pub(super) async fn delete(
    client: &Client,
    kind: TemplateKind,
    name: &str,
) -> Result<(), ApiError> {
    match kind {
        TemplateKind::Email => {
            client.delete_email_template().template_name(name).send().await.map(|_| ())?;
        }
        TemplateKind::Sms => {
            client.delete_sms_template().template_name(name).send().await.map(|_| ())?;
        }
        TemplateKind::Push => {
            client.delete_push_template().template_name(name).send().await.map(|_| ())?;
        }
        TemplateKind::Voice => {
            client.delete_voice_template().template_name(name).send().await.map(|_| ())?;
        }
        TemplateKind::InApp => {
            client.delete_in_app_template().template_name(name).send().await.map(|_| ())?;
        }
    }
    Ok(())
}
