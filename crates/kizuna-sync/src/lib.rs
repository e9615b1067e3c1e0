//! Team sync: every replica's SQLite file is the truth its user works on; replicas exchange the
//! per-cell changes of their change logs through a hub and converge by keeping, for every
//! cell, the change with the greatest (hybrid logical clock, replica id). See `docs/sync.md`.

pub mod client;
pub mod conflicts;
pub mod hub;
pub mod protocol;
pub mod replica;
pub mod settings;
