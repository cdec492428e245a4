//! Work on this machine (files, the native file dialog, kept drafts): what the Local handler
//! (`api/local.rs`) is asked, and what a file chosen in the dialog is for.

use std::path::PathBuf;

use super::ApiRequest;
use crate::drafts::channels::KeyFile;
use crate::drafts::store::{DraftKind, DraftStore};

/// What a file chosen in the native dialog is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FilePurpose {
    /// A key or certificate for this member of a channel form.
    KeyFile {
        /// The form member.
        member: &'static str,
    },
    /// An endpoint upload (Audience).
    EndpointUpload,
    /// A segment import (Segments).
    SegmentImport,
    /// A state file to load into the demo.
    DemoLoad,
    /// Where to save the demo's world.
    DemoSave,
    /// Where to save the analytics dashboard as CSV.
    AnalyticsCsv,
}

impl FilePurpose {
    /// The dialog's title.
    #[must_use]
    pub fn title(self) -> &'static str {
        match self {
            Self::KeyFile { .. } => "Choose a key or certificate file",
            Self::EndpointUpload => "Choose endpoints to upload (CSV or JSON)",
            Self::SegmentImport => "Choose a segment to import (CSV or JSON)",
            Self::DemoLoad => "Choose demo data to load (a pinpoint-mock state file)",
            Self::DemoSave => "Save the demo data as",
            Self::AnalyticsCsv => "Save the KPIs as CSV",
        }
    }
}

/// Work on this machine: files, the file dialog and kept drafts.
#[derive(Debug, Clone)]
pub enum LocalRequest {
    /// Reads a key or certificate file for a form member.
    ReadKeyFile {
        /// The member it is for.
        member: &'static str,
        /// The file.
        path: PathBuf,
        /// What it should be.
        expect: KeyFile,
    },
    /// Opens the native file dialog.
    PickFile {
        /// What the file is for.
        purpose: FilePurpose,
    },
    /// Reads a text file (an endpoint upload).
    ReadTextFile {
        /// The file.
        path: PathBuf,
    },
    /// Writes a text file (a CSV export).
    WriteTextFile {
        /// Where.
        path: PathBuf,
        /// What.
        contents: String,
    },
    /// Writes HTML to a temporary file and opens it in the system browser (a template's
    /// preview).
    OpenHtml {
        /// A name for the file (a template name).
        name: String,
        /// The page.
        html: String,
    },
    /// The unsaved drafts of one kind kept for a project (read off the UI thread, after the
    /// store's pending writes).
    ReadDrafts {
        /// The store.
        store: DraftStore,
        /// Campaign or segment drafts.
        kind: DraftKind,
        /// The project id.
        app_id: String,
    },
}

impl From<LocalRequest> for ApiRequest {
    fn from(request: LocalRequest) -> Self {
        Self::Local(request)
    }
}
