//! One-time passwords waiting to be verified (`SendOTPMessage`, `VerifyOTPMessage`).
//!
//! The code is kept as sent, not hashed: the mock's outbox shows every message in full, the
//! code included, so a hash would hide nothing, and a state file with the plain code lets a
//! test or a person see what is pending.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// The key of the password sent to a destination for a reference id (E.164 numbers hold no
/// `/`, so the key splits back unambiguously).
#[must_use]
pub fn otp_key(destination: &str, reference_id: &str) -> String {
    format!("{destination}/{reference_id}")
}

/// A one-time password that can still be verified.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct OtpCode {
    /// The digits sent.
    pub code: String,
    /// When it stops being valid.
    pub expires: DateTime<Utc>,
    /// Wrong tries still allowed before it becomes invalid.
    pub attempts_left: u32,
}
