//! Pure text functions for Chinese official writing: normalisation, search folding, masks,
//! lines and titles, outline (提纲) and notable sentences (金句), fingerprints.
//!
//! No I/O happens here: every function takes text and returns text or numbers, so the
//! ingest pipeline, the search index and the overlap check all agree on what text means.

pub mod fingerprint;
pub mod fold;
pub mod lines;
pub mod masks;
pub mod normalize;
pub mod outline;
pub mod overlap;
pub mod quotes;
