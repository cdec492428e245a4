//! `pinpoint-console`: opens the console window (demo mode unless told otherwise).

use clap::Parser;
use pinpoint_console::cli::ConsoleArgs;
use pinpoint_console::ui::{AppOptions, ConsoleApp, theme};

fn main() -> eframe::Result {
    let started = std::time::Instant::now();
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| pinpoint_console::DEFAULT_LOG_FILTER.into()),
        )
        .init();
    let args = ConsoleArgs::parse();
    // Opened here, before the UI runs: it may talk to D-Bus or the Keychain.
    let secrets: std::sync::Arc<dyn pinpoint_console::secrets::SecretStore> =
        match pinpoint_console::secrets::KeyringStore::open() {
            Ok(store) => std::sync::Arc::new(store),
            Err(error) => {
                tracing::warn!(%error, "no OS keyring; channel secrets will not be stored");
                std::sync::Arc::new(pinpoint_console::secrets::UnavailableStore(
                    error.reason().to_owned(),
                ))
            }
        };
    let options = AppOptions {
        secrets: Some(secrets),
        connection: args.connection(),
        demo: pinpoint_console::api::DemoSetup {
            seed: args.demo_seed(),
            // The demo's world is kept beside eframe's own state, in the OS's per-user data
            // folder (eframe finds it by each OS's conventions).
            data_dir: eframe::storage_dir("Pinpoint Console").map(|d| d.join("demo")),
        },
        started: Some(started),
        // Beside eframe's own state (per-user data folder of the OS).
        drafts_dir: eframe::storage_dir("Pinpoint Console").map(|d| d.join("drafts")),
        ..AppOptions::default()
    };
    let mut viewport = egui::ViewportBuilder::default()
        .with_title("Pinpoint Console")
        .with_inner_size(theme::WINDOW_SIZE)
        .with_min_inner_size([720.0, 480.0]);
    if let Some(icon) = pinpoint_console::ui::icon::icon() {
        viewport = viewport.with_icon(std::sync::Arc::new(icon));
    }
    let native = eframe::NativeOptions { viewport, ..Default::default() };
    eframe::run_native(
        "Pinpoint Console",
        native,
        Box::new(move |cc| Ok(Box::new(ConsoleApp::new(&cc.egui_ctx, options)?))),
    )
}
