//! Declares the app's commands to Tauri's permission system. The list is read
//! from src/commands.rs (the one place commands are declared), and the set
//! `app-commands` that the window's capability grants is written from it, so a
//! new command needs no second edit here.

use std::path::Path;

fn main() {
    let src = std::fs::read_to_string("src/commands.rs").expect("src/commands.rs");
    println!("cargo:rerun-if-changed=src/commands.rs");
    let commands = command_names(&src);
    assert!(commands.len() > 2, "no commands found in src/commands.rs");
    let mut set = String::from(
        "# Written by build.rs from src/commands.rs: every command of the app, and nothing else.\n\
         [[set]]\nidentifier = \"app-commands\"\ndescription = \"Draftwatch's own commands.\"\npermissions = [\n",
    );
    for c in &commands {
        set.push_str(&format!("  \"allow-{}\",\n", c.replace('_', "-")));
    }
    set.push_str("]\n");
    let path = Path::new("permissions/app-commands.toml");
    if std::fs::read_to_string(path).ok().as_deref() != Some(set.as_str()) {
        std::fs::write(path, set).expect("write permissions/app-commands.toml");
    }
    let names: &'static [&'static str] =
        Box::leak(commands.into_iter().map(|c| &*Box::leak(c.into_boxed_str())).collect::<Vec<_>>().into_boxed_slice());
    // The configuration lives at the repository root (see TAURI-NOTES / docs).
    tauri_build::try_build(
        tauri_build::Attributes::new().app_manifest(tauri_build::AppManifest::new().commands(names)).config_path("../tauri.conf.json"),
    )
    .expect("tauri build step failed");
}

/// Names declared as `fn name(` inside `workspace_commands!` and as
/// `#[tauri::command] pub async fn name(` outside it.
fn command_names(src: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut in_macro = false;
    let mut after_attr = false;
    for line in src.lines() {
        let l = line.trim();
        if l.starts_with("workspace_commands! {") {
            in_macro = true;
            continue;
        }
        if in_macro && l == "}" {
            in_macro = false;
            continue;
        }
        let name = |rest: &str| rest.split(['(', '<']).next().unwrap_or("").trim().to_string();
        if in_macro {
            if let Some(rest) = l.strip_prefix("fn ") {
                out.push(name(rest));
            }
        } else if l == "#[tauri::command]" {
            after_attr = true;
        } else if after_attr {
            if let Some(rest) = l.strip_prefix("pub async fn ") {
                let n = name(rest);
                if n != "$name" {
                    out.push(n);
                }
            }
            after_attr = false;
        }
    }
    out
}
