//! A campaign's limits and hook as the request carries them, and the whole-number fields they
//! and the rest of the request share: each left out while it does not parse or fails its rule.

use std::ops::RangeInclusive;

use aws_sdk_pinpoint::types::{CampaignHook, CampaignLimits, Mode};

use super::{HOOK_MODES, HookDraft, LimitsDraft, keep, opt};
use crate::drafts::{FieldErrors, parse_optional_int};
use crate::pinpoint::rules;

/// A whole-number field checked by `rule`: left out when it does not parse or fails.
pub(super) fn whole(
    errors: &mut FieldErrors,
    field: &str,
    text: &str,
    rule: impl FnOnce(i32) -> Result<(), String>,
) -> Option<i32> {
    let n = parse_optional_int(errors, field, text);
    keep(errors, field, n, |n| rule(*n))
}

/// A rule: the number lies in `range`.
pub(super) fn within(
    range: RangeInclusive<i32>,
    message: &str,
) -> impl FnOnce(i32) -> Result<(), String> {
    move |n| if range.contains(&n) { Ok(()) } else { Err(message.to_owned()) }
}

pub(super) fn limits(l: &LimitsDraft, errors: &mut FieldErrors) -> Option<CampaignLimits> {
    let daily = whole(errors, "limits.daily", &l.daily, |v| rules::endpoint_cap("Daily", v));
    let total = whole(errors, "limits.total", &l.total, |v| rules::endpoint_cap("Total", v));
    let mps = whole(errors, "limits.mps", &l.messages_per_second, |v| {
        rules::messages_per_second("MessagesPerSecond", v)
    });
    let duration = whole(errors, "limits.duration", &l.maximum_duration, |v| {
        rules::maximum_duration("MaximumDuration", v)
    });
    let session =
        whole(errors, "limits.session", &l.session, within(0..=i32::MAX, "Must not be negative"));
    [daily, total, mps, duration, session].iter().any(Option::is_some).then(|| {
        CampaignLimits::builder()
            .set_daily(daily)
            .set_total(total)
            .set_messages_per_second(mps)
            .set_maximum_duration(duration)
            .set_session(session)
            .build()
    })
}

pub(super) fn hook(h: &HookDraft, errors: &mut FieldErrors) -> Option<CampaignHook> {
    let lambda = keep(errors, "hook.lambda", opt(&h.lambda), |name| {
        rules::lambda_function_name("LambdaFunctionName", name)
    });
    let web_url =
        keep(errors, "hook.web_url", opt(&h.web_url), |url| rules::hook_web_url("WebUrl", url));
    let mode = keep(errors, "hook.mode", opt(&h.mode), |m| {
        if HOOK_MODES.contains(&m.as_str()) {
            Ok(())
        } else {
            Err("Choose FILTER or DELIVERY".to_owned())
        }
    });
    (lambda.is_some() || web_url.is_some() || mode.is_some()).then(|| {
        CampaignHook::builder()
            .set_lambda_function_name(lambda)
            .set_mode(mode.map(|m| Mode::from(m.as_str())))
            .set_web_url(web_url)
            .build()
    })
}
