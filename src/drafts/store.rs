//! Unsaved editor drafts on disk, so an edit survives closing the app or a crash: one JSON
//! file per draft under a folder, written whenever the draft changes and removed when it is
//! saved or discarded.
//!
//! The app's store writes on a thread of its own ([`DraftStore::background`]), in order, so
//! the UI thread never waits for the disk; reads happen on the API worker (after [`flush`]).
//! A plain [`DraftStore::new`] writes at once (tests, the worker's reads).
//!
//! [`flush`]: DraftStore::flush

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, mpsc};

use serde::Serialize;
use serde::de::DeserializeOwned;

/// The kinds of drafts kept, each under its own file-name prefix.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DraftKind {
    /// Campaign editor drafts.
    Campaign,
    /// Segment builder drafts.
    Segment,
    /// Journey editor drafts.
    Journey,
}

impl DraftKind {
    /// The file-name prefix (and the name the screens use for it).
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Campaign => "campaign",
            Self::Segment => "segment",
            Self::Journey => "journey",
        }
    }
}

/// A folder of drafts.
#[derive(Debug, Clone)]
pub struct DraftStore {
    dir: PathBuf,
    writer: Option<Arc<Writer>>,
}

/// What the writer thread does, in the order asked.
enum Op {
    Write(PathBuf, Vec<u8>),
    Remove(PathBuf),
    Flush(mpsc::Sender<()>),
}

/// The writer thread; dropping the last store finishes its queue and joins it.
#[derive(Debug)]
struct Writer {
    queue: Mutex<Option<mpsc::Sender<Op>>>,
    thread: Mutex<Option<std::thread::JoinHandle<()>>>,
}

impl Drop for Writer {
    fn drop(&mut self) {
        // Closing the queue ends the thread once it has written everything asked.
        drop(self.queue.lock().ok().and_then(|mut q| q.take()));
        if let Some(thread) = self.thread.lock().ok().and_then(|mut t| t.take()) {
            let _ = thread.join();
        }
    }
}

fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let tmp = path.with_extension("json.tmp");
    std::fs::write(&tmp, bytes)?;
    std::fs::rename(tmp, path)
}

impl DraftStore {
    /// Drafts kept under `dir` (created on the first write), written at once.
    #[must_use]
    pub fn new(dir: impl Into<PathBuf>) -> Self {
        Self { dir: dir.into(), writer: None }
    }

    /// Drafts kept under `dir`, written by a thread of their own, in order.
    #[must_use]
    pub fn background(dir: impl Into<PathBuf>) -> Self {
        let (queue, ops) = mpsc::channel::<Op>();
        let thread = std::thread::Builder::new().name("drafts".into()).spawn(move || {
            for op in ops {
                match op {
                    Op::Write(path, bytes) => {
                        if let Err(error) = write_atomically(&path, &bytes) {
                            tracing::warn!(%error, path = %path.display(), "could not keep a draft");
                        }
                    }
                    Op::Remove(path) => {
                        let _ = std::fs::remove_file(path);
                    }
                    Op::Flush(done) => {
                        let _ = done.send(());
                    }
                }
            }
        });
        let writer = match thread {
            Ok(thread) => Some(Arc::new(Writer {
                queue: Mutex::new(Some(queue)),
                thread: Mutex::new(Some(thread)),
            })),
            Err(error) => {
                tracing::warn!(%error, "no drafts thread; drafts are written on the caller's thread");
                None
            }
        };
        Self { dir: dir.into(), writer }
    }

    /// Hands `op` to the writer thread; gives it back when there is none.
    fn enqueue(&self, op: Op) -> Option<Op> {
        let Some(writer) = &self.writer else { return Some(op) };
        let queue = writer.queue.lock().ok();
        match queue.as_ref().and_then(|q| q.as_ref()) {
            Some(q) => q.send(op).err().map(|e| e.0),
            None => Some(op),
        }
    }

    /// Waits until every write asked so far is on disk.
    pub fn flush(&self) {
        let (done, wait) = mpsc::channel();
        if self.enqueue(Op::Flush(done)).is_none() {
            let _ = wait.recv();
        }
    }

    /// The folder.
    #[must_use]
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    fn path(&self, kind: &str, app_id: &str, key: &str) -> PathBuf {
        let clean = |s: &str| -> String {
            s.chars().map(|c| if c.is_ascii_alphanumeric() || c == '-' { c } else { '_' }).collect()
        };
        // `.` never survives `clean`, so it separates the parts unambiguously.
        self.dir.join(format!("{}.{}.{}.json", clean(kind), clean(app_id), clean(key)))
    }

    /// Writes a draft (atomically: a temporary file renamed over the old one); on the writer
    /// thread when there is one, so the error is then logged there.
    pub fn save<T: Serialize>(
        &self,
        kind: &str,
        app_id: &str,
        key: &str,
        draft: &T,
    ) -> std::io::Result<()> {
        let bytes = serde_json::to_vec_pretty(draft).map_err(std::io::Error::other)?;
        match self.enqueue(Op::Write(self.path(kind, app_id, key), bytes)) {
            Some(Op::Write(path, bytes)) => write_atomically(&path, &bytes),
            _ => Ok(()),
        }
    }

    /// Reads a draft; `None` when there is none or it cannot be read as `T`.
    #[must_use]
    pub fn load<T: DeserializeOwned>(&self, kind: &str, app_id: &str, key: &str) -> Option<T> {
        let bytes = std::fs::read(self.path(kind, app_id, key)).ok()?;
        match serde_json::from_slice(&bytes) {
            Ok(draft) => Some(draft),
            Err(error) => {
                tracing::warn!(%error, kind, app_id, key, "ignoring an unreadable draft");
                None
            }
        }
    }

    /// Removes a draft (no error when there is none).
    pub fn discard(&self, kind: &str, app_id: &str, key: &str) {
        if let Some(Op::Remove(path)) = self.enqueue(Op::Remove(self.path(kind, app_id, key))) {
            let _ = std::fs::remove_file(path);
        }
    }

    /// Every readable draft of one kind in one project, by key.
    #[must_use]
    pub fn load_all<T: DeserializeOwned>(&self, kind: &str, app_id: &str) -> Vec<(String, T)> {
        self.keys(kind, app_id)
            .into_iter()
            .filter_map(|key| Some((key.clone(), self.load(kind, app_id, &key)?)))
            .collect()
    }

    /// The keys of the drafts of one kind in one project.
    #[must_use]
    pub fn keys(&self, kind: &str, app_id: &str) -> Vec<String> {
        let probe = self.path(kind, app_id, "");
        let prefix = probe.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        let prefix = prefix.strip_suffix(".json").unwrap_or(prefix).to_owned();
        let mut keys: Vec<String> = std::fs::read_dir(&self.dir)
            .into_iter()
            .flatten()
            .flatten()
            .filter_map(|e| e.file_name().into_string().ok())
            .filter_map(|n| n.strip_prefix(&prefix)?.strip_suffix(".json").map(str::to_owned))
            .collect();
        keys.sort();
        keys
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_writer_thread_writes_in_order_and_finishes_when_dropped() {
        let dir = std::env::temp_dir().join(format!("pp-drafts-{}", uuid::Uuid::new_v4()));
        let store = DraftStore::background(&dir);
        for i in 0..50 {
            store.save("segment", "app", "new-1", &i).unwrap();
        }
        store.discard("segment", "app", "gone");
        store.flush();
        assert_eq!(store.load::<i32>("segment", "app", "new-1"), Some(49), "the last write wins");
        store.save("segment", "app", "new-2", &7).unwrap();
        drop(store);
        let plain = DraftStore::new(&dir);
        assert_eq!(
            plain.load_all::<i32>("segment", "app"),
            [("new-1".to_owned(), 49), ("new-2".to_owned(), 7)]
        );
        let _ = std::fs::remove_dir_all(dir);
    }

    #[test]
    fn a_draft_survives_a_new_store_on_the_same_folder() {
        let dir = std::env::temp_dir().join(format!("pp-drafts-{}", uuid::Uuid::new_v4()));
        let store = DraftStore::new(&dir);
        store.save("campaign", "app1", "new", &vec!["typed".to_owned()]).unwrap();
        let again = DraftStore::new(&dir);
        assert_eq!(again.load::<Vec<String>>("campaign", "app1", "new").unwrap(), ["typed"]);
        assert_eq!(again.keys("campaign", "app1"), ["new"]);
        assert!(again.keys("segment", "app1").is_empty());
        // A project whose id starts like another's keeps its own drafts.
        store.save("campaign", "app1-x", "new-1", &vec!["other".to_owned()]).unwrap();
        assert_eq!(again.keys("campaign", "app1"), ["new"]);
        assert_eq!(again.keys("campaign", "app1-x"), ["new-1"]);
        again.discard("campaign", "app1", "new");
        assert!(again.load::<Vec<String>>("campaign", "app1", "new").is_none());
        let _ = std::fs::remove_dir_all(dir);
    }
}
