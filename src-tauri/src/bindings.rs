//! The TypeScript files generated from the app's Rust code: `ui/src/lib/commands.ts`
//! (one function per command of [`crate::commands`], written by [`crate::tsgen`])
//! and the binding of [`IpcError`]. The types of `draftwatch-core` are written
//! by its own ts-rs export.
//!
//! Nothing is written when the tests run: `scripts/check-bindings.sh` writes
//! these files (`cargo run -p draftwatch-app --example write-bindings`), and a
//! test here fails when the committed ones differ from what the code generates.

use crate::ipc::IpcError;
use crate::{commands, tsgen};
use std::path::PathBuf;
use ts_rs::TS;

/// The module of typed command functions.
pub fn commands_ts() -> String {
    tsgen::commands_ts(&commands::signatures())
}

/// Every generated file: its path from the repository root, and its text.
pub fn files() -> Vec<(PathBuf, String)> {
    let ts_cfg = ts_rs::Config::new().with_large_int("number");
    let ipc_error = IpcError::export_to_string(&ts_cfg).expect("IpcError has a TypeScript binding");
    let ipc_error_path = IpcError::output_path().expect("IpcError has an output path");
    vec![("ui/src/lib/commands.ts".into(), commands_ts()), (PathBuf::from("ui/src/lib/bindings").join(ipc_error_path), ipc_error)]
}

/// The repository root, from this crate's folder.
pub fn repository_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn committed_typescript_matches_the_rust_code() {
        for (path, generated) in files() {
            let committed = std::fs::read_to_string(repository_root().join(&path)).unwrap_or_default();
            if committed != generated {
                let line = committed.lines().zip(generated.lines()).position(|(a, b)| a != b);
                let at = line.map_or_else(|| "its length".to_string(), |n| format!("line {}", n + 1));
                panic!(
                    "{} differs from what the Rust code generates (first at {at}): run scripts/check-bindings.sh and commit it",
                    path.display()
                );
            }
        }
    }

    #[test]
    fn signatures_name_arguments_as_tauri_maps_them() {
        let ts = commands_ts();
        assert!(
            ts.contains("export const clauseHistory = (bill: string, version: string, clause: string): Promise<Array<HistoryStep>>"),
            "{ts}"
        );
        assert!(ts.contains("call(\"clause_history\", { bill, version, clause })"), "{ts}");
        assert!(ts.contains("import type { HistoryStep } from \"./bindings/HistoryStep\";"));
        assert!(ts.contains("export const annotation = (id: number): Promise<AnnotationDetail>"), "{ts}");
        assert!(!ts.contains("bigint"));
    }

    #[test]
    fn every_command_is_in_the_permission_set_that_build_rs_wrote() {
        let set = std::fs::read_to_string(repository_root().join("src-tauri/permissions/app-commands.toml")).unwrap();
        let permitted: Vec<&str> = set.lines().filter_map(|l| l.trim().strip_prefix("\"allow-")?.strip_suffix("\",")).collect();
        let declared: Vec<String> = commands::signatures().iter().map(|s| s.name.replace('_', "-")).collect();
        assert_eq!(permitted, declared);
    }
}
