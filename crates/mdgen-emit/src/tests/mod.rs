//! Tests of whole emitted files: snapshots and a schema with every feature.

mod compile;
mod snapshots;
