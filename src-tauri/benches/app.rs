//! The window, measured: time from launch to the first interactive screen,
//! idle memory (PSS of the app and its WebKit processes), time to open Compare
//! on the 5,000-article synthetic pair, and scrolling of its clause list.
//!
//! ```text
//! xvfb-run -a -s "-screen 0 1280x800x24" cargo bench -p draftwatch-app --bench app
//! ```
//!
//! Needs what the end-to-end tests need (tauri-driver, WebKitWebDriver, Xvfb;
//! `scripts/test.sh` installs them) and python3 for `bench/gen_bill.py`.
//! `APP_BENCH_RUNS` sets the number of launches (default 5).

#[path = "../tests/support/mod.rs"]
mod support;

use draftwatch_core::{ImportOptions, Workspace};
use fantoccini::{Client, Locator};
use std::process::Command;
use std::time::{Duration, Instant};
use support::*;

fn main() -> R<()> {
    tokio::runtime::Builder::new_multi_thread().enable_all().build()?.block_on(run())
}

fn percentile(v: &[f64], p: f64) -> f64 {
    let mut v = v.to_vec();
    v.sort_by(|a, b| a.total_cmp(b));
    v[((v.len() - 1) as f64 * p).round() as usize]
}

/// PSS in kB of every process in process group `pgid` whose name matches.
fn pss_kb(pgid: i32) -> Vec<(String, u64)> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir("/proc").into_iter().flatten().flatten() {
        let Ok(pid) = entry.file_name().to_string_lossy().parse::<u32>() else { continue };
        let Ok(stat) = std::fs::read_to_string(format!("/proc/{pid}/stat")) else { continue };
        // pid (comm) state ppid pgrp ...
        let Some(close) = stat.rfind(')') else { continue };
        let comm = stat[stat.find('(').unwrap_or(0) + 1..close].to_string();
        let fields: Vec<&str> = stat[close + 2..].split_whitespace().collect();
        if fields.get(2).and_then(|g| g.parse::<i32>().ok()) != Some(pgid) {
            continue;
        }
        if !(comm.starts_with("draftwatch-app") || (comm.starts_with("WebKit") && comm != "WebKitWebDriver")) {
            continue;
        }
        let rollup = std::fs::read_to_string(format!("/proc/{pid}/smaps_rollup")).unwrap_or_default();
        let pss = rollup
            .lines()
            .find(|l| l.starts_with("Pss:"))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|n| n.parse().ok())
            .unwrap_or(0);
        out.push((comm, pss));
    }
    out.sort();
    out
}

/// Clicks `css` in the page and resolves when `done` matches, timed inside the page.
async fn timed_click(c: &Client, css: &str, done: &str) -> R<f64> {
    let ms = c
        .execute_async(
            r#"const [css, done, cb] = arguments;
               const t0 = performance.now();
               const check = () => {
                 if (document.querySelector(done)) { cb(performance.now() - t0); return true; }
                 return false;
               };
               const obs = new MutationObserver(() => { if (check()) obs.disconnect(); });
               obs.observe(document.body, { childList: true, subtree: true, characterData: true });
               document.querySelector(css).click();"#,
            vec![css.into(), done.into()],
        )
        .await?;
    Ok(ms.as_f64().ok_or("no time")?)
}

/// Intervals between 240 animation frames while the clause list scrolls by
/// `step` pixels a frame (0: the same page, not scrolling: the floor).
async fn frame_intervals(c: &Client, step: u32) -> R<Vec<f64>> {
    let v = c
        .execute_async(
            r#"const [step, cb] = arguments;
               const list = document.querySelector('.list [role=listbox]');
               const times = [];
               let n = 0, last = performance.now();
               const frame = (t) => {
                 times.push(t - last); last = t;
                 list.scrollTop += step;
                 if (++n < 240) requestAnimationFrame(frame); else cb(times);
               };
               requestAnimationFrame(frame);"#,
            vec![step.into()],
        )
        .await?;
    Ok(v.as_array().ok_or("no frames")?.iter().skip(1).filter_map(|x| x.as_f64()).collect())
}

async fn run() -> R<()> {
    let runs: usize = std::env::var("APP_BENCH_RUNS").ok().and_then(|r| r.parse().ok()).unwrap_or(5);
    let tmp = tempfile::tempdir()?;
    let ws_dir = tmp.path().join("ws");
    // The sample workspace plus the 5,000-article synthetic pair (bench/gen_bill.py).
    let synth = tmp.path().join("synth");
    let ok = Command::new("python3")
        .arg(repo().join("bench/gen_bill.py"))
        .args(["--articles", "5000", "--out-dir"])
        .arg(&synth)
        .status()?
        .success();
    assert!(ok, "bench/gen_bill.py failed");
    {
        let mut ws = Workspace::open(&ws_dir)?;
        for (file, label) in [("old.txt", "old"), ("new.txt", "new")] {
            let opts = ImportOptions { bill: "synthetic".into(), label: Some(label.into()), ..Default::default() };
            ws.import_file(&synth.join(file), &opts)?;
        }
        // The index is built now, not during the first launch.
        ws.rebuild_index(&mut |_| {})?;
    }

    // Idle memory: a workspace with only the sample drafts, on its first screen.
    let memory = {
        let d = driver(tmp.path(), &[]);
        let c = session(&d, &tmp.path().join("sample")).await?;
        tokio::time::sleep(Duration::from_secs(5)).await;
        let m = pss_kb(d.pgid());
        c.close().await?;
        m
    };

    let mut launch = Vec::new();
    let mut page = Vec::new();
    let mut compare = Vec::new();
    let mut frames = Vec::new();
    let mut idle = Vec::new();
    for run in 0..runs {
        let d = driver(tmp.path(), &[]);
        let t0 = Instant::now();
        let c = session(&d, &ws_dir).await?;
        launch.push(t0.elapsed().as_secs_f64() * 1000.0);
        let ready = c.execute("return Number(document.body.dataset.readyMs)", vec![]).await?;
        page.push(ready.as_f64().unwrap_or(f64::NAN));
        wait(&c, "[data-testid='compare-synthetic-2']").await?;
        compare.push(timed_click(&c, "[data-testid='compare-synthetic-2']", "[data-testid='redline']").await?);
        assert!(c.find(Locator::Css("[data-testid='summary']")).await?.text().await?.contains("old → new"));
        if run == 0 {
            shot(&c, "bench-compare-5000").await?;
            idle = frame_intervals(&c, 0).await?;
            frames = frame_intervals(&c, 120).await?;
        }
        c.close().await?;
    }

    let total: u64 = memory.iter().map(|(_, kb)| kb).sum();
    println!("## Desktop app (2 cores, Xvfb, software rendering), {runs} launches\n");
    println!("| measure | p50 | p95 / max |");
    println!("|---|---|---|");
    let p50_max = |what: &str, v: &[f64]| println!("| {what} | {:.0} ms | {:.0} ms |", percentile(v, 0.5), percentile(v, 1.0));
    p50_max("launch to interactive (WebDriver session start to first screen ready)", &launch);
    p50_max("page load to interactive (navigation start to first screen ready)", &page);
    p50_max("open Compare on the 5,000-article pair (click to redline shown)", &compare);
    let dropped = frames.iter().filter(|f| **f > 1000.0 / 30.0).count();
    println!(
        "| scrolling the 5,000-row clause list, frame interval ({} frames) | {:.1} ms | {:.1} ms p95, {:.1} ms max, {dropped} over 33 ms |",
        frames.len(),
        percentile(&frames, 0.5),
        percentile(&frames, 0.95),
        percentile(&frames, 1.0)
    );
    println!(
        "| the same page, not scrolling (the floor under Xvfb) | {:.1} ms | {:.1} ms p95 |",
        percentile(&idle, 0.5),
        percentile(&idle, 0.95)
    );
    println!("\nEach launch, in order: {}", launch.iter().map(|m| format!("{m:.0} ms")).collect::<Vec<_>>().join(", "));
    println!("\nIdle memory on the sample workspace, PSS (smaps_rollup), 5 s after the first screen:\n");
    println!("| process | PSS |");
    println!("|---|---|");
    for (name, kb) in &memory {
        println!("| {name} | {:.1} MB |", *kb as f64 / 1024.0);
    }
    println!("| **total** | **{:.1} MB** |", total as f64 / 1024.0);
    Ok(())
}
