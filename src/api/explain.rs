//! An `ApiError` in words a person can act on: one plain sentence saying what failed and why,
//! one saying what to do next, and the technical detail (for the "details" toggle and for
//! copying into a bug report).

use super::{ApiError, ErrorKind};

/// An error ready to show to a person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Explained {
    /// What failed and why, as one sentence.
    pub headline: String,
    /// What to do next.
    pub next_step: String,
    /// The technical detail: error type, message, request id.
    pub detail: String,
    /// True when retrying the same call may work (the network, throttling, a server fault).
    pub retryable: bool,
}

/// The cause of a failed connection, read from the transport's message.
fn network_cause(message: &str) -> &'static str {
    let m = message.to_ascii_lowercase();
    if m.contains("connection refused") {
        "connection refused"
    } else if m.contains("dns") || m.contains("lookup") || m.contains("name or service") {
        "its host name could not be resolved"
    } else if m.contains("certificate") || m.contains("tls") {
        "the secure connection could not be set up"
    } else if m.contains("reset") || m.contains("broken pipe") {
        "the connection was dropped"
    } else if m.contains("timed out") || m.contains("timeout") {
        "it did not answer in time"
    } else if m.contains("unreachable") {
        "the network cannot reach it"
    } else {
        "the connection failed"
    }
}

/// Makes sure a message taken from the service reads as the end of a sentence.
fn sentence(message: &str) -> String {
    let trimmed = message.trim();
    if trimmed.is_empty() {
        return "no reason was given.".to_owned();
    }
    if trimmed.ends_with(['.', '!', '?']) { trimmed.to_owned() } else { format!("{trimmed}.") }
}

impl ApiError {
    /// This error as one plain sentence and what to do next, for places with room for one
    /// line (toasts, a row's note); the technical detail stays in `Display`.
    #[must_use]
    pub fn plain(&self) -> String {
        let explained = self.explain("the service");
        format!("{} {}", explained.headline, explained.next_step)
    }

    /// This error in plain words; `target` names what was being reached (the endpoint URL or
    /// "the demo mock").
    #[must_use]
    pub fn explain(&self, target: &str) -> Explained {
        let message = sentence(&self.message);
        let (headline, next_step, retryable) = match &self.kind {
            ErrorKind::Unreachable => (
                format!("Could not connect to {target}: {}.", network_cause(&self.message)),
                "Is the server running? Retry, or change the connection.".to_owned(),
                true,
            ),
            ErrorKind::Timeout => (
                format!("{target} did not answer in time."),
                "Retry; if it keeps happening, check the server and the network.".to_owned(),
                true,
            ),
            ErrorKind::Forbidden => (
                format!("The service refused the credentials: {message}"),
                "Check the connection's profile or access keys, then retry.".to_owned(),
                false,
            ),
            ErrorKind::TooManyRequests => (
                format!("The service is throttling requests: {message}"),
                "Wait a few seconds, then retry.".to_owned(),
                true,
            ),
            ErrorKind::InternalServerError => (
                format!("The service failed while answering: {message}"),
                "Retry; if it keeps failing, the server's log says why.".to_owned(),
                true,
            ),
            ErrorKind::NotFound => (
                format!("Not found: {message}"),
                "It may have been deleted meanwhile: reload the list.".to_owned(),
                false,
            ),
            ErrorKind::BadRequest => (
                format!("The service refused the request: {message}"),
                "Correct the value it names, then try again.".to_owned(),
                false,
            ),
            ErrorKind::Configuration => {
                (message, "Change the connection, or retry.".to_owned(), true)
            }
            ErrorKind::File | ErrorKind::WrongFile => {
                (message, "Check the file's path and permissions.".to_owned(), false)
            }
            ErrorKind::NotAMock => (message, "Connect to a mock to use this.".to_owned(), false),
            _ => (message, "Retry; if it keeps failing, copy the details.".to_owned(), true),
        };
        let detail = match &self.request_id {
            Some(id) => format!("{}: {}\nrequest id: {id}", self.kind, self.message),
            None => format!("{}: {}", self.kind, self.message),
        };
        Explained { headline, next_step, detail, retryable }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_dead_port_reads_as_a_sentence_with_what_to_do() {
        let error = ApiError::network(
            ErrorKind::Unreachable,
            "dispatch failure: io error: client error (Connect): tcp connect error: Connection \
             refused (os error 111)",
        );
        let explained = error.explain("http://127.0.0.1:1");
        assert_eq!(
            explained.headline,
            "Could not connect to http://127.0.0.1:1: connection refused."
        );
        assert!(explained.next_step.starts_with("Is the server running?"));
        assert!(explained.detail.contains("os error 111"), "the detail keeps the cause");
        assert!(explained.retryable);
    }

    #[test]
    fn service_errors_keep_the_service_message_and_request_id() {
        let error = ApiError {
            kind: ErrorKind::TooManyRequests,
            message: "Slow down".into(),
            request_id: Some("r-1".into()),
            unreachable: false,
        };
        let explained = error.explain("the demo mock");
        assert_eq!(explained.headline, "The service is throttling requests: Slow down.");
        assert_eq!(explained.detail, "TooManyRequestsException: Slow down\nrequest id: r-1");
    }
}
