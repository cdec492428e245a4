//! `pinpoint-mock`: the Pinpoint-compatible mock server on its own, for the AWS CLI, other
//! SDKs and test suites. `aws pinpoint get-apps --endpoint-url http://127.0.0.1:4566`.

use std::net::SocketAddr;
use std::sync::Arc;

use clap::Parser;
use pinpoint_console::mock::backend::Backend;
use pinpoint_console::mock::cli::MockArgs;
use pinpoint_console::mock::clock::SystemClock;
use pinpoint_console::mock::{MockServer, demo};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "info".into()),
        )
        .init();
    let args = MockArgs::parse();
    let mut runtime = tokio::runtime::Builder::new_multi_thread();
    if let Some(threads) = args.threads {
        runtime.worker_threads(threads.max(1));
    }
    runtime.enable_all().build()?.block_on(serve(args))
}

async fn serve(args: MockArgs) -> Result<(), Box<dyn std::error::Error>> {
    let files = args.files();
    let backend =
        Arc::new(Backend::new(Arc::new(SystemClock), &args.region).with_files(files.clone()));
    let seeded = demo::seed(&backend, args.seed())?;
    let server = MockServer::start(SocketAddr::new(args.bind, args.port), backend).await?;
    tracing::info!(
        url = %server.endpoint_url(),
        projects = seeded,
        "pinpoint-mock listening; try: aws pinpoint get-apps --endpoint-url {}",
        server.endpoint_url()
    );
    tracing::info!(
        buckets = %files.buckets.display(),
        event_log = %files.event_log.display(),
        "s3:// URLs map to the buckets folder; event-stream records are appended to the event log"
    );
    tokio::signal::ctrl_c().await?;
    tracing::info!("stopping");
    drop(server);
    Ok(())
}
