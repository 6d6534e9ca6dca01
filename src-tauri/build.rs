fn main() {
    // The configuration lives at the repository root (see TAURI-NOTES / docs).
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(&["list_bills", "list_versions"]))
            .config_path("../tauri.conf.json"),
    )
    .expect("tauri build step failed");
}
