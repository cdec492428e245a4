//! Channels and the secrets the keyring keeps for them: what the Channels handler
//! (`api/channels.rs`) is asked.

use super::ApiRequest;
use crate::drafts::channels::ChannelRequest;
use crate::pinpoint::ChannelKind;
use crate::secrets::{Redacted, SecretFields};

/// Channels and the secrets the keyring keeps for them.
#[derive(Debug, Clone)]
pub enum ChannelsRequest {
    /// The nine channels of a project.
    ListChannels {
        /// The project id.
        app_id: String,
    },
    /// Saves a channel, then keeps its secrets in the OS keyring.
    SaveChannel {
        /// The project id.
        app_id: String,
        /// The update (boxed: the largest request by far).
        request: Box<Redacted<ChannelRequest>>,
        /// What to keep in the keyring.
        secrets: Redacted<SecretFields>,
    },
    /// Deletes a channel and forgets its secrets.
    DeleteChannel {
        /// The project id.
        app_id: String,
        /// The channel.
        kind: ChannelKind,
    },
    /// Reads a channel's secrets from the keyring.
    LoadChannelSecrets {
        /// The project id.
        app_id: String,
        /// The channel.
        kind: ChannelKind,
    },
    /// GetChannels: every channel of a project in one call, for the overview.
    Overview {
        /// The project id.
        app_id: String,
    },
}

impl From<ChannelsRequest> for ApiRequest {
    fn from(request: ChannelsRequest) -> Self {
        Self::Channels(request)
    }
}
