//! mdgen: Rust types with serde from Speakeasy SDK model docs (markdown).
//!
//! This is the library behind the `mdgen` command and `cargo xtask codegen`, and the one to use
//! from a build script:
//!
//! ```no_run
//! // build.rs
//! fn main() -> Result<(), Box<dyn std::error::Error>> {
//!     mdgen::Builder::new()
//!         .input("docs/models")
//!         .wire_case(mdgen::WireCase::Snake)
//!         .write_to_out_dir("models.rs")?; // prints cargo:rerun-if-changed for every input
//!     Ok(())
//! }
//! // src/lib.rs:  pub mod models { include!(concat!(env!("OUT_DIR"), "/models.rs")); }
//! ```
//!
//! The pipeline: collect the input docs, parse them into one [`Schema`] (`mdgen-parse`), emit
//! Rust (`mdgen-emit`), write the files atomically and only when they change. Problems in the
//! docs are [`Diagnostics`], shown with [`render`]; see [`Builder`] for when they stop a run.
//!
//! [`diff`] compares two versions of the docs (each parsed with [`Builder::parse`]) and says
//! which changes break code built on the old types.

mod builder;
mod config;
mod diff;
mod empty;
mod error;
mod inputs;
pub mod render;
mod write;

pub use builder::{Builder, Generation, Parsed};
pub use config::Config;
pub use diff::{diff, Change, ChangeKind, Diff};
pub use error::Error;
pub use inputs::{InputDocs, MAX_DOC_BYTES, MAX_TOTAL_BYTES};
pub use mdgen_emit::Deps;
pub use mdgen_ir::{Diagnostic, Diagnostics, Schema, Severity, WireCase};
pub use mdgen_parse::{Dialect, ModelOptions};
