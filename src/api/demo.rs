//! Demo mode's start-up: the embedded mock, seeded with the demo data set and listening on a
//! free loopback port. With the `/_mock/` client (`mock_ext`), the only place the console
//! touches the mock.

use std::net::{Ipv4Addr, SocketAddr};
use std::sync::Arc;

use super::ApiError;
use crate::mock::MockServer;
use crate::mock::backend::Backend;
pub use crate::mock::demo::Seed;

/// The embedded mock: its backend outlives a switch to another connection (so the demo's data
/// is still there when the user comes back), its server does not.
#[derive(Default)]
pub struct DemoMock {
    backend: Option<Arc<Backend>>,
    server: Option<MockServer>,
}

impl DemoMock {
    /// The running demo mock's URL, starting it (and seeding it the first time) if needed.
    pub async fn ensure(&mut self, seed: Seed) -> Result<String, ApiError> {
        if let Some(server) = &self.server {
            return Ok(server.endpoint_url());
        }
        let backend = if let Some(existing) = &self.backend {
            Arc::clone(existing)
        } else {
            let fresh = Arc::new(Backend::default());
            crate::mock::demo::seed(&fresh, seed)
                .map_err(|e| ApiError::configuration(format!("demo data: {}", e.message)))?;
            self.backend = Some(Arc::clone(&fresh));
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
        self.server = Some(started);
        Ok(url)
    }

    /// Stops the server (the data stays for the next `ensure`).
    pub fn stop(&mut self) {
        if let Some(mut server) = self.server.take() {
            server.stop();
        }
    }
}
