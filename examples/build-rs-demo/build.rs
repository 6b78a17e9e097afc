//! Generates `$OUT_DIR/models.rs` from the StackOne seed docs checked in at `docs-input/`.
//! mdgen prints `cargo:rerun-if-changed` for every doc and docs folder, so cargo reruns this
//! script when a doc is edited, added or removed, and at no other time.

fn main() -> Result<(), Box<dyn std::error::Error>> {
    mdgen::Builder::new()
        .input("../../docs-input/stackone")
        .wire_case(mdgen::WireCase::Snake)
        .write_to_out_dir("models.rs")?;
    Ok(())
}
