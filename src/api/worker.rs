//! The worker thread: a tokio runtime named `api` that owns the SDK client (and, in demo mode,
//! the embedded mock server). One task per request; every answer is sent back as an
//! `ApiEvent` and wakes the UI with `request_repaint`.

use std::net::{Ipv4Addr, SocketAddr};
use std::sync::Arc;
use std::sync::mpsc as std_mpsc;

use aws_sdk_pinpoint::Client;
use aws_sdk_pinpoint::types::ApplicationResponse;
use tokio::sync::mpsc;

use super::connection::{ConnectionSpec, Timeouts, build_client};
use super::{
    ApiError, ApiEvent, ApiRequest, ApiResponse, AppSummary, RequestId, ResultRow, engagement,
    mock_ext,
};
use crate::drafts::message::Batch;
use crate::mock::MockServer;
use crate::mock::backend::Backend;
use crate::mock::demo::{self, Seed};
use crate::pinpoint::ChannelKind;
use crate::secrets::{Redacted, SecretError, SecretFields, SecretKey, SecretStore};

enum Command {
    Connect { id: RequestId, generation: u64, spec: ConnectionSpec },
    Call { id: RequestId, generation: u64, request: Box<ApiRequest> },
}

/// Wakes the UI when an event is ready (an `egui::Context` in the app, a no-op in tests that
/// poll).
pub type Waker = Arc<dyn Fn() + Send + Sync>;

/// The UI's end of the worker. Dropping it stops the worker (and the demo mock).
pub struct ApiHandle {
    commands: mpsc::UnboundedSender<Command>,
    events: std_mpsc::Receiver<ApiEvent>,
    next_id: RequestId,
    generation: u64,
}

impl std::fmt::Debug for ApiHandle {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ApiHandle").field("generation", &self.generation).finish_non_exhaustive()
    }
}

impl ApiHandle {
    /// Starts the worker thread. `waker` is called after every event.
    pub fn spawn(
        timeouts: Timeouts,
        demo_seed: Seed,
        secrets: Arc<dyn SecretStore>,
        waker: Waker,
    ) -> std::io::Result<Self> {
        let (commands, command_rx) = mpsc::unbounded_channel();
        let (event_tx, events) = std_mpsc::channel();
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .thread_name("api-worker")
            .enable_all()
            .build()?;
        std::thread::Builder::new().name("api".to_owned()).spawn(move || {
            runtime.block_on(run(command_rx, event_tx, waker, timeouts, demo_seed, secrets));
        })?;
        Ok(Self { commands, events, next_id: 0, generation: 0 })
    }

    /// Switches to a connection; answers with `ApiResponse::Connected` or an error. Answers to
    /// requests made on the previous connection become stale.
    pub fn connect(&mut self, spec: ConnectionSpec) -> RequestId {
        self.generation += 1;
        let id = self.fresh_id();
        self.send(Command::Connect { id, generation: self.generation, spec });
        id
    }

    /// Sends a request on the current connection.
    pub fn request(&mut self, request: ApiRequest) -> RequestId {
        let id = self.fresh_id();
        self.send(Command::Call { id, generation: self.generation, request: Box::new(request) });
        id
    }

    /// The current connection generation.
    #[must_use]
    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// The next event, if one is waiting (never blocks).
    pub fn try_recv(&self) -> Option<ApiEvent> {
        self.events.try_recv().ok()
    }

    fn fresh_id(&mut self) -> RequestId {
        self.next_id += 1;
        self.next_id
    }

    fn send(&self, command: Command) {
        if self.commands.send(command).is_err() {
            tracing::error!("the api worker has stopped; request dropped");
        }
    }
}

struct Session {
    client: Client,
    generation: u64,
    mock_url: Option<String>,
    /// Keys secrets by connection, so a demo key never meets a production project.
    connection_key: String,
}

/// What a call needs besides the client.
#[derive(Clone)]
struct CallContext {
    secrets: Arc<dyn SecretStore>,
    connection_key: String,
    /// The mock's URL, when the connection is a mock (for the `/_mock/` extensions).
    mock_url: Option<String>,
}

fn connection_key(spec: &ConnectionSpec) -> String {
    match spec {
        ConnectionSpec::Demo => "demo".to_owned(),
        ConnectionSpec::Aws { profile, region, .. } => format!(
            "aws:{}:{}",
            profile.as_deref().unwrap_or("default"),
            region.as_deref().unwrap_or("default")
        ),
        ConnectionSpec::Custom { endpoint_url, .. } => format!("custom:{endpoint_url}"),
    }
}

async fn run(
    mut commands: mpsc::UnboundedReceiver<Command>,
    events: std_mpsc::Sender<ApiEvent>,
    waker: Waker,
    timeouts: Timeouts,
    demo_seed: Seed,
    secrets: Arc<dyn SecretStore>,
) {
    let emit = {
        let waker = Arc::clone(&waker);
        move |event: ApiEvent| {
            if events.send(event).is_ok() {
                waker();
            }
        }
    };
    let emit = Arc::new(emit);
    let mut session: Option<Session> = None;
    let mut demo_backend: Option<Arc<Backend>> = None;
    let mut demo_server: Option<MockServer> = None;
    while let Some(command) = commands.recv().await {
        match command {
            Command::Connect { id, generation, spec } => {
                session = None;
                let mut mock_url = None;
                if spec == ConnectionSpec::Demo {
                    match ensure_demo(&mut demo_backend, &mut demo_server, demo_seed).await {
                        Ok(url) => mock_url = Some(url),
                        Err(error) => {
                            emit(ApiEvent { id, generation, result: Err(error) });
                            continue;
                        }
                    }
                } else if let Some(mut server) = demo_server.take() {
                    server.stop();
                }
                let keys = match aws_keys(&spec, &secrets).await {
                    Ok(keys) => keys,
                    Err(error) => {
                        emit(ApiEvent { id, generation, result: Err(error) });
                        continue;
                    }
                };
                let result = build_client(&spec, mock_url.as_deref(), timeouts, keys).await.map(
                    |(client, info)| {
                        let connection_key = connection_key(&spec);
                        let mock_url = info.is_mock().then(|| info.endpoint_url.clone()).flatten();
                        session = Some(Session { client, generation, mock_url, connection_key });
                        ApiResponse::Connected(info)
                    },
                );
                emit(ApiEvent { id, generation, result });
            }
            Command::Call { id, generation, request } => {
                let Some(current) = session.as_ref().filter(|s| s.generation == generation) else {
                    emit(ApiEvent {
                        id,
                        generation,
                        result: Err(ApiError::configuration("Not connected")),
                    });
                    continue;
                };
                let client = current.client.clone();
                let context = CallContext {
                    secrets: Arc::clone(&secrets),
                    connection_key: current.connection_key.clone(),
                    mock_url: current.mock_url.clone(),
                };
                let emit = Arc::clone(&emit);
                tokio::spawn(async move {
                    // Boxed: the SDK's futures are large, and this one holds any of them.
                    let result = Box::pin(call(&client, *request, &context)).await;
                    emit(ApiEvent { id, generation, result });
                });
            }
        }
    }
}

/// The keyring entry of the AWS access keys.
fn aws_keys_key() -> SecretKey {
    SecretKey { connection: "aws".into(), app_id: "-".into(), item: "access-keys".into() }
}

/// For an AWS connection on keyring keys: saves new keys if given, then reads them.
async fn aws_keys(
    spec: &ConnectionSpec,
    secrets: &Arc<dyn SecretStore>,
) -> Result<Option<(String, String)>, ApiError> {
    let ConnectionSpec::Aws { keyring_keys: true, new_keys, .. } = spec else { return Ok(None) };
    let store = Arc::clone(secrets);
    let new_keys = new_keys.clone();
    let keyring = |e: SecretError| ApiError::configuration(e.to_string());
    let stored = tokio::task::spawn_blocking(move || {
        let key = aws_keys_key();
        if let Some(Redacted((id, secret))) = new_keys {
            let fields = SecretFields::from([
                ("AccessKeyId".to_owned(), id),
                ("SecretAccessKey".to_owned(), secret),
            ]);
            store.set(&key, &fields)?;
        }
        store.get(&key)
    })
    .await
    .map_err(|e| ApiError::configuration(format!("the keyring task stopped: {e}")))?
    .map_err(keyring)?;
    let fields = stored.ok_or_else(|| {
        ApiError::configuration(
            "No AWS access keys are saved in the keyring yet: enter them in the connection dialog",
        )
    })?;
    match (fields.get("AccessKeyId"), fields.get("SecretAccessKey")) {
        (Some(id), Some(secret)) => Ok(Some((id.clone(), secret.clone()))),
        _ => Err(ApiError::configuration(
            "The access keys in the keyring are incomplete: enter them again",
        )),
    }
}

async fn ensure_demo(
    backend: &mut Option<Arc<Backend>>,
    server: &mut Option<MockServer>,
    seed: Seed,
) -> Result<String, ApiError> {
    if let Some(server) = server {
        return Ok(server.endpoint_url());
    }
    let backend = if let Some(existing) = backend {
        Arc::clone(existing)
    } else {
        let fresh = Arc::new(Backend::default());
        demo::seed(&fresh, seed)
            .map_err(|e| ApiError::configuration(format!("demo data: {}", e.message)))?;
        *backend = Some(Arc::clone(&fresh));
        fresh
    };
    let addr = SocketAddr::from((Ipv4Addr::LOCALHOST, 0));
    let started = MockServer::start(addr, backend)
        .await
        .map_err(|e| ApiError::configuration(format!("could not start the demo mock: {e}")))?;
    let url = started.endpoint_url();
    let files = started.backend().files();
    tracing::info!(
        %url,
        buckets = %files.buckets.display(),
        event_log = %files.event_log.display(),
        "demo mock listening"
    );
    *server = Some(started);
    Ok(url)
}

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

/// Runs a keyring call off the async threads (it may block on D-Bus or the Keychain).
async fn with_store<T: Send + 'static>(
    context: &CallContext,
    f: impl FnOnce(&dyn SecretStore) -> Result<T, SecretError> + Send + 'static,
) -> Result<T, SecretError> {
    let store = Arc::clone(&context.secrets);
    tokio::task::spawn_blocking(move || f(store.as_ref()))
        .await
        .unwrap_or_else(|e| Err(SecretError::Failed(format!("the keyring task stopped: {e}"))))
}

fn channel_key(context: &CallContext, app_id: &str, kind: ChannelKind) -> SecretKey {
    SecretKey {
        connection: context.connection_key.clone(),
        app_id: app_id.to_owned(),
        item: format!("channel/{}", kind.path()),
    }
}

/// Runs one request through the SDK (and the keyring or the file system where it says so).
async fn call(
    client: &Client,
    request: ApiRequest,
    context: &CallContext,
) -> Result<ApiResponse, ApiError> {
    match request {
        ApiRequest::ListApps => {
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
        ApiRequest::CreateApp { name } => {
            let body =
                aws_sdk_pinpoint::types::CreateApplicationRequest::builder().name(name).build();
            let out = client.create_app().create_application_request(body).send().await?;
            let app = out.application_response().map(summary).ok_or_else(empty_answer)?;
            Ok(ApiResponse::AppCreated(app))
        }
        ApiRequest::DeleteApp { app_id } => {
            let out = client.delete_app().application_id(app_id).send().await?;
            let app = out.application_response().map(summary).ok_or_else(empty_answer)?;
            Ok(ApiResponse::AppDeleted(app))
        }
        ApiRequest::GetSettings { app_id } => {
            let out = client.get_application_settings().application_id(&app_id).send().await?;
            let settings = out.application_settings_resource().cloned().ok_or_else(empty_answer)?;
            Ok(ApiResponse::Settings { app_id, settings })
        }
        ApiRequest::UpdateSettings { app_id, request } => {
            let out = client
                .update_application_settings()
                .application_id(&app_id)
                .write_application_settings_request(request)
                .send()
                .await?;
            let settings = out.application_settings_resource().cloned().ok_or_else(empty_answer)?;
            Ok(ApiResponse::Settings { app_id, settings })
        }
        ApiRequest::ListChannels { app_id } => {
            let channels = super::channels::list(client, &app_id).await?;
            Ok(ApiResponse::Channels { app_id, channels })
        }
        ApiRequest::SaveChannel { app_id, request, secrets } => {
            let info = super::channels::update(client, &app_id, request.0).await?;
            let key = channel_key(context, &app_id, info.kind);
            let fields = secrets.0;
            let stored = with_store(context, move |store| {
                if fields.is_empty() { store.delete(&key) } else { store.set(&key, &fields) }
            })
            .await;
            Ok(ApiResponse::ChannelSaved { app_id, info, stored })
        }
        ApiRequest::DeleteChannel { app_id, kind } => {
            super::channels::delete(client, &app_id, kind).await?;
            let key = channel_key(context, &app_id, kind);
            let forgotten = with_store(context, move |store| store.delete(&key)).await;
            Ok(ApiResponse::ChannelDeleted { app_id, kind, forgotten })
        }
        ApiRequest::LoadChannelSecrets { app_id, kind } => {
            let key = channel_key(context, &app_id, kind);
            let secrets =
                with_store(context, move |store| store.get(&key)).await.map(|s| s.map(Redacted));
            Ok(ApiResponse::ChannelSecrets { app_id, kind, secrets })
        }
        ApiRequest::ReadKeyFile { member, path, expect } => {
            let bytes = tokio::fs::read(&path).await.map_err(|e| {
                ApiError::local("FileError", format!("Cannot read {}: {e}", path.display()))
            })?;
            let text = String::from_utf8(bytes).unwrap_or_default();
            expect.check(&text).map_err(|message| ApiError::local("WrongFile", message))?;
            Ok(ApiResponse::KeyFileRead { member, contents: Redacted(text) })
        }
        ApiRequest::SendBatch { app_id, batch, index } => {
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
        ApiRequest::ValidatePhone { number, country } => {
            let request = aws_sdk_pinpoint::types::NumberValidateRequest::builder()
                .phone_number(number)
                .set_iso_country_code(country)
                .build();
            let out =
                client.phone_number_validate().number_validate_request(request).send().await?;
            Ok(ApiResponse::PhoneValidated(
                out.number_validate_response().cloned().ok_or_else(empty_answer)?,
            ))
        }
        ApiRequest::Outbox { app_id, channel, recipient, campaign } => {
            let base = context.mock_url.as_deref().ok_or_else(|| {
                ApiError::local(
                    "NotAMock",
                    "The outbox is a mock extension: connect to a mock to see it",
                )
            })?;
            let mut query = format!("/_mock/outbox?application-id={app_id}&limit=500");
            for (key, value) in
                [("channel", channel), ("recipient", recipient), ("campaign-id", campaign)]
            {
                if let Some(v) = value.filter(|v| !v.trim().is_empty()) {
                    let encoded: String = v
                        .trim()
                        .chars()
                        .map(|c| {
                            if c.is_ascii_alphanumeric() || "-_.@".contains(c) {
                                c.to_string()
                            } else {
                                format!("%{:02X}", c as u32)
                            }
                        })
                        .collect();
                    query = format!("{query}&{key}={encoded}");
                }
            }
            let answer = super::mock_ext::call(base, "GET", &query, None).await?;
            let items = serde_json::from_value(answer["Item"].clone())
                .map_err(|e| ApiError::local("MockExtensionError", e.to_string()))?;
            Ok(ApiResponse::Outbox(items))
        }
        ApiRequest::GetEndpoint { app_id, endpoint_id } => {
            let out = client
                .get_endpoint()
                .application_id(app_id)
                .endpoint_id(endpoint_id)
                .send()
                .await?;
            let endpoint = out.endpoint_response().cloned().ok_or_else(empty_answer)?;
            Ok(ApiResponse::Endpoint { saved: false, endpoint: Box::new(endpoint) })
        }
        ApiRequest::SaveEndpoint { app_id, endpoint_id, request } => {
            client
                .update_endpoint()
                .application_id(&app_id)
                .endpoint_id(&endpoint_id)
                .endpoint_request(*request)
                .send()
                .await?;
            let out = client
                .get_endpoint()
                .application_id(app_id)
                .endpoint_id(endpoint_id)
                .send()
                .await?;
            let endpoint = out.endpoint_response().cloned().ok_or_else(empty_answer)?;
            Ok(ApiResponse::Endpoint { saved: true, endpoint: Box::new(endpoint) })
        }
        ApiRequest::DeleteEndpoint { app_id, endpoint_id } => {
            client
                .delete_endpoint()
                .application_id(app_id)
                .endpoint_id(&endpoint_id)
                .send()
                .await?;
            Ok(ApiResponse::EndpointDeleted(endpoint_id))
        }
        ApiRequest::GetUserEndpoints { app_id, user_id } => {
            let out =
                client.get_user_endpoints().application_id(app_id).user_id(&user_id).send().await?;
            let endpoints = out.endpoints_response().map(|r| r.item().to_vec()).unwrap_or_default();
            Ok(ApiResponse::UserEndpoints { user_id, endpoints, deleted: false })
        }
        ApiRequest::DeleteUserEndpoints { app_id, user_id } => {
            let out = client
                .delete_user_endpoints()
                .application_id(app_id)
                .user_id(&user_id)
                .send()
                .await?;
            let endpoints = out.endpoints_response().map(|r| r.item().to_vec()).unwrap_or_default();
            Ok(ApiResponse::UserEndpoints { user_id, endpoints, deleted: true })
        }
        ApiRequest::PutEvent { app_id, endpoint_id, event } => {
            let batch = aws_sdk_pinpoint::types::EventsBatch::builder()
                .endpoint(aws_sdk_pinpoint::types::PublicEndpoint::builder().build())
                .events("event-1", *event)
                .build();
            let request = aws_sdk_pinpoint::types::EventsRequest::builder()
                .batch_item(&endpoint_id, batch)
                .build();
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
        ApiRequest::GetEventStream { app_id } => {
            match client.get_event_stream().application_id(app_id).send().await {
                Ok(out) => Ok(ApiResponse::EventStream(out.event_stream().cloned())),
                Err(e) => {
                    let e = ApiError::from(e);
                    if e.kind == "NotFoundException" {
                        Ok(ApiResponse::EventStream(None))
                    } else {
                        Err(e)
                    }
                }
            }
        }
        ApiRequest::PutEventStream { app_id, destination, role } => {
            let body = aws_sdk_pinpoint::types::WriteEventStream::builder()
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
        ApiRequest::DeleteEventStream { app_id } => {
            client.delete_event_stream().application_id(app_id).send().await?;
            Ok(ApiResponse::EventStream(None))
        }
        ApiRequest::ListAllEndpoints { app_id } => {
            let base = context.mock_url.as_deref().ok_or_else(|| {
                ApiError::local(
                    "NotAMock",
                    "Listing all endpoints is a mock extension: connect to a mock",
                )
            })?;
            let mut rows = Vec::new();
            let mut token: Option<String> = None;
            loop {
                let mut path = format!("/_mock/apps/{app_id}/endpoints?page-size=1000");
                if let Some(t) = &token {
                    path = format!("{path}&token={t}");
                }
                let page = super::mock_ext::call(base, "GET", &path, None).await?;
                rows.extend(
                    page["Item"]
                        .as_array()
                        .into_iter()
                        .flatten()
                        .map(super::EndpointRow::from_json),
                );
                token = page.get("NextToken").and_then(|t| t.as_str()).map(str::to_owned);
                if token.is_none() {
                    break;
                }
            }
            Ok(ApiResponse::AllEndpoints(rows))
        }
        ApiRequest::ReadTextFile { path } => {
            let bytes = tokio::fs::read(&path).await.map_err(|e| {
                ApiError::local("FileError", format!("Cannot read {}: {e}", path.display()))
            })?;
            let text = String::from_utf8(bytes).map_err(|_| {
                ApiError::local("FileError", format!("{} is not UTF-8 text", path.display()))
            })?;
            Ok(ApiResponse::TextFile { path, text })
        }
        ApiRequest::UploadChunk { app_id, request, index } => {
            let items = request.item().len();
            client
                .update_endpoints_batch()
                .application_id(app_id)
                .endpoint_batch_request(*request)
                .send()
                .await?;
            Ok(ApiResponse::ChunkUploaded { index, items })
        }
        ApiRequest::WriteTextFile { path, contents } => {
            tokio::fs::write(&path, contents).await.map_err(|e| {
                ApiError::local("FileError", format!("Cannot write {}: {e}", path.display()))
            })?;
            Ok(ApiResponse::FileWritten(path))
        }
        ApiRequest::ListCampaigns { app_id } => {
            Ok(ApiResponse::Campaigns(engagement::list_campaigns(client, &app_id).await?))
        }
        ApiRequest::SaveCampaign { app_id, campaign_id, request } => {
            let saved = Box::pin(engagement::save_campaign(
                client,
                &app_id,
                campaign_id.as_deref(),
                *request,
            ))
            .await?;
            Ok(ApiResponse::CampaignSaved(Box::new(saved)))
        }
        ApiRequest::DeleteCampaign { app_id, campaign_id } => {
            client
                .delete_campaign()
                .application_id(app_id)
                .campaign_id(&campaign_id)
                .send()
                .await?;
            Ok(ApiResponse::CampaignDeleted(campaign_id))
        }
        ApiRequest::CampaignHistory { app_id, campaign_id } => {
            let (versions, activities) =
                engagement::campaign_history(client, &app_id, &campaign_id).await?;
            Ok(ApiResponse::CampaignHistory { campaign_id, versions, activities })
        }
        ApiRequest::ListSegments { app_id } => {
            Ok(ApiResponse::Segments(engagement::list_segments(client, &app_id).await?))
        }
        ApiRequest::SaveSegment { app_id, segment_id, request } => {
            let saved =
                engagement::save_segment(client, &app_id, segment_id.as_deref(), *request).await?;
            Ok(ApiResponse::SegmentSaved(Box::new(saved)))
        }
        ApiRequest::DeleteSegment { app_id, segment_id } => {
            client.delete_segment().application_id(app_id).segment_id(&segment_id).send().await?;
            Ok(ApiResponse::SegmentDeleted(segment_id))
        }
        ApiRequest::SegmentVersions { app_id, segment_id } => {
            let versions = engagement::segment_versions(client, &app_id, &segment_id).await?;
            Ok(ApiResponse::SegmentVersions { segment_id, versions })
        }
        ApiRequest::Estimate { app_id, definition } => {
            let mock = mock_only(context)?;
            let path = format!("/_mock/apps/{app_id}/estimate");
            Ok(ApiResponse::Estimate(mock_ext::call(mock, "POST", &path, Some(&definition)).await?))
        }
        ApiRequest::SegmentSizes { app_id, definitions } => {
            let mock = mock_only(context)?;
            let path = format!("/_mock/apps/{app_id}/estimate");
            let mut sizes = Vec::with_capacity(definitions.len());
            for (id, definition) in definitions {
                let answer = mock_ext::call(mock, "POST", &path, Some(&definition)).await?;
                let matching = answer.get("Matching").and_then(serde_json::Value::as_u64);
                sizes.push((id, matching.unwrap_or(0)));
            }
            Ok(ApiResponse::SegmentSizes(sizes))
        }
        ApiRequest::SeenValues { app_id } => {
            let mock = mock_only(context)?;
            let path = format!("/_mock/apps/{app_id}/values");
            Ok(ApiResponse::SeenValues(mock_ext::call(mock, "GET", &path, None).await?))
        }
        ApiRequest::PreviewEndpoint { app_id, endpoint_id } => {
            let out = client
                .get_endpoint()
                .application_id(app_id)
                .endpoint_id(endpoint_id)
                .send()
                .await?;
            let endpoint = out.endpoint_response().cloned().ok_or_else(empty_answer)?;
            Ok(ApiResponse::PreviewEndpoint(Box::new(endpoint)))
        }
        ApiRequest::StartImport { app_id, spec } => {
            let job = engagement::start_import(client, context.mock_url.as_deref(), &app_id, *spec)
                .await?;
            Ok(ApiResponse::Job(job))
        }
        ApiRequest::StartExport { app_id, segment_id, s3_prefix, role_arn } => {
            let job = engagement::start_export(client, &app_id, &segment_id, &s3_prefix, &role_arn)
                .await?;
            Ok(ApiResponse::Job(job))
        }
        ApiRequest::ReadDrafts { store, kind, app_id } => {
            let read = app_id.clone();
            let drafts = tokio::task::spawn_blocking(move || {
                store.flush();
                store.load_all(kind, &read)
            })
            .await
            .map_err(|e| ApiError::local("DraftsError", e.to_string()))?;
            Ok(ApiResponse::Drafts { kind, app_id, drafts })
        }
        ApiRequest::ListJobs { app_id } => {
            Ok(ApiResponse::Jobs(engagement::list_jobs(client, &app_id).await?))
        }
        ApiRequest::PickFile { member } => {
            let picked = rfd::AsyncFileDialog::new()
                .set_title("Choose a key or certificate file")
                .pick_file()
                .await;
            Ok(ApiResponse::FilePicked { member, path: picked.map(|f| f.path().to_path_buf()) })
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

fn mock_only(context: &CallContext) -> Result<&str, ApiError> {
    context.mock_url.as_deref().ok_or_else(|| {
        ApiError::local("NotAMock", "only the mock can estimate audiences and suggest values")
    })
}

pub(crate) fn empty_answer() -> ApiError {
    ApiError {
        kind: "EmptyResponse".to_owned(),
        message: "The service answered without a body".to_owned(),
        request_id: None,
        unreachable: false,
    }
}
