//! Team-scale performance: 10,000 personas in 200 ICPs, 2,000 interviews.
//!
//! `cargo bench --bench perf` (add `-- --runs 7` for more rounds, `--quick`
//! for a small workspace). Generates the workspace in a temporary folder,
//! then measures in rounds, interleaved so that noise on a shared machine
//! hits every figure alike, and prints medians as a markdown table: each
//! whole-process figure as a ratio against a floor measured in the same
//! rounds (reading every file with `find | xargs cat`, and `cp -r`).
//!
//! Not a criterion/divan bench on purpose: the targets are ratios against
//! floors taken in the same run, and the whole-process figures need the real
//! binary (which cargo builds for benches, as `CARGO_BIN_EXE_persona`).

#[path = "../examples/common/generate.rs"]
mod generate;

mod timing;

use persona::domain::{Icp, Persona};
use persona::store::{FsStore, Loaded, Store};
use persona::tui::app::{App, Setup};
use persona::tui::event::Event;
use persona::tui::keys::script;
use portable_pty::{CommandBuilder, PtySize, native_pty_system};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use timing::{bin, median, ms, peak_mb, run};

fn sh(script: &str) -> Duration {
    run(Command::new("sh").arg("-c").arg(script))
}

/// Starts the TUI in a pseudo-terminal; the time until `needle` (drawn in
/// the first frame) is on its screen.
fn tui_first_frame(ws: &Path, home: &Path, needle: &str) -> Duration {
    let (rows, cols) = (40, 120);
    let pty = native_pty_system()
        .openpty(PtySize {
            rows,
            cols,
            pixel_width: 0,
            pixel_height: 0,
        })
        .expect("pty");
    let mut cmd = CommandBuilder::new(bin());
    cmd.arg("--workspace");
    cmd.arg(ws);
    cmd.env("TERM", "xterm-256color");
    cmd.env("XDG_CONFIG_HOME", home.join("config"));
    cmd.env("HOME", home);
    cmd.cwd(home);
    let parser = Arc::new(Mutex::new(vt100::Parser::new(
        std::num::NonZeroU16::new(rows).unwrap(),
        std::num::NonZeroU16::new(cols).unwrap(),
        0,
    )));
    let mut reader = pty.master.try_clone_reader().expect("reader");
    let sink = Arc::clone(&parser);
    let start = Instant::now();
    let mut child = pty.slave.spawn_command(cmd).expect("spawn tui");
    std::thread::spawn(move || {
        let mut buf = [0u8; 16384];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 {
                break;
            }
            sink.lock().unwrap().process(&buf[..n]);
        }
    });
    let deadline = start + Duration::from_secs(120);
    let elapsed = loop {
        if parser.lock().unwrap().screen().contents().contains(needle) {
            break start.elapsed();
        }
        assert!(Instant::now() < deadline, "the TUI never drew `{needle}`");
        std::thread::sleep(Duration::from_micros(500));
    };
    let _ = child.kill();
    let _ = child.wait();
    elapsed
}

/// Every figure of one round.
#[derive(Default)]
struct Rounds {
    read_floor: Vec<Duration>,
    read_rust: Vec<Duration>,
    cp_floor: Vec<Duration>,
    list: Vec<Duration>,
    list_rss: Vec<f64>,
    list_cold: Vec<Duration>,
    app: Vec<Duration>,
    index: Vec<Duration>,
    export: Vec<Duration>,
    tui: Vec<Duration>,
    load: Vec<Duration>,
    render: Vec<Duration>,
}

/// Reads every file under `dir` (the in-process read floor).
fn read_all(dir: &Path) -> u64 {
    let mut total = 0;
    let mut stack = vec![dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap().flatten() {
            let path = entry.path();
            if entry.file_type().unwrap().is_dir() {
                stack.push(path);
            } else {
                total += std::fs::read(&path).unwrap().len() as u64;
            }
        }
    }
    total
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    // `cargo bench` passes `--bench`; `cargo test --benches` does not run us
    // with it, so a plain run stays quick.
    let quick = args.iter().any(|a| a == "--quick") || !args.iter().any(|a| a == "--bench");
    let runs: usize = args
        .iter()
        .position(|a| a == "--runs")
        .and_then(|i| args.get(i + 1))
        .and_then(|n| n.parse().ok())
        .unwrap_or(if quick { 1 } else { 5 });
    let spec = if quick {
        generate::Spec {
            icps: 4,
            personas: 40,
            interviews: 20,
            seed: 42,
        }
    } else {
        generate::Spec::TEAM
    };

    let scratch = std::env::temp_dir().join(format!("persona-perf-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&scratch);
    let ws = scratch.join("ws");
    let home = scratch.join("home");
    std::fs::create_dir_all(&home).unwrap();
    let start = Instant::now();
    let written = generate::generate(&ws, &spec).expect("generate");
    eprintln!(
        "generated {} files ({:.1} MB) in {:.1?}; {runs} rounds",
        written.files,
        written.bytes as f64 / 1e6,
        start.elapsed()
    );
    let ws_s = ws.display().to_string();
    let needle = "Generated:";

    // Warm the page cache and any index the binary keeps.
    sh(&format!(
        "find '{ws_s}' -type f -print0 | xargs -0 cat > /dev/null"
    ));
    run(Command::new(bin())
        .arg("--workspace")
        .arg(&ws)
        .args(["list", "personas"]));
    std::thread::sleep(Duration::from_secs(3));
    // A second listing caches the files the first found too fresh.
    run(Command::new(bin())
        .arg("--workspace")
        .arg(&ws)
        .args(["list", "personas"]));
    tui_first_frame(&ws, &home, needle);

    let mut r = Rounds::default();
    for round in 0..runs {
        r.read_floor.push(sh(&format!(
            "find '{ws_s}' -type f -print0 | xargs -0 cat > /dev/null"
        )));
        let t = Instant::now();
        read_all(&ws);
        r.read_rust.push(t.elapsed());

        let copy = scratch.join(format!("copy-{round}"));
        r.cp_floor
            .push(run(Command::new("cp").arg("-r").arg(&ws).arg(&copy)));
        let _ = std::fs::remove_dir_all(&copy);

        // The first listing, or one after every file changed: no cache.
        let _ = std::fs::remove_file(ws.join(persona::store::index::PATH));
        let mut list = Command::new(bin());
        list.arg("--workspace").arg(&ws).args(["list", "personas"]);
        r.list_cold.push(run(&mut list));

        let mut list = Command::new(bin());
        list.arg("--workspace").arg(&ws).args(["list", "personas"]);
        r.list.push(run(&mut list));
        r.list_rss.extend(peak_mb(&list));

        let out = scratch.join(format!("export-{round}"));
        r.export.push(run(Command::new(bin())
            .arg("--workspace")
            .arg(&ws)
            .args(["export", "--all", "--out"])
            .arg(&out)));
        let _ = std::fs::remove_dir_all(&out);

        r.tui.push(tui_first_frame(&ws, &home, needle));

        let t = Instant::now();
        let loaded = FsStore::new(&ws).load().expect("load");
        r.load.push(t.elapsed());
        assert!(loaded.problems.is_empty(), "{:?}", &loaded.problems[..1]);
        let ws = &loaded.workspace;
        let icps: Vec<&Icp> = ws.icps.iter().collect();
        let personas: Vec<&Persona> = ws.personas.iter().collect();
        let t = Instant::now();
        let files = persona::export::markdown::folder(ws, &icps, &personas);
        r.render.push(t.elapsed());
        assert!(files.len() > personas.len());

        let t = Instant::now();
        let app = App::new(loaded, Setup::for_tests());
        r.app.push(t.elapsed());
        // The runner builds the filter's index right after the first frame.
        let t = Instant::now();
        app.index.get(&app.workspace);
        r.index.push(t.elapsed());
        drop(app);
    }

    let (keys, frames, keys_max) = tui_figures(&ws);

    let read = median(r.read_floor.clone());
    let cp = median(r.cp_floor.clone());
    let ratio =
        |d: &[Duration], floor: Duration| median(d.to_vec()).as_secs_f64() / floor.as_secs_f64();
    let mut rss = r.list_rss.clone();
    rss.sort_by(f64::total_cmp);
    let rss = rss
        .get(rss.len() / 2)
        .map_or("n/a (needs GNU time)".to_string(), |mb| {
            format!("{mb:.1} MB")
        });

    println!();
    println!(
        "{} ICPs, {} personas, {} interviews: {} files, {:.1} MB; median of {runs} rounds",
        spec.icps,
        spec.personas,
        spec.interviews,
        written.files,
        written.bytes as f64 / 1e6
    );
    println!();
    println!("| figure | median | ratio | target |");
    println!("|---|---:|---:|---|");
    println!(
        "| floor: read every file (`find \\| xargs cat`) | {} | 1.00x | |",
        ms(read)
    );
    println!("| floor: `cp -r` of the workspace | {} | 1.00x | |", ms(cp));
    println!(
        "| `persona list personas` | {} | {:.2}x read | ≤ 3x (aim 1.5x) |",
        ms(median(r.list.clone())),
        ratio(&r.list, read)
    );
    println!(
        "| `persona list personas`, no cache yet | {} | {:.2}x read | ≤ 3x |",
        ms(median(r.list_cold.clone())),
        ratio(&r.list_cold, read)
    );
    println!(
        "| `persona export --all --out DIR` | {} | {:.2}x cp | ≤ 4x |",
        ms(median(r.export.clone())),
        ratio(&r.export, cp)
    );
    println!(
        "| TUI start to first frame (pty) | {} | {:.2}x read | ≤ 3x |",
        ms(median(r.tui.clone())),
        ratio(&r.tui, read)
    );
    println!(
        "| filter keystroke (update), median / max | {} / {} | | ≤ 5 ms |",
        ms(keys),
        ms(keys_max)
    );
    println!(
        "| browse frame (120x40 TestBackend) | {} | | ≤ 2 ms |",
        ms(frames)
    );
    println!("| peak memory of `list personas` | {rss} | | ≤ 100 MB (aim 64) |");
    println!(
        "| in process: read every file | {} | {:.2}x read | |",
        ms(median(r.read_rust.clone())),
        ratio(&r.read_rust, read)
    );
    println!(
        "| in process: load the workspace | {} | {:.2}x read | |",
        ms(median(r.load.clone())),
        ratio(&r.load, read)
    );
    println!(
        "| in process: render all markdown | {} | {:.2}x read | |",
        ms(median(r.render.clone())),
        ratio(&r.render, read)
    );
    println!(
        "| in process: build the app (tree; before the first frame) | {} | {:.2}x read | |",
        ms(median(r.app.clone())),
        ratio(&r.app, read)
    );
    println!(
        "| in process: build the filter's index (right after the first frame) | {} | {:.2}x read | |",
        ms(median(r.index.clone())),
        ratio(&r.index, read)
    );
    let _ = std::fs::remove_dir_all(&scratch);
}

/// A filter keystroke (update only) and a browse frame, on the loaded
/// workspace: medians over a typed query and its backspaces, and the worst
/// keystroke.
fn tui_figures(ws: &PathBuf) -> (Duration, Duration, Duration) {
    let loaded: Loaded = FsStore::new(ws).load().expect("load");
    let mut app = App::new(loaded, Setup::for_tests());
    // As the runner does once the first frame is on screen.
    app.index.get(&app.workspace);
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    let mut draw = |app: &App| {
        let t = Instant::now();
        terminal
            .draw(|f| persona::tui::app::view::draw(app, f))
            .unwrap();
        t.elapsed()
    };
    draw(&app);
    let mut keys = Vec::new();
    let mut frames = Vec::new();
    for _ in 0..3 {
        // Start each pass cold: the filter remembers recent texts, and a
        // pass that only hit that memory would flatter the figure.
        let keep = app.browse.selected_entity(&app.workspace);
        app.browse.reload(&app.workspace, &app.index, keep.as_ref());
        let typed = "/ s t o c k <space> m o n d a y <backspace> <backspace> <backspace> \
                     <backspace> <backspace> <backspace> <backspace> <backspace> <backspace> \
                     <backspace> <backspace> <backspace> p e r s o n a <space> 9 9 <esc>";
        for key in script(typed) {
            let t = Instant::now();
            let effects = app.handle_event(Event::Key(key));
            keys.push(t.elapsed());
            assert!(effects.is_empty());
            frames.push(draw(&app));
        }
        for key in script(&"j ".repeat(20)) {
            app.handle_event(Event::Key(key));
            frames.push(draw(&app));
        }
    }
    let max = *keys.iter().max().unwrap();
    (median(keys), median(frames), max)
}
