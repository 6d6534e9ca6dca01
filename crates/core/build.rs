//! Embeds the sample bills of `drafts/` so a new workspace can be seeded from
//! any binary, wherever it runs.

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    let drafts = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../drafts");
    println!("cargo:rerun-if-changed={}", drafts.display());
    let mut out = String::from("/// Files of `drafts/`: (path relative to drafts/, bytes).\npub const SEED_FILES: &[(&str, &[u8])] = &[\n");
    if let Ok(entries) = std::fs::read_dir(&drafts) {
        let mut bills: Vec<_> = entries.flatten().filter(|e| e.path().join("manifest.json").is_file()).collect();
        bills.sort_by_key(|e| e.file_name());
        for bill in bills {
            println!("cargo:rerun-if-changed={}", bill.path().display());
            let mut files: Vec<_> = std::fs::read_dir(bill.path()).into_iter().flatten().flatten().collect();
            files.sort_by_key(|e| e.file_name());
            for f in files {
                let path = f.path();
                let name = f.file_name().to_string_lossy().into_owned();
                // Sources of generated files and change notes are not imported.
                if !path.is_file() || name.contains(".src.") || name.ends_with("CHANGES.md") {
                    continue;
                }
                println!("cargo:rerun-if-changed={}", path.display());
                let rel = format!("{}/{}", bill.file_name().to_string_lossy(), f.file_name().to_string_lossy());
                let abs = path.canonicalize().expect("draft path");
                writeln!(out, "    ({rel:?}, include_bytes!({:?})),", abs.display().to_string()).expect("write");
            }
        }
    }
    out.push_str("];\n");
    let dest = Path::new(&std::env::var("OUT_DIR").expect("OUT_DIR")).join("seed_files.rs");
    std::fs::write(dest, out).expect("write seed_files.rs");
}
