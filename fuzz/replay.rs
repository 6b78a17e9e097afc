//! Runs fuzz inputs (crash files) through both targets outside libFuzzer, printing each
//! decoded file and the diagnostics: `cargo run --bin replay -- FILE...` in fuzz/.

fn main() {
    let mut failed = false;
    for path in std::env::args().skip(1) {
        let data = match std::fs::read(&path) {
            Ok(data) => data,
            Err(e) => {
                eprintln!("{path}: {e}");
                failed = true;
                continue;
            }
        };
        let case = mdgen_fuzz::decode(&data);
        println!(
            "== {path}: {:?}, tri_state {}",
            case.options, case.tri_state
        );
        for f in &case.files {
            println!("   {} ({} bytes)", f.path.display(), f.bytes.len());
        }
        let parsed = mdgen_parse::parse(&case.files, &case.options);
        for d in parsed.diagnostics.iter() {
            println!("   {d:?}");
        }
        let run = std::panic::catch_unwind(|| {
            mdgen_fuzz::parse_target(&data);
            mdgen_fuzz::pipeline_target(&data);
        });
        match run {
            Ok(()) => println!("   ok"),
            Err(_) => {
                println!("   PANICKED");
                failed = true;
            }
        }
    }
    std::process::exit(i32::from(failed));
}
