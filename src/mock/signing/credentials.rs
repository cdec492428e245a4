//! The credentials `pinpoint-mock --credentials FILE` verifies signatures with: one
//! `ACCESS_KEY_ID SECRET` or `ACCESS_KEY_ID=SECRET` per line, `#` comments and blank lines
//! ignored.

use std::collections::HashMap;
use std::fmt;
use std::path::Path;

/// Why a credentials file cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum CredentialsError {
    /// The file cannot be read.
    #[error("cannot read the credentials file {path}: {source}")]
    Read {
        /// The file.
        path: String,
        /// Why.
        source: std::io::Error,
    },
    /// A line is not `ACCESS_KEY_ID SECRET` or `ACCESS_KEY_ID=SECRET`.
    #[error("credentials line {line}: {reason}")]
    Line {
        /// 1-based line number.
        line: usize,
        /// What is wrong with it.
        reason: &'static str,
    },
    /// The file names no key at all.
    #[error("the credentials file names no access key")]
    Empty,
}

/// Access key ids and their secrets. Its `Debug` shows the key ids only.
#[derive(Clone, Default)]
pub struct Credentials {
    secrets: HashMap<String, String>,
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut ids: Vec<&str> = self.secrets.keys().map(String::as_str).collect();
        ids.sort_unstable();
        f.debug_struct("Credentials").field("access_key_ids", &ids).finish_non_exhaustive()
    }
}

impl Credentials {
    /// Credentials from pairs of access key id and secret.
    #[must_use]
    pub fn from_pairs<K: Into<String>, S: Into<String>>(
        pairs: impl IntoIterator<Item = (K, S)>,
    ) -> Self {
        Self { secrets: pairs.into_iter().map(|(k, s)| (k.into(), s.into())).collect() }
    }

    /// Parses the text of a credentials file.
    pub fn parse(text: &str) -> Result<Self, CredentialsError> {
        let mut secrets = HashMap::new();
        for (index, raw) in text.lines().enumerate() {
            let line = raw.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let bad = |reason| CredentialsError::Line { line: index + 1, reason };
            // The first `=` or space ends the key id; a secret may hold `=` itself.
            let at = line
                .find(|c: char| c == '=' || c.is_whitespace())
                .ok_or_else(|| bad("expected ACCESS_KEY_ID SECRET or ACCESS_KEY_ID=SECRET"))?;
            let (id, secret) = (line[..at].trim(), line[at + 1..].trim());
            if id.is_empty() || id.contains(char::is_whitespace) {
                return Err(bad("the access key id is empty or has spaces"));
            }
            if secret.is_empty() || secret.contains(char::is_whitespace) {
                return Err(bad("the secret is empty or has spaces"));
            }
            secrets.insert(id.to_owned(), secret.to_owned());
        }
        if secrets.is_empty() {
            return Err(CredentialsError::Empty);
        }
        Ok(Self { secrets })
    }

    /// Reads and parses a credentials file.
    pub fn load(path: &Path) -> Result<Self, CredentialsError> {
        let text = std::fs::read_to_string(path).map_err(|source| CredentialsError::Read {
            path: path.display().to_string(),
            source,
        })?;
        Self::parse(&text)
    }

    /// The secret of an access key id.
    #[must_use]
    pub fn secret(&self, access_key_id: &str) -> Option<&str> {
        self.secrets.get(access_key_id).map(String::as_str)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_line_forms_and_comments_are_read() {
        let c =
            Credentials::parse("# keys\nAKID1 secret1\n\n  AKID2=sec=ret2  \nAKID3 s=3\n").unwrap();
        assert_eq!(c.secret("AKID1"), Some("secret1"));
        assert_eq!(c.secret("AKID2"), Some("sec=ret2"));
        assert_eq!(c.secret("AKID3"), Some("s=3"));
        assert!(!format!("{c:?}").contains("secret1"));
    }

    #[test]
    fn bad_lines_are_named() {
        let error = Credentials::parse("AKID1 secret1\nAKID2\n").unwrap_err();
        assert!(error.to_string().contains("line 2"), "{error}");
        assert!(matches!(Credentials::parse("# nothing\n"), Err(CredentialsError::Empty)));
    }
}
