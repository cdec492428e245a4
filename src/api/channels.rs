//! Channel calls for the worker: read all nine, update one, delete one; each answer reduced to
//! a `ChannelInfo` (what the service echoes; never a secret, which it never sends). A saved
//! channel's secrets go to the OS keyring, a deleted channel's are forgotten.

use std::collections::BTreeMap;

use aws_sdk_pinpoint::Client;
use aws_sdk_pinpoint::error::ProvideErrorMetadata;

use super::context::CallContext;
use super::keyring::channel_key;
use super::{ApiError, ApiResponse, ChannelRow, ChannelsRequest, ErrorKind};
use crate::drafts::channels::ChannelRequest;
use crate::pinpoint::ChannelKind;
use crate::secrets::Redacted;

/// A configured channel as the service reports it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChannelInfo {
    /// The channel.
    pub kind: ChannelKind,
    /// Enabled.
    pub enabled: bool,
    /// The service holds a credential.
    pub has_credential: bool,
    /// APNs: a token key is set.
    pub has_token_key: bool,
    /// Version.
    pub version: Option<i32>,
    /// Last change.
    pub last_modified: Option<String>,
    /// Members the service echoes (FromAddress, SenderId, DefaultAuthenticationMethod, …).
    pub echoed: BTreeMap<&'static str, String>,
}

macro_rules! info {
    ($kind:expr, $r:expr) => {{
        let r = $r;
        ChannelInfo {
            kind: $kind,
            enabled: r.enabled().unwrap_or(false),
            has_credential: r.has_credential().unwrap_or(false),
            has_token_key: false,
            version: r.version(),
            last_modified: r.last_modified_date().map(str::to_owned),
            echoed: BTreeMap::new(),
        }
    }};
}

fn echo(info: &mut ChannelInfo, name: &'static str, value: Option<&str>) {
    if let Some(v) = value.filter(|v| !v.is_empty()) {
        info.echoed.insert(name, v.to_owned());
    }
}

macro_rules! apns_info {
    ($kind:expr, $r:expr) => {{
        let r = $r;
        let mut i = info!($kind, r);
        i.has_token_key = r.has_token_key().unwrap_or(false);
        echo(&mut i, "DefaultAuthenticationMethod", r.default_authentication_method());
        i
    }};
}

/// Turns "not configured" (404) into `None`.
fn found<T, E: ProvideErrorMetadata>(result: Result<T, E>) -> Result<Option<T>, E> {
    match result {
        Ok(v) => Ok(Some(v)),
        Err(e) if e.code() == Some("NotFoundException") => Ok(None),
        Err(e) => Err(e),
    }
}

/// The channels the console manages (`ChannelKind::CONSOLE`), `None` for those not configured.
pub async fn list(
    client: &Client,
    app: &str,
) -> Result<Vec<(ChannelKind, Option<ChannelInfo>)>, ApiError> {
    let mut all = Vec::new();
    for kind in ChannelKind::CONSOLE {
        all.push((kind, get(client, app, kind).await?));
    }
    Ok(all)
}

macro_rules! get_one {
    ($client:expr, $app:expr, $call:ident, $out:ident, $make:expr) => {{
        let out =
            $client.$call().application_id($app).send().await.map_err(|e| e.into_service_error());
        match found(out) {
            Ok(Some(o)) => Ok(o.$out().map($make)),
            Ok(None) => Ok(None),
            Err(e) => Err(ApiError {
                kind: ErrorKind::from_code(e.code().unwrap_or("ServiceError")),
                message: e.message().unwrap_or_default().to_owned(),
                request_id: aws_sdk_pinpoint::operation::RequestId::request_id(&e)
                    .map(str::to_owned),
                unreachable: false,
            }),
        }
    }};
}

/// One channel, `None` when not configured.
pub async fn get(
    client: &Client,
    app: &str,
    kind: ChannelKind,
) -> Result<Option<ChannelInfo>, ApiError> {
    use ChannelKind as K;
    match kind {
        K::Adm => {
            get_one!(client, app, get_adm_channel, adm_channel_response, |r| info!(K::Adm, r))
        }
        K::Apns => get_one!(client, app, get_apns_channel, apns_channel_response, |r| apns_info!(
            K::Apns,
            r
        )),
        K::ApnsSandbox => get_one!(
            client,
            app,
            get_apns_sandbox_channel,
            apns_sandbox_channel_response,
            |r| apns_info!(K::ApnsSandbox, r)
        ),
        K::ApnsVoip => get_one!(
            client,
            app,
            get_apns_voip_channel,
            apns_voip_channel_response,
            |r| apns_info!(K::ApnsVoip, r)
        ),
        K::ApnsVoipSandbox => get_one!(
            client,
            app,
            get_apns_voip_sandbox_channel,
            apns_voip_sandbox_channel_response,
            |r| apns_info!(K::ApnsVoipSandbox, r)
        ),
        K::Baidu => {
            get_one!(client, app, get_baidu_channel, baidu_channel_response, |r| info!(K::Baidu, r))
        }
        K::Email => get_one!(client, app, get_email_channel, email_channel_response, |r| {
            let mut i = info!(K::Email, r);
            echo(&mut i, "FromAddress", r.from_address());
            echo(&mut i, "Identity", r.identity());
            echo(&mut i, "RoleArn", r.role_arn());
            echo(&mut i, "ConfigurationSet", r.configuration_set());
            echo(&mut i, "OrchestrationSendingRoleArn", r.orchestration_sending_role_arn());
            i
        }),
        K::Gcm => get_one!(client, app, get_gcm_channel, gcm_channel_response, |r| {
            let mut i = info!(K::Gcm, r);
            echo(&mut i, "DefaultAuthenticationMethod", r.default_authentication_method());
            i
        }),
        K::Sms => get_one!(client, app, get_sms_channel, sms_channel_response, |r| {
            let mut i = info!(K::Sms, r);
            echo(&mut i, "SenderId", r.sender_id());
            echo(&mut i, "ShortCode", r.short_code());
            i
        }),
        K::Voice => {
            get_one!(client, app, get_voice_channel, voice_channel_response, |r| info!(K::Voice, r))
        }
    }
}

/// Updates (or creates) a channel and reads it back.
pub async fn update(
    client: &Client,
    app: &str,
    request: ChannelRequest,
) -> Result<ChannelInfo, ApiError> {
    let kind = match request {
        ChannelRequest::Adm(r) => {
            client.update_adm_channel().application_id(app).adm_channel_request(r).send().await?;
            ChannelKind::Adm
        }
        ChannelRequest::Apns(r) => {
            client.update_apns_channel().application_id(app).apns_channel_request(r).send().await?;
            ChannelKind::Apns
        }
        ChannelRequest::ApnsSandbox(r) => {
            client
                .update_apns_sandbox_channel()
                .application_id(app)
                .apns_sandbox_channel_request(r)
                .send()
                .await?;
            ChannelKind::ApnsSandbox
        }
        ChannelRequest::ApnsVoip(r) => {
            client
                .update_apns_voip_channel()
                .application_id(app)
                .apns_voip_channel_request(r)
                .send()
                .await?;
            ChannelKind::ApnsVoip
        }
        ChannelRequest::ApnsVoipSandbox(r) => {
            client
                .update_apns_voip_sandbox_channel()
                .application_id(app)
                .apns_voip_sandbox_channel_request(r)
                .send()
                .await?;
            ChannelKind::ApnsVoipSandbox
        }
        ChannelRequest::Baidu(r) => {
            client
                .update_baidu_channel()
                .application_id(app)
                .baidu_channel_request(r)
                .send()
                .await?;
            ChannelKind::Baidu
        }
        ChannelRequest::Email(r) => {
            client
                .update_email_channel()
                .application_id(app)
                .email_channel_request(r)
                .send()
                .await?;
            ChannelKind::Email
        }
        ChannelRequest::Gcm(r) => {
            client.update_gcm_channel().application_id(app).gcm_channel_request(r).send().await?;
            ChannelKind::Gcm
        }
        ChannelRequest::Sms(r) => {
            client.update_sms_channel().application_id(app).sms_channel_request(r).send().await?;
            ChannelKind::Sms
        }
        ChannelRequest::Voice(r) => {
            client
                .update_voice_channel()
                .application_id(app)
                .voice_channel_request(r)
                .send()
                .await?;
            ChannelKind::Voice
        }
    };
    get(client, app, kind).await?.ok_or_else(|| {
        ApiError::local(
            ErrorKind::NotFound,
            format!("the {} was saved but cannot be read back", kind.title()),
        )
    })
}

/// Deletes a channel.
pub async fn delete(client: &Client, app: &str, kind: ChannelKind) -> Result<(), ApiError> {
    use ChannelKind as K;
    match kind {
        K::Adm => drop(client.delete_adm_channel().application_id(app).send().await?),
        K::Apns => drop(client.delete_apns_channel().application_id(app).send().await?),
        K::ApnsSandbox => {
            drop(client.delete_apns_sandbox_channel().application_id(app).send().await?);
        }
        K::ApnsVoip => drop(client.delete_apns_voip_channel().application_id(app).send().await?),
        K::ApnsVoipSandbox => {
            drop(client.delete_apns_voip_sandbox_channel().application_id(app).send().await?);
        }
        K::Baidu => drop(client.delete_baidu_channel().application_id(app).send().await?),
        K::Email => drop(client.delete_email_channel().application_id(app).send().await?),
        K::Gcm => drop(client.delete_gcm_channel().application_id(app).send().await?),
        K::Sms => drop(client.delete_sms_channel().application_id(app).send().await?),
        K::Voice => drop(client.delete_voice_channel().application_id(app).send().await?),
    }
    Ok(())
}

/// Runs one channel request (and its keyring work).
pub async fn call(
    client: &Client,
    request: ChannelsRequest,
    context: &CallContext,
) -> Result<ApiResponse, ApiError> {
    match request {
        ChannelsRequest::ListChannels { app_id } => {
            let channels = list(client, &app_id).await?;
            Ok(ApiResponse::Channels { app_id, channels })
        }
        ChannelsRequest::SaveChannel { app_id, request, secrets } => {
            let Redacted(request) = *request;
            let info = update(client, &app_id, request).await?;
            let key = channel_key(&context.connection_key, &app_id, info.kind);
            let Redacted(fields) = secrets;
            let stored = context
                .with_store(move |store| {
                    if fields.is_empty() { store.delete(&key) } else { store.set(&key, &fields) }
                })
                .await;
            Ok(ApiResponse::ChannelSaved { app_id, info, stored })
        }
        ChannelsRequest::DeleteChannel { app_id, kind } => {
            delete(client, &app_id, kind).await?;
            let key = channel_key(&context.connection_key, &app_id, kind);
            let forgotten = context.with_store(move |store| store.delete(&key)).await;
            Ok(ApiResponse::ChannelDeleted { app_id, kind, forgotten })
        }
        ChannelsRequest::Overview { app_id } => {
            let out = client.get_channels().application_id(app_id).send().await?;
            let mut rows: Vec<ChannelRow> = out
                .channels_response()
                .and_then(|r| r.channels())
                .into_iter()
                .flatten()
                .map(|(channel, r)| ChannelRow {
                    channel: channel.clone(),
                    enabled: r.enabled().unwrap_or(false),
                    last_modified: r.last_modified_date().unwrap_or_default().to_owned(),
                    version: r.version(),
                })
                .collect();
            rows.sort_by(|a, b| a.channel.cmp(&b.channel));
            Ok(ApiResponse::ChannelOverview(rows))
        }
        ChannelsRequest::LoadChannelSecrets { app_id, kind } => {
            let key = channel_key(&context.connection_key, &app_id, kind);
            let secrets =
                context.with_store(move |store| store.get(&key)).await.map(|s| s.map(Redacted));
            Ok(ApiResponse::ChannelSecrets { app_id, kind, secrets })
        }
    }
}
