//! The project-settings form: limits, quiet time and campaign hook.

use aws_sdk_pinpoint::types::{
    ApplicationSettingsResource, CampaignHook, CampaignLimits, Mode, QuietTime,
    WriteApplicationSettingsRequest,
};

use super::{FieldErrors, parse_optional_int};
use crate::pinpoint::rules;

/// Field keys, shared by the form and the validation.
pub mod field {
    /// Limits.Daily.
    pub const DAILY: &str = "daily";
    /// Limits.Total.
    pub const TOTAL: &str = "total";
    /// Limits.MessagesPerSecond.
    pub const MPS: &str = "mps";
    /// Limits.MaximumDuration.
    pub const MAX_DURATION: &str = "max_duration";
    /// QuietTime.Start.
    pub const QUIET_START: &str = "quiet_start";
    /// QuietTime.End.
    pub const QUIET_END: &str = "quiet_end";
    /// CampaignHook.LambdaFunctionName.
    pub const LAMBDA: &str = "lambda";
    /// CampaignHook.WebUrl.
    pub const WEB_URL: &str = "web_url";
}

/// The hook's invocation mode as the form offers it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum HookMode {
    /// No mode set.
    #[default]
    Unset,
    /// `FILTER`: the function customizes the segment.
    Filter,
    /// `DELIVERY` (deprecated by the service, still accepted).
    Delivery,
}

impl HookMode {
    /// All choices, in display order.
    pub const ALL: [Self; 3] = [Self::Unset, Self::Filter, Self::Delivery];

    /// The label shown in the form.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Self::Unset => "(none)",
            Self::Filter => "FILTER",
            Self::Delivery => "DELIVERY",
        }
    }
}

/// What the user typed into the settings form. Every field is kept as typed, so an error
/// never loses input.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SettingsDraft {
    /// Limits.Daily.
    pub daily: String,
    /// Limits.Total.
    pub total: String,
    /// Limits.MessagesPerSecond.
    pub messages_per_second: String,
    /// Limits.MaximumDuration (seconds).
    pub maximum_duration: String,
    /// QuietTime.Start (HH:MM).
    pub quiet_start: String,
    /// QuietTime.End (HH:MM).
    pub quiet_end: String,
    /// CampaignHook.LambdaFunctionName.
    pub lambda_function_name: String,
    /// CampaignHook.Mode.
    pub hook_mode: HookMode,
    /// CampaignHook.WebUrl.
    pub web_url: String,
}

/// A limit as the form shows it: 0 ("no limit") and absent both show as an empty field.
fn int_text(v: Option<i32>) -> String {
    v.filter(|v| *v != 0).map(|v| v.to_string()).unwrap_or_default()
}

impl From<&ApplicationSettingsResource> for SettingsDraft {
    fn from(resource: &ApplicationSettingsResource) -> Self {
        let limits = resource.limits();
        let quiet = resource.quiet_time();
        let hook = resource.campaign_hook();
        Self {
            daily: int_text(limits.and_then(CampaignLimits::daily)),
            total: int_text(limits.and_then(CampaignLimits::total)),
            messages_per_second: int_text(limits.and_then(CampaignLimits::messages_per_second)),
            maximum_duration: int_text(limits.and_then(CampaignLimits::maximum_duration)),
            quiet_start: quiet.and_then(QuietTime::start).unwrap_or_default().to_owned(),
            quiet_end: quiet.and_then(QuietTime::end).unwrap_or_default().to_owned(),
            lambda_function_name: hook
                .and_then(CampaignHook::lambda_function_name)
                .unwrap_or_default()
                .to_owned(),
            hook_mode: match hook.and_then(CampaignHook::mode) {
                Some(Mode::Filter) => HookMode::Filter,
                Some(Mode::Delivery) => HookMode::Delivery,
                _ => HookMode::Unset,
            },
            web_url: hook.and_then(CampaignHook::web_url).unwrap_or_default().to_owned(),
        }
    }
}

impl SettingsDraft {
    /// Validates every field and builds the request, or returns every field's message.
    ///
    /// Empty limit fields are sent as 0 ("no limit") and empty quiet-time and hook fields as
    /// empty strings, so clearing a field in the form clears it in the service (which merges
    /// updates member by member).
    pub fn to_request(&self) -> Result<WriteApplicationSettingsRequest, FieldErrors> {
        let mut errors = FieldErrors::default();
        let daily = parse_optional_int(&mut errors, field::DAILY, &self.daily);
        let total = parse_optional_int(&mut errors, field::TOTAL, &self.total);
        let mps = parse_optional_int(&mut errors, field::MPS, &self.messages_per_second);
        let max_duration =
            parse_optional_int(&mut errors, field::MAX_DURATION, &self.maximum_duration);
        if let Some(v) = daily {
            errors.check(field::DAILY, rules::endpoint_cap("Daily", v));
        }
        if let Some(v) = total {
            errors.check(field::TOTAL, rules::endpoint_cap("Total", v));
        }
        if let Some(v) = mps {
            errors.check(field::MPS, rules::messages_per_second("Messages per second", v));
        }
        if let Some(v) = max_duration {
            errors.check(field::MAX_DURATION, rules::maximum_duration("Maximum duration", v));
        }
        let quiet_start = self.quiet_start.trim();
        let quiet_end = self.quiet_end.trim();
        if !quiet_start.is_empty() {
            errors.check(field::QUIET_START, rules::quiet_time_bound("Start", quiet_start));
        }
        if !quiet_end.is_empty() {
            errors.check(field::QUIET_END, rules::quiet_time_bound("End", quiet_end));
        }
        match (quiet_start.is_empty(), quiet_end.is_empty()) {
            (false, true) => {
                errors.add(field::QUIET_END, "Set an end time too, or clear the start");
            }
            (true, false) => {
                errors.add(field::QUIET_START, "Set a start time too, or clear the end");
            }
            _ => {}
        }
        let lambda = self.lambda_function_name.trim();
        if !lambda.is_empty() {
            errors.check(field::LAMBDA, rules::lambda_function_name("Function", lambda));
        }
        let web_url = self.web_url.trim();
        if !web_url.is_empty() {
            errors.check(field::WEB_URL, rules::hook_web_url("Web URL", web_url));
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        let limits = CampaignLimits::builder()
            .daily(daily.unwrap_or(0))
            .total(total.unwrap_or(0))
            .maximum_duration(max_duration.unwrap_or(0))
            .set_messages_per_second(mps)
            .build();
        let quiet = QuietTime::builder().start(quiet_start).end(quiet_end).build();
        let hook = CampaignHook::builder()
            .lambda_function_name(lambda)
            .web_url(web_url)
            .set_mode(match self.hook_mode {
                HookMode::Unset => None,
                HookMode::Filter => Some(Mode::Filter),
                HookMode::Delivery => Some(Mode::Delivery),
            })
            .build();
        Ok(WriteApplicationSettingsRequest::builder()
            .limits(limits)
            .quiet_time(quiet)
            .campaign_hook(hook)
            .build())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn valid() -> SettingsDraft {
        SettingsDraft {
            daily: "3".into(),
            total: "20".into(),
            messages_per_second: "100".into(),
            maximum_duration: "3600".into(),
            quiet_start: "22:00".into(),
            quiet_end: "07:00".into(),
            lambda_function_name: "vip-filter".into(),
            hook_mode: HookMode::Filter,
            web_url: String::new(),
        }
    }

    #[test]
    fn a_valid_draft_round_trips_through_the_sdk_types() {
        let request = valid().to_request().unwrap();
        let limits = request.limits().unwrap();
        assert_eq!(limits.daily(), Some(3));
        assert_eq!(limits.messages_per_second(), Some(100));
        let resource = ApplicationSettingsResource::builder()
            .application_id("a")
            .set_limits(request.limits().cloned())
            .set_quiet_time(request.quiet_time().cloned())
            .set_campaign_hook(request.campaign_hook().cloned())
            .build();
        assert_eq!(SettingsDraft::from(&resource), valid());
    }

    #[test]
    fn every_bad_field_gets_its_own_message() {
        let draft = SettingsDraft {
            daily: "abc".into(),
            total: "101".into(),
            messages_per_second: "0".into(),
            maximum_duration: "30".into(),
            quiet_start: "25:00".into(),
            quiet_end: String::new(),
            lambda_function_name: "no spaces".into(),
            hook_mode: HookMode::Unset,
            web_url: "http://insecure".into(),
        };
        let errors = draft.to_request().unwrap_err();
        for f in [
            field::DAILY,
            field::TOTAL,
            field::MPS,
            field::MAX_DURATION,
            field::QUIET_START,
            field::QUIET_END,
            field::LAMBDA,
            field::WEB_URL,
        ] {
            assert!(errors.get(f).is_some(), "no message for {f}");
        }
        assert_eq!(errors.get(field::DAILY), Some("'abc' is not a whole number"));
    }

    #[test]
    fn empty_fields_clear_values() {
        let request = SettingsDraft::default().to_request().unwrap();
        assert_eq!(request.limits().unwrap().daily(), Some(0));
        assert_eq!(request.limits().unwrap().messages_per_second(), None);
        assert_eq!(request.quiet_time().unwrap().start(), Some(""));
    }
}
