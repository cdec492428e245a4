//! AWS Signature Version 4, checked the way the service checks it: the `Authorization`
//! header's scope and signed headers, the canonical request rebuilt from what arrived (path
//! encoded twice, as the SDKs sign every service but S3; query sorted; payload hashed), the
//! string to sign, and the signature from the secret the access key id names.
//!
//! Sources: the AWS General Reference, "Create a signed AWS API request" (canonical request,
//! string to sign, signing key), and aws-sigv4's own canonical request, which the SDK signs
//! with.

use std::time::SystemTime;

use axum::http::{HeaderMap, Method, Uri};
use chrono::{DateTime, Duration, NaiveDateTime, Utc};
use sha2::{Digest, Sha256};

use super::credentials::Credentials;
use crate::mock::error::{ErrorKind, MockError};

/// The algorithm the mock verifies.
const ALGORITHM: &str = "AWS4-HMAC-SHA256";
/// The signing name of Pinpoint.
pub const SERVICE: &str = "mobiletargeting";
/// How far a request's time may be from the mock's clock.
const MAX_SKEW_MINUTES: i64 = 15;
/// The time format of `X-Amz-Date`.
const AMZ_DATE: &str = "%Y%m%dT%H%M%SZ";

/// What the `Authorization` header of a SigV4 request says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Authorization<'a> {
    /// The access key id.
    pub access_key_id: &'a str,
    /// The scope's date, `YYYYMMDD`.
    pub date: &'a str,
    /// The scope's region.
    pub region: &'a str,
    /// The scope's service.
    pub service: &'a str,
    /// The signed header names, lower case, `;`-separated, as sent.
    pub signed_headers: &'a str,
    /// The signature, lower-case hex.
    pub signature: &'a str,
}

impl<'a> Authorization<'a> {
    /// Reads `AWS4-HMAC-SHA256 Credential=ID/DATE/REGION/SERVICE/aws4_request,
    /// SignedHeaders=a;b, Signature=hex`; `None` when it is not of that form.
    #[must_use]
    pub fn parse(header: &'a str) -> Option<Self> {
        let rest = header.trim().strip_prefix(ALGORITHM)?;
        let (mut credential, mut signed_headers, mut signature) = (None, None, None);
        for part in rest.split(',') {
            let (name, value) = part.trim().split_once('=')?;
            match name.trim() {
                "Credential" => credential = Some(value.trim()),
                "SignedHeaders" => signed_headers = Some(value.trim()),
                "Signature" => signature = Some(value.trim()),
                _ => {}
            }
        }
        let mut scope = credential?.split('/');
        let (access_key_id, date, region, service, terminator) =
            (scope.next()?, scope.next()?, scope.next()?, scope.next()?, scope.next()?);
        if terminator != "aws4_request" || scope.next().is_some() {
            return None;
        }
        Some(Self {
            access_key_id,
            date,
            region,
            service,
            signed_headers: signed_headers?,
            signature: signature?,
        })
    }
}

/// The region of a request's signing scope, when its `Authorization` header has one that
/// looks like a region name.
#[must_use]
pub fn scope_region(headers: &HeaderMap) -> Option<String> {
    let header = headers.get(axum::http::header::AUTHORIZATION)?.to_str().ok()?;
    let region = Authorization::parse(header)?.region;
    let plausible = !region.is_empty()
        && region.len() <= 32
        && region.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    plausible.then(|| region.to_owned())
}

fn denied(kind: ErrorKind, message: impl Into<String>) -> MockError {
    MockError { kind, message: message.into() }
}

/// What a request brings to the check.
#[derive(Debug)]
pub struct SignedRequest<'a> {
    /// The method.
    pub method: &'a Method,
    /// The URI as received (path and query still encoded).
    pub uri: &'a Uri,
    /// The headers.
    pub headers: &'a HeaderMap,
    /// The whole body.
    pub body: &'a [u8],
}

/// Checks a request's SigV4 signature against `credentials` at `now`; the service's 403
/// error types when it does not hold.
pub fn verify(
    request: &SignedRequest<'_>,
    credentials: &Credentials,
    now: DateTime<Utc>,
) -> Result<(), MockError> {
    let Some(header) = request.headers.get(axum::http::header::AUTHORIZATION) else {
        return Err(denied(ErrorKind::MissingAuthenticationToken, "Missing Authentication Token"));
    };
    let auth = header.to_str().ok().and_then(Authorization::parse).ok_or_else(|| {
        denied(
            ErrorKind::IncompleteSignature,
            "Authorization header requires 'Credential', 'Signature' and 'SignedHeaders' \
             parameters, as AWS4-HMAC-SHA256 Credential=KEY/DATE/REGION/SERVICE/aws4_request, \
             SignedHeaders=..., Signature=...",
        )
    })?;
    let Some(secret) = credentials.secret(auth.access_key_id) else {
        return Err(denied(
            ErrorKind::UnrecognizedClient,
            "The security token included in the request is invalid.",
        ));
    };
    let amz_date = request
        .headers
        .get("x-amz-date")
        .and_then(|v| v.to_str().ok())
        .ok_or_else(|| {
            denied(ErrorKind::IncompleteSignature, "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.")
        })?;
    let time = NaiveDateTime::parse_from_str(amz_date, AMZ_DATE)
        .map(|t| t.and_utc())
        .map_err(|_| denied(ErrorKind::IncompleteSignature, format!("Date must be in ISO-8601 'basic format'. Got '{amz_date}'. See http://en.wikipedia.org/wiki/ISO_8601")))?;
    let skew = Duration::minutes(MAX_SKEW_MINUTES);
    let stamp = |t: DateTime<Utc>| t.format(AMZ_DATE).to_string();
    if time < now - skew {
        return Err(denied(
            ErrorKind::InvalidSignature,
            format!(
                "Signature expired: {amz_date} is now earlier than {} ({} - {MAX_SKEW_MINUTES} min.)",
                stamp(now - skew),
                stamp(now)
            ),
        ));
    }
    if time > now + skew {
        return Err(denied(
            ErrorKind::InvalidSignature,
            format!(
                "Signature not yet current: {amz_date} is still later than {} ({} + {MAX_SKEW_MINUTES} min.)",
                stamp(now + skew),
                stamp(now)
            ),
        ));
    }
    if auth.service != SERVICE {
        return Err(denied(
            ErrorKind::InvalidSignature,
            format!("Credential should be scoped to correct service: '{SERVICE}'. "),
        ));
    }
    if auth.date != &amz_date[..8] {
        return Err(denied(
            ErrorKind::InvalidSignature,
            format!(
                "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '{}' != '{}', from '{amz_date}'.",
                auth.date,
                &amz_date[..8]
            ),
        ));
    }
    let canonical = canonical_request(request, auth.signed_headers);
    let string_to_sign = format!(
        "{ALGORITHM}\n{amz_date}\n{}/{}/{}/aws4_request\n{}",
        auth.date,
        auth.region,
        auth.service,
        hex::encode(Sha256::digest(canonical.as_bytes()))
    );
    let key = aws_sigv4::sign::v4::generate_signing_key(
        secret,
        SystemTime::from(time),
        auth.region,
        auth.service,
    );
    let expected = aws_sigv4::sign::v4::calculate_signature(key, string_to_sign.as_bytes());
    if constant_time_eq(expected.as_bytes(), auth.signature.as_bytes()) {
        Ok(())
    } else {
        Err(denied(
            ErrorKind::InvalidSignature,
            "The request signature we calculated does not match the signature you provided. \
             Check your AWS Secret Access Key and signing method. Consult the service \
             documentation for details.",
        ))
    }
}

/// Compares two byte strings in time that depends on their length only.
fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |diff, (x, y)| diff | (x ^ y)) == 0
}

/// The canonical request of SigV4 for what arrived.
#[must_use]
pub fn canonical_request(request: &SignedRequest<'_>, signed_headers: &str) -> String {
    let payload = match request.headers.get("x-amz-content-sha256").and_then(|v| v.to_str().ok()) {
        Some("UNSIGNED-PAYLOAD") => "UNSIGNED-PAYLOAD".to_owned(),
        _ => hex::encode(Sha256::digest(request.body)),
    };
    let mut headers = String::new();
    for name in signed_headers.split(';') {
        let values: Vec<String> = request
            .headers
            .get_all(name)
            .iter()
            .map(|v| trim_all(&String::from_utf8_lossy(v.as_bytes())))
            .collect();
        headers.push_str(name);
        headers.push(':');
        headers.push_str(&values.join(","));
        headers.push('\n');
    }
    format!(
        "{}\n{}\n{}\n{headers}\n{signed_headers}\n{payload}",
        request.method.as_str(),
        canonical_uri(request.uri.path()),
        canonical_query(request.uri.query().unwrap_or_default()),
    )
}

/// The path with dot segments removed and every byte but unreserved ones and `/`
/// percent-encoded again (so `%2F` becomes `%252F`), as every SDK signs non-S3 services.
fn canonical_uri(path: &str) -> String {
    let normalized = if path.contains('.') || path.contains("//") {
        let mut kept: Vec<&str> = Vec::new();
        for segment in path.split('/') {
            match segment {
                "" | "." => {}
                ".." => {
                    kept.pop();
                }
                other => kept.push(other),
            }
        }
        let mut joined = format!("/{}", kept.join("/"));
        if path.ends_with('/') && !joined.ends_with('/') {
            joined.push('/');
        }
        joined
    } else if path.is_empty() {
        "/".to_owned()
    } else {
        path.to_owned()
    };
    encode(&normalized, true)
}

/// The query's parameters decoded, encoded again the SigV4 way, sorted by name then value.
fn canonical_query(query: &str) -> String {
    let mut pairs: Vec<(String, String)> = form_urlencoded::parse(query.as_bytes())
        .map(|(k, v)| (encode(&k, false), encode(&v, false)))
        .collect();
    pairs.sort();
    pairs.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join("&")
}

/// Percent-encodes every byte but `A-Z a-z 0-9 - _ . ~` (and `/` when `keep_slash`).
fn encode(text: &str, keep_slash: bool) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric()
            || matches!(byte, b'-' | b'_' | b'.' | b'~')
            || (keep_slash && byte == b'/')
        {
            out.push(char::from(byte));
        } else {
            const HEX: &[u8; 16] = b"0123456789ABCDEF";
            out.push('%');
            out.push(char::from(HEX[usize::from(byte >> 4)]));
            out.push(char::from(HEX[usize::from(byte & 0x0f)]));
        }
    }
    out
}

/// Trims spaces at both ends and folds runs of spaces into one (SigV4's header values).
fn trim_all(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for word in value.split(' ').filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_authorization_header_is_read() {
        let auth = Authorization::parse(
            "AWS4-HMAC-SHA256 Credential=AKID/20261203/eu-west-1/mobiletargeting/aws4_request, \
             SignedHeaders=host;x-amz-date, Signature=abc123",
        )
        .unwrap();
        assert_eq!(
            (auth.access_key_id, auth.date, auth.region, auth.service),
            ("AKID", "20261203", "eu-west-1", "mobiletargeting")
        );
        assert_eq!((auth.signed_headers, auth.signature), ("host;x-amz-date", "abc123"));
        assert!(Authorization::parse("AWS4-HMAC-SHA256 Credential=AKID/x, Signature=a").is_none());
        assert!(Authorization::parse("Bearer token").is_none());
    }

    #[test]
    fn paths_are_encoded_twice_and_queries_sorted() {
        assert_eq!(canonical_uri("/v1/apps/a%20b/./x/../y"), "/v1/apps/a%2520b/y");
        assert_eq!(
            canonical_query("token=b%2Bc&page-size=5&a=x+y"),
            "a=x%20y&page-size=5&token=b%2Bc"
        );
        assert_eq!(trim_all("  a   b c "), "a b c");
    }
}
