//! Value rules of the Pinpoint service, shared by the mock (which answers 400 when they are
//! broken) and the console's drafts (which show the same message inline before sending).

/// Largest `Daily` and `Total` per-endpoint caps the service accepts.
pub const MAX_ENDPOINT_CAP: i32 = 100;
/// Smallest `MessagesPerSecond`.
pub const MIN_MESSAGES_PER_SECOND: i32 = 1;
/// Largest `MessagesPerSecond`.
pub const MAX_MESSAGES_PER_SECOND: i32 = 20_000;
/// Smallest non-zero `MaximumDuration`, in seconds.
pub const MIN_MAXIMUM_DURATION: i32 = 60;
/// Most activities in one journey (the 40 is from memory of the Amazon Pinpoint quotas page,
/// "Journey quotas", which could not be re-read: see `mock::backend::journey_rules`).
pub const MAX_ACTIVITIES: usize = 40;
/// Most paths of a random split.
pub const MAX_RANDOM_BRANCHES: usize = 5;
/// Most conditional paths of a multivariate split besides its default (else) path.
pub const MAX_MULTI_BRANCHES: usize = 4;

/// Checks a per-endpoint cap (`Daily`, `Total`): 0 (no cap) to 100.
pub fn endpoint_cap(member: &str, value: i32) -> Result<(), String> {
    if (0..=MAX_ENDPOINT_CAP).contains(&value) {
        Ok(())
    } else {
        Err(format!("{member} must be between 0 and {MAX_ENDPOINT_CAP} (0 means no cap)"))
    }
}

/// Checks `MessagesPerSecond`: 1 to 20,000.
pub fn messages_per_second(member: &str, value: i32) -> Result<(), String> {
    if (MIN_MESSAGES_PER_SECOND..=MAX_MESSAGES_PER_SECOND).contains(&value) {
        Ok(())
    } else {
        Err(format!(
            "{member} must be between {MIN_MESSAGES_PER_SECOND} and {MAX_MESSAGES_PER_SECOND}"
        ))
    }
}

/// Checks `MaximumDuration`: 0 (no limit) or at least 60 seconds.
pub fn maximum_duration(member: &str, value: i32) -> Result<(), String> {
    if value == 0 || value >= MIN_MAXIMUM_DURATION {
        Ok(())
    } else {
        Err(format!("{member} must be at least {MIN_MAXIMUM_DURATION} seconds (or 0 for no limit)"))
    }
}

/// Parses an `HH:MM` 24-hour time into minutes after midnight.
#[must_use]
pub fn parse_hh_mm(text: &str) -> Option<u16> {
    let (h, m) = text.split_once(':')?;
    if h.len() != 2 || m.len() != 2 {
        return None;
    }
    let h: u16 = h.parse().ok()?;
    let m: u16 = m.parse().ok()?;
    (h < 24 && m < 60).then_some(h * 60 + m)
}

/// Checks one quiet-time bound.
pub fn quiet_time_bound(member: &str, value: &str) -> Result<(), String> {
    if parse_hh_mm(value).is_some() {
        Ok(())
    } else {
        Err(format!("{member} must be a 24-hour time as HH:MM, e.g. 22:00 (got '{value}')"))
    }
}

/// Checks that a quiet time has both bounds or neither (empty strings count as absent).
pub fn quiet_time_pair(start: Option<&str>, end: Option<&str>) -> Result<(), String> {
    let present = |v: Option<&str>| v.is_some_and(|s| !s.is_empty());
    match (present(start), present(end)) {
        (true, false) => Err("QuietTime.End is required when QuietTime.Start is set".to_owned()),
        (false, true) => Err("QuietTime.Start is required when QuietTime.End is set".to_owned()),
        _ => Ok(()),
    }
}

/// Checks a campaign hook's web URL: it must be an `https://` URL with a host.
pub fn hook_web_url(member: &str, value: &str) -> Result<(), String> {
    match value.strip_prefix("https://") {
        Some(rest) if !rest.is_empty() && !rest.starts_with('/') => Ok(()),
        _ => Err(format!("{member} must be an https:// URL")),
    }
}

/// Checks a Lambda function name or ARN (the service's pattern, simplified: 1-140 characters of
/// letters, digits, `-`, `_`, or a full `arn:aws:lambda:` ARN).
pub fn lambda_function_name(member: &str, value: &str) -> Result<(), String> {
    let plain = |s: &str| {
        !s.is_empty()
            && s.len() <= 140
            && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    };
    if plain(value) || value.starts_with("arn:aws:lambda:") {
        Ok(())
    } else {
        Err(format!(
            "{member} must be a function name (letters, digits, - and _) or an arn:aws:lambda: ARN"
        ))
    }
}

/// Checks a project name: non-empty after trimming, at most 64 characters.
pub fn project_name(value: &str) -> Result<(), String> {
    let trimmed = value.trim();
    if trimmed.is_empty() {
        Err("Name must not be empty".to_owned())
    } else if trimmed.chars().count() > 64 {
        Err("Name must be at most 64 characters".to_owned())
    } else {
        Ok(())
    }
}

/// The values `Schedule.Timezone` takes (the service's list).
pub const SCHEDULE_TIMEZONES: [&str; 31] = [
    "UTC",
    "UTC+01",
    "UTC+02",
    "UTC+03",
    "UTC+03:30",
    "UTC+04",
    "UTC+04:30",
    "UTC+05",
    "UTC+05:30",
    "UTC+05:45",
    "UTC+06",
    "UTC+06:30",
    "UTC+07",
    "UTC+08",
    "UTC+09",
    "UTC+09:30",
    "UTC+10",
    "UTC+10:30",
    "UTC+11",
    "UTC+12",
    "UTC+13",
    "UTC-02",
    "UTC-03",
    "UTC-04",
    "UTC-05",
    "UTC-06",
    "UTC-07",
    "UTC-08",
    "UTC-09",
    "UTC-10",
    "UTC-11",
];

/// Most additional treatments a campaign may have.
pub const MAX_ADDITIONAL_TREATMENTS: usize = 5;

/// A light check that a text is an email address (`local@domain.tld`, no spaces).
#[must_use]
pub fn looks_like_email(text: &str) -> bool {
    let Some((local, domain)) = text.rsplit_once('@') else { return false };
    !local.is_empty()
        && !text.chars().any(char::is_whitespace)
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
}

/// A check that a text is an E.164 phone number: `+` and 8-15 digits.
#[must_use]
pub fn looks_like_e164(text: &str) -> bool {
    text.strip_prefix('+').is_some_and(|digits| {
        (8..=15).contains(&digits.len()) && digits.chars().all(|c| c.is_ascii_digit())
    })
}

/// Reads an ISO-8601 duration (`P1D`, `PT1H30M`, `P2W`, `P1DT12H`); years and months count as
/// 365 and 30 days. `None` for text that is not one, or a zero duration.
#[must_use]
pub fn iso_duration(text: &str) -> Option<chrono::Duration> {
    let rest = text.strip_prefix('P')?;
    let (date, time) = match rest.split_once('T') {
        Some((d, t)) if !t.is_empty() => (d, Some(t)),
        Some(_) => return None,
        None => (rest, None),
    };
    let mut seconds: i64 = 0;
    let mut any = false;
    let mut take = |part: &str, units: &[(char, i64)]| -> Option<()> {
        let mut number = String::new();
        let mut next = 0;
        for c in part.chars() {
            if c.is_ascii_digit() {
                number.push(c);
                continue;
            }
            let position = units[next..].iter().position(|(u, _)| *u == c)? + next;
            let n: i64 = number.parse().ok()?;
            seconds = seconds.checked_add(n.checked_mul(units[position].1)?)?;
            number.clear();
            next = position + 1;
            any = true;
        }
        number.is_empty().then_some(())
    };
    take(date, &[('Y', 365 * 86_400), ('M', 30 * 86_400), ('W', 7 * 86_400), ('D', 86_400)])?;
    if let Some(time) = time {
        take(time, &[('H', 3_600), ('M', 60), ('S', 1)])?;
    }
    (any && seconds > 0).then(|| chrono::Duration::seconds(seconds))
}

/// Checks an ISO-8601 timestamp (RFC 3339, e.g. `2026-11-26T09:00:00Z`).
pub fn iso_timestamp(member: &str, value: &str) -> Result<chrono::DateTime<chrono::Utc>, String> {
    chrono::DateTime::parse_from_rfc3339(value).map(|t| t.with_timezone(&chrono::Utc)).map_err(
        |_| {
            format!(
                "{member} must be an ISO-8601 time such as 2026-11-26T09:00:00Z (got '{value}')"
            )
        },
    )
}

/// Checks that a channel record (what is stored merged with the update, as the wire names the
/// members) carries the credentials its kind needs.
pub fn channel_credentials(
    kind: super::ChannelKind,
    record: &serde_json::Map<String, serde_json::Value>,
) -> Result<(), String> {
    use super::ChannelKind;
    use serde_json::Value;
    let has =
        |key: &str| record.get(key).and_then(Value::as_str).is_some_and(|s| !s.trim().is_empty());
    let missing = |what: &str| Err(what.to_owned());
    match kind {
        ChannelKind::Adm => {
            if !has("ClientId") || !has("ClientSecret") {
                return missing("ClientId and ClientSecret are required");
            }
        }
        ChannelKind::Baidu => {
            if !has("ApiKey") || !has("SecretKey") {
                return missing("ApiKey and SecretKey are required");
            }
        }
        ChannelKind::Gcm => {
            if !has("ApiKey") && !has("ServiceJson") {
                return missing("ApiKey or ServiceJson is required");
            }
            if let Some(json) = record.get("ServiceJson").and_then(Value::as_str)
                && serde_json::from_str::<Value>(json).map_or(true, |v| !v.is_object())
            {
                return missing("ServiceJson must be the JSON of a service account key");
            }
        }
        ChannelKind::Email => {
            if !has("FromAddress") || !has("Identity") {
                return missing("FromAddress and Identity are required");
            }
            let from = record.get("FromAddress").and_then(Value::as_str).unwrap_or_default();
            if !looks_like_email(from) {
                return missing("FromAddress must be an email address");
            }
            let identity = record.get("Identity").and_then(Value::as_str).unwrap_or_default();
            if !identity.starts_with("arn:aws:ses:") {
                return missing("Identity must be an SES identity ARN (arn:aws:ses:…)");
            }
        }
        // The voice channel has no settings but Enabled: its caller ids are the account's
        // origination numbers.
        ChannelKind::Voice => {}
        ChannelKind::Sms => {
            if let Some(sender) = record.get("SenderId").and_then(Value::as_str) {
                let ok = (1..=11).contains(&sender.len())
                    && sender.chars().all(|c| c.is_ascii_alphanumeric())
                    && sender.chars().any(|c| c.is_ascii_alphabetic());
                if !ok {
                    return missing(
                        "SenderId must be 1-11 letters and digits with at least one letter",
                    );
                }
            }
        }
        _ => {
            let certificate = has("Certificate") && has("PrivateKey");
            let token = ["TokenKey", "TokenKeyId", "TeamId", "BundleId"].iter().all(|k| has(k));
            if !certificate && !token {
                return missing(
                    "give a Certificate and PrivateKey, or a TokenKey with TokenKeyId, TeamId and BundleId",
                );
            }
            if let Some(method) = record.get("DefaultAuthenticationMethod").and_then(Value::as_str)
            {
                match method {
                    "CERTIFICATE" if !certificate => {
                        return missing(
                            "DefaultAuthenticationMethod CERTIFICATE needs a Certificate",
                        );
                    }
                    "TOKEN" if !token => {
                        return missing("DefaultAuthenticationMethod TOKEN needs a TokenKey");
                    }
                    "CERTIFICATE" | "TOKEN" => {}
                    other => {
                        return missing(&format!(
                            "DefaultAuthenticationMethod must be CERTIFICATE or TOKEN (got '{other}')"
                        ));
                    }
                }
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hh_mm_is_strict() {
        assert_eq!(parse_hh_mm("00:00"), Some(0));
        assert_eq!(parse_hh_mm("23:59"), Some(23 * 60 + 59));
        for bad in ["24:00", "7:00", "07:60", "0700", "", "ab:cd", "07:0"] {
            assert_eq!(parse_hh_mm(bad), None, "{bad}");
        }
    }

    #[test]
    fn limits_follow_the_model_documentation() {
        assert!(endpoint_cap("Daily", 0).is_ok());
        assert!(endpoint_cap("Daily", 100).is_ok());
        assert!(endpoint_cap("Daily", 101).is_err());
        assert!(messages_per_second("MessagesPerSecond", 0).is_err());
        assert!(messages_per_second("MessagesPerSecond", 20_000).is_ok());
        assert!(maximum_duration("MaximumDuration", 59).is_err());
        assert!(maximum_duration("MaximumDuration", 0).is_ok());
    }

    #[test]
    fn addresses() {
        assert!(looks_like_email("a@b.co"));
        assert!(!looks_like_email("a b@c.d"));
        assert!(!looks_like_email("nobody"));
        assert!(looks_like_e164("+12065550199"));
        assert!(!looks_like_e164("2065550199"));
        assert!(iso_timestamp("T", "2026-11-26T09:00:00Z").is_ok());
        assert!(iso_timestamp("T", "tomorrow").is_err());
    }

    #[test]
    fn hooks_and_names() {
        assert!(hook_web_url("WebUrl", "https://example.com/hook").is_ok());
        assert!(hook_web_url("WebUrl", "http://example.com").is_err());
        assert!(lambda_function_name("L", "my-fn_1").is_ok());
        assert!(lambda_function_name("L", "bad name").is_err());
        assert!(project_name("  ").is_err());
        assert!(quiet_time_pair(Some("22:00"), None).is_err());
        assert!(quiet_time_pair(Some(""), Some("")).is_ok());
    }
}
