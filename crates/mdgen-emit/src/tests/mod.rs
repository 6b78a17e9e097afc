//! Tests of whole emitted files: snapshots, a schema with every feature, and the layout.

mod compile;
mod layout;
mod snapshots;
