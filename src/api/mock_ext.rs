//! The console's client for the mock-only `/_mock/` extensions (not part of Pinpoint, so not in
//! the SDK), offered only when the connection is a mock. It uses hyper's client, the HTTP stack
//! the SDK already brings: status codes are read as numbers, chunked bodies are understood,
//! query values are percent-encoded.

use std::time::Duration;

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;
use serde_json::Value;

use super::{ApiError, ErrorKind};

/// How long a mock extension may take (an estimate over a large project is the slowest).
const TIMEOUT: Duration = Duration::from_secs(15);

/// GET `path` with `query` from the mock at `base` (an `http://` URL); the JSON answer.
pub async fn get(base: &str, path: &str, query: &[(&str, String)]) -> Result<Value, ApiError> {
    let mut uri = format!("{}{path}", base.trim_end_matches('/'));
    for (i, (key, value)) in query.iter().enumerate() {
        uri.push(if i == 0 { '?' } else { '&' });
        uri.push_str(key);
        uri.push('=');
        uri.push_str(&encode(value));
    }
    exchange(http::Method::GET, &uri, Bytes::new()).await
}

/// POST a JSON `body` to `path` of the mock at `base`; the JSON answer.
pub async fn post(base: &str, path: &str, body: &Value) -> Result<Value, ApiError> {
    let uri = format!("{}{path}", base.trim_end_matches('/'));
    exchange(http::Method::POST, &uri, Bytes::from(body.to_string())).await
}

const HEX: &[u8; 16] = b"0123456789ABCDEF";

/// Percent-encodes a query value (RFC 3986 unreserved characters stay).
fn encode(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for byte in value.bytes() {
        if byte.is_ascii_alphanumeric() || b"-_.~".contains(&byte) {
            out.push(char::from(byte));
        } else {
            out.push('%');
            out.push(char::from(HEX[usize::from(byte >> 4)]));
            out.push(char::from(HEX[usize::from(byte & 0x0f)]));
        }
    }
    out
}

/// An error with every cause under it ("client error (Connect): tcp connect error: Connection
/// refused (os error 111)"), so the person sees why, not just that it failed.
fn chain(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}

async fn exchange(method: http::Method, uri: &str, body: Bytes) -> Result<Value, ApiError> {
    if !uri.starts_with("http://") {
        return Err(ApiError::local(
            ErrorKind::NotAMock,
            "the mock extensions need an http:// URL",
        ));
    }
    let request = http::Request::builder()
        .method(method)
        .uri(uri)
        .header(http::header::CONTENT_TYPE, "application/json")
        .body(Full::new(body))
        .map_err(|e| ApiError::local(ErrorKind::Client, e.to_string()))?;
    let client: Client<HttpConnector, Full<Bytes>> =
        Client::builder(TokioExecutor::new()).build_http();
    let answer = async {
        let response = client
            .request(request)
            .await
            .map_err(|e| ApiError::network(ErrorKind::Unreachable, chain(&e)))?;
        let status = response.status();
        let bytes = response
            .into_body()
            .collect()
            .await
            .map_err(|e| ApiError::network(ErrorKind::Unreachable, e.to_string()))?
            .to_bytes();
        Ok::<_, ApiError>((status, bytes))
    };
    let (status, bytes) = tokio::time::timeout(TIMEOUT, answer)
        .await
        .map_err(|_| ApiError::network(ErrorKind::Timeout, "the mock did not answer in time"))??;
    let json: Value = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
    if !status.is_success() {
        let message = json
            .get("Message")
            .and_then(Value::as_str)
            .map_or_else(|| format!("the mock answered {status}"), str::to_owned);
        return Err(ApiError::local(ErrorKind::MockExtension, message));
    }
    Ok(json)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_values_are_percent_encoded() {
        assert_eq!(encode("a b&c=d/é"), "a%20b%26c%3Dd%2F%C3%A9");
        assert_eq!(encode("ep-0_1.x~"), "ep-0_1.x~");
    }

    #[tokio::test]
    async fn a_dead_mock_reads_as_connection_refused() {
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let error =
            get(&format!("http://127.0.0.1:{port}"), "/_mock/outbox", &[]).await.unwrap_err();
        assert_eq!(error.kind, ErrorKind::Unreachable);
        assert!(error.message.to_lowercase().contains("connection refused"), "{}", error.message);
        let explained = error.explain("the mock");
        assert_eq!(explained.headline, "Could not connect to the mock: connection refused.");
    }
}
