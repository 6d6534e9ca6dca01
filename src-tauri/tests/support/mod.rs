//! The WebDriver harness shared by the end-to-end tests (tests/e2e.rs) and the
//! app benchmark (benches/app.rs): tauri-driver in its own process group, a
//! session on the real app binary with its own workspace and web storage, and
//! waits that save a screenshot when they give up.
#![allow(dead_code)]

use fantoccini::{Client, ClientBuilder, Locator};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// One window at a time: the machine has two cores.
pub static ONE_AT_A_TIME: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

pub type R<T> = Result<T, Box<dyn std::error::Error>>;

/// A running tauri-driver, killed on drop.
pub struct Driver {
    child: Child,
    /// The WebDriver port.
    pub port: u16,
}

impl Driver {
    /// The process group of tauri-driver, WebKitWebDriver, the app and its WebKit processes.
    pub fn pgid(&self) -> i32 {
        self.child.id() as i32
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        // tauri-driver leads its own process group: WebKitWebDriver and the app go with it.
        let pid = self.child.id() as libc::pid_t;
        // SAFETY: plain system calls on a process this test started.
        unsafe {
            if libc::getpgid(pid) == pid {
                libc::kill(-pid, libc::SIGKILL);
            }
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// Starts tauri-driver with `env` for the app it will launch. The app's web
/// storage (the window's preferences) lives under `home`, so no test sees
/// what another left.
pub fn driver(home: &Path, env: &[(&str, &Path)]) -> Driver {
    let port = free_port();
    let native = free_port();
    let mut cmd = Command::new("tauri-driver");
    std::os::unix::process::CommandExt::process_group(&mut cmd, 0);
    cmd.args(["--port", &port.to_string(), "--native-port", &native.to_string()]).stdout(Stdio::null()).stderr(Stdio::inherit());
    for dir in ["XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"] {
        cmd.env(dir, home.join(dir));
    }
    for (k, v) in env {
        cmd.env(k, v);
    }
    let child = cmd
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start tauri-driver ({e}): scripts/test.sh installs it (cargo install tauri-driver --locked)"));
    // Both tauri-driver and the WebKitWebDriver it starts must listen before a
    // session is asked for: a request forwarded too early is dropped.
    let started = Instant::now();
    for p in [port, native] {
        while TcpStream::connect(("127.0.0.1", p)).is_err() {
            assert!(started.elapsed() < Duration::from_secs(30), "the WebDriver did not listen on port {p}");
            std::thread::sleep(Duration::from_millis(50));
        }
    }
    Driver { child, port }
}

/// [`driver`] for the end-to-end tests. WebKitWebDriver's screenshot can wait
/// forever on WebKit's shared-memory renderer, which the app picks by default
/// (src/main.rs): the tests keep WebKit's own default, DMA-BUF, which the app
/// honours when the variable is set. The benchmark measures the app as shipped.
pub fn test_driver(home: &Path, env: &[(&str, &Path)]) -> Driver {
    let mut all = vec![("WEBKIT_DISABLE_DMABUF_RENDERER", Path::new("0"))];
    all.extend_from_slice(env);
    driver(home, &all)
}

/// Opens the app on `workspace` and waits for its first screen.
pub async fn session(d: &Driver, workspace: &Path) -> R<Client> {
    assert!(std::env::var_os("DISPLAY").is_some(), "no X display: run under xvfb-run (scripts/test.sh does)");
    let mut caps = serde_json::Map::new();
    caps.insert("browserName".into(), "wry".into());
    caps.insert(
        "tauri:options".into(),
        serde_json::json!({
            "application": env!("CARGO_BIN_EXE_draftwatch-app"),
            "args": ["--workspace", workspace],
        }),
    );
    let client = ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
        .capabilities(caps)
        .connect(&format!("http://127.0.0.1:{}", d.port))
        .await?;
    client.wait().at_most(Duration::from_secs(60)).for_element(Locator::Css("body[data-ready]")).await?;
    Ok(client)
}

pub async fn wait(c: &Client, css: &str) -> R<fantoccini::elements::Element> {
    match c.wait().at_most(Duration::from_secs(30)).for_element(Locator::Css(css)).await {
        Ok(e) => Ok(e),
        Err(e) => {
            let _ = shot(c, "FAILED").await;
            Err(format!("{css} never appeared ({e}); see target/e2e-screenshots/FAILED.png").into())
        }
    }
}

/// Waits until the text of the first `css` element contains `needle`; returns
/// the text. (The DOM's textContent: WebDriver's "visible text" drops text
/// inside scrolled containers such as the virtualised clause list.)
pub async fn wait_text(c: &Client, css: &str, needle: &str) -> R<String> {
    let started = Instant::now();
    loop {
        let text = c.execute("return document.querySelector(arguments[0])?.textContent ?? null", vec![css.into()]).await?;
        match text.as_str() {
            Some(t) if t.contains(needle) => return Ok(t.to_string()),
            _ if started.elapsed() > Duration::from_secs(30) => {
                let _ = shot(c, "FAILED").await;
                return Err(format!("{css} never showed {needle:?}; it shows {text}").into());
            }
            _ => tokio::time::sleep(Duration::from_millis(100)).await,
        }
    }
}

/// Clicks the first `css` element, finding it again if the page re-rendered it
/// between finding and clicking.
pub async fn click(c: &Client, css: &str) -> R<()> {
    let started = Instant::now();
    loop {
        let err = match wait(c, css).await?.click().await {
            Ok(()) => return Ok(()),
            Err(e) => e,
        };
        if !format!("{err:?}").contains("StaleElementReference") || started.elapsed() > Duration::from_secs(10) {
            return Err(err.into());
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

pub async fn count(c: &Client, css: &str) -> R<usize> {
    Ok(c.find_all(Locator::Css(css)).await?.len())
}

/// Saves a screenshot as `target/e2e-screenshots/NAME.png`.
pub async fn shot(c: &Client, name: &str) -> R<()> {
    // What the DOM says must be on screen: fonts loaded, then two frames painted.
    c.execute_async(
        "const cb = arguments[0]; document.fonts.ready.then(() => requestAnimationFrame(() => requestAnimationFrame(() => cb(true))));",
        vec![],
    )
    .await?;
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/e2e-screenshots");
    std::fs::create_dir_all(&dir)?;
    std::fs::write(dir.join(format!("{name}.png")), c.screenshot().await?)?;
    Ok(())
}

pub fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}
