//! The state of one open campaign editor: the form and what the service stored, the tab and
//! channel shown, the preview's endpoint, the history, the campaign's state, and the messages
//! its last steps left.

use aws_sdk_pinpoint::types::{ActivityResponse, CampaignResponse};

use super::Tab;
use crate::api::ApiError;
use crate::drafts::FieldErrors;
use crate::drafts::campaign::CampaignDraft;
use crate::ui::editor_bar::Notice;
use crate::ui::kept::Kept;

/// The editor of one campaign.
#[derive(Debug, Clone, Default)]
pub struct Editor {
    /// The campaign, once created.
    pub campaign_id: Option<String>,
    /// Its version, once created.
    pub version: Option<i32>,
    /// What the form holds.
    pub draft: CampaignDraft,
    /// What the service last stored (`None`: a new campaign).
    pub baseline: Option<CampaignDraft>,
    /// Inline messages.
    pub errors: FieldErrors,
    /// The tab shown.
    pub tab: Tab,
    /// The channel tab of the messages (a `PUSH_CHANNELS` member, `EmailMessage` or
    /// `SMSMessage`).
    pub channel: String,
    /// The endpoint id the preview fills placeholders from (empty: sample values).
    pub preview_endpoint: String,
    /// That endpoint, once loaded.
    pub preview: Option<Box<aws_sdk_pinpoint::types::EndpointResponse>>,
    /// Versions, newest first.
    pub versions: Vec<CampaignResponse>,
    /// The same versions as the versions view shows them (built once per answer).
    pub version_views: Vec<crate::ui::version_diff::Version>,
    /// Activities.
    pub activities: Vec<ActivityResponse>,
    /// The two versions compared (indexes into `versions`).
    pub compare: (usize, usize),
    /// The service's answer to the last save, when it failed.
    pub save_error: Option<ApiError>,
    /// Why the preview's endpoint could not be read.
    pub preview_error: Option<String>,
    /// Why the versions and activities could not be read.
    pub history_error: Option<String>,
    /// The draft on disk.
    pub kept: Kept<CampaignDraft>,
    /// The campaign's state as the service last reported it (`CampaignStatus`).
    pub status: Option<String>,
    /// What the last step left to say ("Saved … version 2"), while it holds.
    pub notice: Option<Notice<CampaignDraft, Tab>>,
    /// Bring the lines under the bar on screen next frame (a save's result arrived).
    pub scroll_to_result: bool,
    /// When the history was last asked for while the campaign runs (egui time, seconds).
    pub last_poll: f64,
    /// The campaign's tags (TagResource / UntagResource), once it exists.
    pub tags: crate::drafts::tags::TagsDraft,
    /// Why the tags could not be read or saved.
    pub tags_error: Option<ApiError>,
    /// The KPI tab's charts.
    pub kpis: crate::ui::kpi_view::KpiView,
}

/// The message tab an editor opens on: the first channel with a message, else Default.
pub(super) fn first_channel(draft: &CampaignDraft) -> String {
    draft.messages.primary_channel().unwrap_or("DefaultMessage").to_owned()
}

/// The `CampaignStatus` of a campaign response.
pub(super) fn status_of(c: &CampaignResponse) -> Option<String> {
    c.state().and_then(|s| s.campaign_status()).map(|s| s.as_str().to_owned())
}

impl Editor {
    pub(super) fn key(&self) -> String {
        self.kept.key().to_owned()
    }

    /// A form for a new campaign.
    pub(super) fn new_campaign(draft: CampaignDraft) -> Self {
        Self { kept: Kept::fresh(&draft), channel: first_channel(&draft), draft, ..Self::default() }
    }

    /// True when the form differs from what the service stored.
    #[must_use]
    pub fn is_dirty(&self) -> bool {
        self.baseline.as_ref() != Some(&self.draft)
    }

    pub(super) fn for_campaign(c: &CampaignResponse) -> Self {
        let draft = CampaignDraft::from(c);
        Self {
            kept: Kept::existing(c.id().unwrap_or_default()),
            campaign_id: c.id().map(str::to_owned),
            version: c.version(),
            baseline: Some(draft.clone()),
            channel: first_channel(&draft),
            draft,
            status: status_of(c),
            tags: crate::drafts::tags::TagsDraft::for_arn(c.arn().unwrap_or_default()),
            ..Self::default()
        }
    }

    /// The campaign's name as stored (what the form holds while it is new).
    #[must_use]
    pub fn stored_name(&self) -> &str {
        self.baseline.as_ref().map_or(&self.draft.name, |b| &b.name)
    }

    /// True once the service reported the campaign done (no run left).
    #[must_use]
    pub fn is_completed(&self) -> bool {
        self.status.as_deref() == Some("COMPLETED")
    }
}
