//! Shared helpers for Draftwatch's fuzz targets (see `fuzz_targets/` and `run.sh`).

use draftwatch_core::ingest::{self, Content, Format};
use draftwatch_core::structure::{self, Node};
use std::cell::RefCell;
use std::collections::HashSet;
use std::panic::{self, AssertUnwindSafe};
use std::sync::Once;

thread_local! {
    static LAST_PANIC: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Runs one fuzz input, turning a panic that escapes draftwatch-core into a crash.
///
/// libfuzzer-sys installs a panic hook that aborts on *every* panic, including
/// those the code under test deliberately catches (the PDF importer runs
/// pdf-extract/lopdf under `catch_unwind`, as the app does). That would report
/// handled panics as crashes. So the hook is replaced by one that only records
/// the message (with a backtrace when `RUST_BACKTRACE=1`), and the input runs
/// under our own `catch_unwind`: a panic that reaches it was not handled by
/// draftwatch-core, so its message is printed and the process aborts, which
/// libFuzzer reports as a crash.
pub fn run(f: impl FnOnce()) {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        panic::set_hook(Box::new(|info| {
            let bt = std::backtrace::Backtrace::capture();
            let msg = format!("{info}\n{bt}");
            LAST_PANIC.with(|p| *p.borrow_mut() = Some(msg));
        }))
    });
    LAST_PANIC.with(|p| *p.borrow_mut() = None);
    if panic::catch_unwind(AssertUnwindSafe(f)).is_err() {
        let msg = LAST_PANIC.with(|p| p.borrow_mut().take()).unwrap_or_else(|| "panic (no message)".into());
        eprintln!("\nthread panicked (not caught by draftwatch-core): {msg}");
        std::process::abort();
    }
}

/// The whole import path for one format: read the bytes and, when the importer
/// yields blocks, run the structure grammar over them. Errors are fine; panics
/// (that draftwatch-core does not catch itself), hangs and runaway memory are
/// what the fuzzer looks for.
pub fn import(data: &[u8], format: Format) {
    run(|| import_unguarded(data, format));
}

fn import_unguarded(data: &[u8], format: Format) {
    if let Ok(ingested) = ingest::read(data, format) {
        match &ingested.content {
            Content::Blocks(blocks) => {
                let tree = structure::parse(blocks);
                check_tree(&tree);
            }
            Content::Tree(tree) => {
                // The XML importers keep the document's own eIds; walk the tree
                // (and build each top-level provision's text) to exercise it.
                for n in tree {
                    let _ = n.full_text();
                }
                let _ = structure::walk_all(tree);
            }
        }
    }
}

/// Invariants of a tree the structure grammar built: every node has an eId and
/// eIds are unique across the whole version.
pub fn check_tree(tree: &[Node]) {
    let mut seen: HashSet<&str> = HashSet::new();
    for n in structure::walk_all(tree) {
        assert!(!n.eid.is_empty(), "node with an empty eId: {n:?}");
        assert!(seen.insert(n.eid.as_str()), "duplicate eId {:?}", n.eid);
    }
}
