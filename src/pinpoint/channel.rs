//! The channel kinds of a Pinpoint project: their paths, platforms and model shape names.

/// The ten channel kinds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ChannelKind {
    /// Amazon Device Messaging.
    Adm,
    /// Apple Push Notification service.
    Apns,
    /// APNs sandbox.
    ApnsSandbox,
    /// APNs VoIP.
    ApnsVoip,
    /// APNs VoIP sandbox.
    ApnsVoipSandbox,
    /// Baidu Cloud Push.
    Baidu,
    /// Email.
    Email,
    /// Firebase Cloud Messaging (GCM).
    Gcm,
    /// SMS.
    Sms,
    /// Voice (text-to-speech calls to phone numbers).
    Voice,
}

impl ChannelKind {
    /// Every kind, in the order of the API reference.
    pub const ALL: [Self; 10] = [
        Self::Adm,
        Self::Apns,
        Self::ApnsSandbox,
        Self::ApnsVoip,
        Self::ApnsVoipSandbox,
        Self::Baidu,
        Self::Email,
        Self::Gcm,
        Self::Sms,
        Self::Voice,
    ];

    /// The kinds the console's channel screens manage: all ten (voice's form is Enabled).
    pub const CONSOLE: [Self; 10] = [
        Self::Adm,
        Self::Apns,
        Self::ApnsSandbox,
        Self::ApnsVoip,
        Self::ApnsVoipSandbox,
        Self::Baidu,
        Self::Email,
        Self::Gcm,
        Self::Sms,
        Self::Voice,
    ];

    /// The path segment under `/v1/apps/{id}/channels/`.
    #[must_use]
    pub fn path(self) -> &'static str {
        match self {
            Self::Adm => "adm",
            Self::Apns => "apns",
            Self::ApnsSandbox => "apns_sandbox",
            Self::ApnsVoip => "apns_voip",
            Self::ApnsVoipSandbox => "apns_voip_sandbox",
            Self::Baidu => "baidu",
            Self::Email => "email",
            Self::Gcm => "gcm",
            Self::Sms => "sms",
            Self::Voice => "voice",
        }
    }

    /// The `Platform` the service reports, which is also the endpoint `ChannelType` it serves.
    #[must_use]
    pub fn platform(self) -> &'static str {
        match self {
            Self::Adm => "ADM",
            Self::Apns => "APNS",
            Self::ApnsSandbox => "APNS_SANDBOX",
            Self::ApnsVoip => "APNS_VOIP",
            Self::ApnsVoipSandbox => "APNS_VOIP_SANDBOX",
            Self::Baidu => "BAIDU",
            Self::Email => "EMAIL",
            Self::Gcm => "GCM",
            Self::Sms => "SMS",
            Self::Voice => "VOICE",
        }
    }

    /// The kind serving an endpoint channel type, if any.
    #[must_use]
    pub fn for_channel_type(channel_type: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.platform() == channel_type)
    }

    /// The model shape of the request body.
    #[must_use]
    pub fn request_shape(self) -> &'static str {
        match self {
            Self::Adm => "ADMChannelRequest",
            Self::Apns => "APNSChannelRequest",
            Self::ApnsSandbox => "APNSSandboxChannelRequest",
            Self::ApnsVoip => "APNSVoipChannelRequest",
            Self::ApnsVoipSandbox => "APNSVoipSandboxChannelRequest",
            Self::Baidu => "BaiduChannelRequest",
            Self::Email => "EmailChannelRequest",
            Self::Gcm => "GCMChannelRequest",
            Self::Sms => "SMSChannelRequest",
            Self::Voice => "VoiceChannelRequest",
        }
    }

    /// The model shape of the response body.
    #[must_use]
    pub fn response_shape(self) -> &'static str {
        match self {
            Self::Adm => "ADMChannelResponse",
            Self::Apns => "APNSChannelResponse",
            Self::ApnsSandbox => "APNSSandboxChannelResponse",
            Self::ApnsVoip => "APNSVoipChannelResponse",
            Self::ApnsVoipSandbox => "APNSVoipSandboxChannelResponse",
            Self::Baidu => "BaiduChannelResponse",
            Self::Email => "EmailChannelResponse",
            Self::Gcm => "GCMChannelResponse",
            Self::Sms => "SMSChannelResponse",
            Self::Voice => "VoiceChannelResponse",
        }
    }

    /// A name for messages.
    #[must_use]
    pub fn title(self) -> &'static str {
        match self {
            Self::Adm => "ADM channel",
            Self::Apns => "APNs channel",
            Self::ApnsSandbox => "APNs sandbox channel",
            Self::ApnsVoip => "APNs VoIP channel",
            Self::ApnsVoipSandbox => "APNs VoIP sandbox channel",
            Self::Baidu => "Baidu channel",
            Self::Email => "Email channel",
            Self::Gcm => "GCM channel",
            Self::Sms => "SMS channel",
            Self::Voice => "Voice channel",
        }
    }

    /// True for the four APNs kinds.
    #[must_use]
    pub fn is_apns(self) -> bool {
        matches!(self, Self::Apns | Self::ApnsSandbox | Self::ApnsVoip | Self::ApnsVoipSandbox)
    }
}

/// Shows the last four characters of a secret.
#[must_use]
pub fn mask(secret: &str) -> String {
    let tail: String = secret.chars().rev().take(4).collect::<Vec<_>>().into_iter().rev().collect();
    if secret.chars().count() <= 4 { "****".to_owned() } else { format!("****{tail}") }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_keep_only_the_tail() {
        assert_eq!(mask("AIzaSyA-1234"), "****1234");
        assert_eq!(mask("abc"), "****");
    }

    #[test]
    fn every_kind_serves_its_own_channel_type() {
        for kind in ChannelKind::ALL {
            assert_eq!(ChannelKind::for_channel_type(kind.platform()), Some(kind));
        }
    }
}
