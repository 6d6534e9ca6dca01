//! Writes the TypeScript files generated from the app's code (see
//! `draftwatch_app_lib::bindings`); run by `scripts/check-bindings.sh`.

fn main() -> std::io::Result<()> {
    let root = draftwatch_app_lib::bindings::repository_root();
    for (path, text) in draftwatch_app_lib::bindings::files() {
        let path = root.join(path);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        std::fs::write(&path, text)?;
    }
    Ok(())
}
