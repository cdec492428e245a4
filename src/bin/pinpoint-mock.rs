//! `pinpoint-mock`: the Pinpoint-compatible mock server on its own, for the AWS CLI, other
//! SDKs and test suites. `aws pinpoint get-apps --endpoint-url http://127.0.0.1:4566`.
//! `pinpoint-mock export` / `import` move a world between data dirs and machines.

use std::io::{BufReader, BufWriter};
use std::net::SocketAddr;
use std::process::ExitCode;
use std::sync::Arc;

use clap::Parser;
use pinpoint_console::mock::backend::Backend;
use pinpoint_console::mock::cli::{MockArgs, MockCommand};
use pinpoint_console::mock::clock::SystemClock;
use pinpoint_console::mock::signing::Credentials;
use pinpoint_console::mock::state_file::{read_state, write_state};
use pinpoint_console::mock::store::postgres;
use pinpoint_console::mock::store::sqlite::{SqliteBacking, open_store};
use pinpoint_console::mock::store::{Backing, MemoryStore, Store, World};
use pinpoint_console::mock::{MockServer, demo};

type Failure = Box<dyn std::error::Error>;

fn main() -> ExitCode {
    tracing_subscriber::fmt()
        // Standard output is `export`'s; the log goes to standard error.
        .with_writer(std::io::stderr)
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "info".into()),
        )
        .init();
    let args = MockArgs::parse();
    let done = match args.command.clone() {
        Some(MockCommand::Export) => export(&args),
        Some(MockCommand::Import { file, replace }) => import(&args, file.as_deref(), replace),
        None => serve_blocking(args),
    };
    match done {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("pinpoint-mock: {error}");
            ExitCode::FAILURE
        }
    }
}

/// The durable store the arguments name: (store, created now, what it is for messages).
fn durable_store(args: &MockArgs) -> Result<Option<(MemoryStore, bool, String)>, Failure> {
    if let Some(url) = &args.database_url {
        let backing = postgres::connect(url)?;
        let store = MemoryStore::durable(Box::new(backing))?;
        let created = store.project_count() == 0;
        return Ok(Some((store, created, "the PostgreSQL database".to_owned())));
    }
    if let Some(dir) = &args.data_dir {
        let opened = open_store(dir)?;
        return Ok(Some((opened.store, opened.created, opened.path.display().to_string())));
    }
    Ok(None)
}

fn backing(args: &MockArgs) -> Result<Box<dyn Backing>, Failure> {
    if let Some(url) = &args.database_url {
        return Ok(Box::new(postgres::connect(url)?));
    }
    let dir = args
        .data_dir
        .as_deref()
        .ok_or("give the store to use with --data-dir DIR or --database-url URL")?;
    Ok(Box::new(SqliteBacking::open(dir)?))
}

fn export(args: &MockArgs) -> Result<(), Failure> {
    let backing = backing(args)?;
    let projects = backing.load()?;
    let (account, _seq) = backing.load_account()?;
    let stdout = std::io::stdout();
    write_state(World { projects, account }, &mut BufWriter::new(stdout.lock()))?;
    Ok(())
}

fn import(args: &MockArgs, file: Option<&std::path::Path>, replace: bool) -> Result<(), Failure> {
    let projects = match file {
        Some(path) => read_state(BufReader::new(
            std::fs::File::open(path).map_err(|e| format!("{}: {e}", path.display()))?,
        ))?,
        None => read_state(BufReader::new(std::io::stdin().lock()))?,
    };
    let (store, _created, name) = durable_store(args)?
        .ok_or("give the store to import into with --data-dir DIR or --database-url URL")?;
    let store: Box<dyn Store> = Box::new(store);
    if !replace && let Some(held) = holdings(store.as_ref())? {
        return Err(format!(
            "{name} holds {held} already; add --replace to replace them with the file's"
        )
        .into());
    }
    let backend = Backend::new(Arc::new(SystemClock), &args.region).with_store(store);
    let count = backend.replace_world(projects)?;
    eprintln!("pinpoint-mock: imported {count} projects into {name}");
    Ok(())
}

/// What a store holds, in words ("2 projects and 3 templates"), or `None` when it is empty:
/// the account's templates and recommender configurations count as much as projects.
fn holdings(store: &(dyn Store + 'static)) -> Result<Option<String>, Failure> {
    let (templates, recommenders) =
        store.read_acct(|account| (account.templates.len(), account.recommenders.len()))?;
    let parts: Vec<String> = [
        (store.project_count(), "project", "projects"),
        (templates, "template", "templates"),
        (recommenders, "recommender configuration", "recommender configurations"),
    ]
    .into_iter()
    .filter(|(count, _, _)| *count > 0)
    .map(|(count, one, many)| format!("{count} {}", if count == 1 { one } else { many }))
    .collect();
    Ok(match parts.as_slice() {
        [] => None,
        [only] => Some(only.clone()),
        [first @ .., last] => Some(format!("{} and {last}", first.join(", "))),
    })
}

fn serve_blocking(args: MockArgs) -> Result<(), Failure> {
    let mut runtime = tokio::runtime::Builder::new_multi_thread();
    if let Some(threads) = args.threads {
        runtime.worker_threads(threads.max(1));
    }
    runtime.enable_all().build()?.block_on(serve(args))
}

async fn serve(args: MockArgs) -> Result<(), Failure> {
    let files = args.files();
    let (store, seed): (Box<dyn Store>, bool) = match durable_store(&args)? {
        Some((store, created, name)) => {
            tracing::info!(store = %name, projects = store.project_count(), "state kept");
            (Box::new(store), created)
        }
        None => (Box::new(MemoryStore::new()), true),
    };
    let mut backend = Backend::new(Arc::new(SystemClock), &args.region)
        .with_store(store)
        .with_files(files.clone());
    if let Some(path) = &args.credentials {
        let credentials = Credentials::load(path)?;
        tracing::info!(?credentials, "verifying SigV4 signatures");
        backend = backend.with_credentials(credentials);
    }
    let backend = Arc::new(backend);
    if args.data_dir.is_some() && args.database_url.is_none() {
        let resumed = backend.resume_interrupted_jobs()?;
        if resumed > 0 {
            tracing::info!(resumed, "jobs interrupted by the last stop start over");
        }
    }
    let seeded = if seed { demo::seed(&backend, args.seed())? } else { 0 };
    let server = MockServer::start(SocketAddr::new(args.bind, args.port), backend).await?;
    tracing::info!(
        url = %server.endpoint_url(),
        seeded,
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
