//! Assessments in the database (server only), one file per use case: questionnaire versions
//! (`versions`), who holds an assessment (`access`, with the one access check [`resolve`]),
//! answering (`answers`), a DMA prefilled from a Smart Factory Assessment (`dma_start`),
//! finalising and results (`results`). Callers use the items re-exported
//! here (`assessment::service::finalise`).

mod access;
mod answers;
mod dma_start;
mod results;
mod versions;

pub use access::*;
pub use answers::*;
pub use dma_start::*;
pub use results::*;
pub use versions::*;

/// Peer averages are shown only above this many other assessments, so that no single
/// company's answers can be read from them.
pub const MIN_PEERS: u64 = 5;

pub const STATUS_DRAFT: &str = "draft";
pub const STATUS_FINAL: &str = "final";
