//! Application settings: GetApplicationSettings and UpdateApplicationSettings, which merges
//! member by member, and the limit checks campaigns share.

use super::{Backend, MockError, MockResult};
use crate::mock::wire::{
    ApplicationSettingsResource, CampaignHook, CampaignLimits, QuietTime,
    WriteApplicationSettingsRequest,
};
use crate::pinpoint::rules;

impl Backend {
    /// GetApplicationSettings.
    pub fn get_settings(&self, app_id: &str) -> MockResult<ApplicationSettingsResource> {
        self.with_app(app_id, |record| Ok((*record.settings).clone()))
    }

    /// UpdateApplicationSettings: members present in the request replace the stored ones,
    /// member by member inside `Limits`, `QuietTime` and `CampaignHook`; absent ones are kept.
    /// An empty string clears a quiet-time bound or a hook member.
    pub fn update_settings(
        &self,
        app_id: &str,
        request: WriteApplicationSettingsRequest,
    ) -> MockResult<ApplicationSettingsResource> {
        let now = self.now();
        self.with_app_mut(app_id, |record| {
            let mut settings = (*record.settings).clone();
            if let Some(limits) = request.limits {
                settings.limits = Some(merge_limits(settings.limits.unwrap_or_default(), &limits)?);
            }
            if let Some(quiet) = request.quiet_time {
                settings.quiet_time =
                    merge_quiet_time(settings.quiet_time.unwrap_or_default(), quiet)?;
            }
            if let Some(hook) = request.campaign_hook {
                settings.campaign_hook =
                    merge_hook(settings.campaign_hook.unwrap_or_default(), hook)?;
            }
            if let Some(journey) = request.journey_limits {
                settings.journey_limits = Some(journey);
            }
            settings.last_modified_date = Some(now);
            record.settings.set(settings.clone());
            if let Some(v) = request.cloud_watch_metrics_enabled {
                record.cloud_watch_metrics_enabled.set(v);
            }
            if let Some(v) = request.event_tagging_enabled {
                record.event_tagging_enabled.set(v);
            }
            Ok(settings)
        })
    }
}

/// Merges a limits update into the stored limits, validating each value given.
pub fn merge_limits(
    mut stored: CampaignLimits,
    update: &CampaignLimits,
) -> MockResult<CampaignLimits> {
    let bad = MockError::bad_request;
    if let Some(v) = update.daily {
        rules::endpoint_cap("Limits.Daily", v).map_err(bad)?;
        stored.daily = Some(v);
    }
    if let Some(v) = update.total {
        rules::endpoint_cap("Limits.Total", v).map_err(bad)?;
        stored.total = Some(v);
    }
    if let Some(v) = update.messages_per_second {
        rules::messages_per_second("Limits.MessagesPerSecond", v).map_err(bad)?;
        stored.messages_per_second = Some(v);
    }
    if let Some(v) = update.maximum_duration {
        rules::maximum_duration("Limits.MaximumDuration", v).map_err(bad)?;
        stored.maximum_duration = Some(v);
    }
    if let Some(v) = update.session {
        if v < 0 {
            return Err(bad("Limits.Session must not be negative".to_owned()));
        }
        stored.session = Some(v);
    }
    Ok(stored)
}

fn non_empty(v: Option<String>) -> Option<String> {
    v.filter(|s| !s.is_empty())
}

fn merge_quiet_time(stored: QuietTime, update: QuietTime) -> MockResult<Option<QuietTime>> {
    let start = match update.start {
        Some(v) => non_empty(Some(v)),
        None => stored.start,
    };
    let end = match update.end {
        Some(v) => non_empty(Some(v)),
        None => stored.end,
    };
    for (member, value) in [("QuietTime.Start", &start), ("QuietTime.End", &end)] {
        if let Some(v) = value {
            rules::quiet_time_bound(member, v).map_err(MockError::bad_request)?;
        }
    }
    rules::quiet_time_pair(start.as_deref(), end.as_deref()).map_err(MockError::bad_request)?;
    Ok((start.is_some() || end.is_some()).then_some(QuietTime { end, start }))
}

fn merge_hook(stored: CampaignHook, update: CampaignHook) -> MockResult<Option<CampaignHook>> {
    let pick = |new: Option<String>, old: Option<String>| match new {
        Some(v) => non_empty(Some(v)),
        None => old,
    };
    let hook = CampaignHook {
        lambda_function_name: pick(update.lambda_function_name, stored.lambda_function_name),
        mode: pick(update.mode, stored.mode),
        web_url: pick(update.web_url, stored.web_url),
    };
    if let Some(name) = &hook.lambda_function_name {
        rules::lambda_function_name("CampaignHook.LambdaFunctionName", name)
            .map_err(MockError::bad_request)?;
    }
    if let Some(url) = &hook.web_url {
        rules::hook_web_url("CampaignHook.WebUrl", url).map_err(MockError::bad_request)?;
    }
    let empty = hook == CampaignHook::default();
    Ok((!empty).then_some(hook))
}
