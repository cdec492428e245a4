//! The console's client for the mock-only `/_mock/` extensions (not part of Pinpoint, so not in
//! the SDK): a minimal HTTP/1.1 exchange over a loopback TCP connection, offered only when the
//! connection is a mock.

use std::time::Duration;

use serde_json::Value;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

use super::ApiError;

/// Sends `method path` with an optional JSON body to the mock at `base` (an `http://` URL) and
/// returns the JSON answer.
pub async fn call(
    base: &str,
    method: &str,
    path: &str,
    body: Option<&Value>,
) -> Result<Value, ApiError> {
    let host = base.strip_prefix("http://").map(|h| h.trim_end_matches('/')).ok_or_else(|| {
        ApiError::local("NotAMock", "the mock extensions need an http:// endpoint")
    })?;
    let payload = body.map(Value::to_string).unwrap_or_default();
    let request = format!(
        "{method} {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{payload}",
        payload.len()
    );
    let exchange = async {
        let mut stream = tokio::net::TcpStream::connect(host).await?;
        stream.write_all(request.as_bytes()).await?;
        let mut answer = Vec::new();
        stream.read_to_end(&mut answer).await?;
        Ok::<_, std::io::Error>(answer)
    };
    let answer = tokio::time::timeout(Duration::from_secs(15), exchange)
        .await
        .map_err(|_| ApiError {
            kind: "Timeout".into(),
            message: "the mock did not answer in time".into(),
            request_id: None,
            unreachable: true,
        })?
        .map_err(|e| ApiError {
            kind: "Unreachable".into(),
            message: e.to_string(),
            request_id: None,
            unreachable: true,
        })?;
    let text = String::from_utf8_lossy(&answer);
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let ok = head.lines().next().is_some_and(|status| status.contains(" 200 "));
    let json: Value = serde_json::from_str(body).unwrap_or(Value::Null);
    if !ok {
        let message =
            json.get("Message").and_then(Value::as_str).unwrap_or("the mock refused the request");
        return Err(ApiError::local("MockExtensionError", message));
    }
    Ok(json)
}
