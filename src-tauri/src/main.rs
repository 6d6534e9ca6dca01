// No console window on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    // WebKitGTK's DMA-BUF renderer keeps a second copy of every frame: without
    // it the web process uses about half the memory, which laptops that are not
    // new need more than GPU buffers for a page of text (see BENCHMARKS.md).
    // Set before any thread starts; a value set by the user wins.
    #[cfg(target_os = "linux")]
    if std::env::var_os("WEBKIT_DISABLE_DMABUF_RENDERER").is_none() {
        std::env::set_var("WEBKIT_DISABLE_DMABUF_RENDERER", "1");
    }
    draftwatch_app_lib::run();
}
