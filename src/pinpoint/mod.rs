//! The Pinpoint domain, shared by the console and the mock: channel kinds, the rows of endpoint
//! files (import jobs and uploads judge them alike), message rendering
//! (`{{…}}` substitution), the service's value rules and the outbox entry shape. It imports
//! nothing else of this crate, so neither side depends on the other through it.

pub mod channel;
pub mod endpoint_row;
pub mod graph;
pub mod html_text;
pub mod outbox;
pub mod render;
pub mod rules;
pub mod template;

pub use channel::{ChannelKind, mask};
pub use outbox::OutboxEntry;
pub use template::TemplateKind;
