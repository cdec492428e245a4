//! The worker thread: a tokio runtime named `api` that owns the SDK client (and, in demo mode,
//! the embedded mock server). One task per request; every answer is sent back as an
//! `ApiEvent` and wakes the UI with `request_repaint`.

use std::sync::Arc;
use std::sync::mpsc as std_mpsc;

use aws_sdk_pinpoint::Client;
use tokio::sync::mpsc;

use super::connection::{ConnectionSpec, Timeouts, build_client};
use super::context::CallContext;
use super::demo::{DemoMock, DemoSetup};
use super::{
    ApiError, ApiEvent, ApiRequest, ApiResponse, RequestId, analytics, apps, audience, channels,
    engagement, keyring, local, messaging, templates,
};
use crate::secrets::SecretStore;

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
        demo: DemoSetup,
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
            runtime.block_on(run(command_rx, event_tx, waker, timeouts, demo, secrets));
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
    demo_setup: DemoSetup,
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
    let mut demo = DemoMock::new(demo_setup);
    while let Some(command) = commands.recv().await {
        match command {
            Command::Connect { id, generation, spec } => {
                session = None;
                let mut mock_url = None;
                let mut demo_data = None;
                if spec == ConnectionSpec::Demo {
                    match demo.ensure().await {
                        Ok((url, data)) => {
                            mock_url = Some(url);
                            demo_data = Some(data);
                        }
                        Err(error) => {
                            emit(ApiEvent { id, generation, result: Err(error) });
                            continue;
                        }
                    }
                } else {
                    demo.stop();
                }
                let keys = match keyring::aws_keys(&spec, &secrets).await {
                    Ok(keys) => keys,
                    Err(error) => {
                        emit(ApiEvent { id, generation, result: Err(error) });
                        continue;
                    }
                };
                let result = build_client(&spec, mock_url.as_deref(), timeouts, keys).await.map(
                    |(client, mut info)| {
                        info.demo = demo_data;
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
                if let ApiRequest::Demo(request) = *request {
                    let emit = Arc::clone(&emit);
                    let Some(backend) = demo.backend().filter(|_| current.mock_url.is_some())
                    else {
                        let refused =
                            ApiError::configuration("Demo data is only there in demo mode");
                        emit(ApiEvent { id, generation, result: Err(refused) });
                        continue;
                    };
                    tokio::task::spawn_blocking(move || {
                        let result =
                            super::demo::run(&backend, &request).map(ApiResponse::DemoChanged);
                        emit(ApiEvent { id, generation, result });
                    });
                    continue;
                }
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

/// Runs one request through its area's handler.
async fn call(
    client: &Client,
    request: ApiRequest,
    context: &CallContext,
) -> Result<ApiResponse, ApiError> {
    match request {
        ApiRequest::Apps(r) => apps::call(client, r).await,
        ApiRequest::Channels(r) => channels::call(client, r, context).await,
        ApiRequest::Messaging(r) => messaging::call(client, r, context).await,
        ApiRequest::Audience(r) => audience::call(client, r, context).await,
        ApiRequest::Engagement(r) => engagement::call(client, r, context).await,
        ApiRequest::Templates(r) => templates::call(client, r).await,
        ApiRequest::Local(r) => local::call(r).await,
        ApiRequest::Analytics(r) => analytics::call(client, r).await,
        ApiRequest::Journeys(r) => super::journeys::call(client, r).await,
        ApiRequest::Demo(_) => Err(ApiError::configuration("Demo data is only there in demo mode")),
    }
}
