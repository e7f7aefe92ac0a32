//! Does persona scale? On generated workspaces of several sizes (make them
//! once with `gen_workspace`), times what a person waits for after the
//! first frame, each against a floor measured in the same round:
//!
//! - saves in the app (rename, delete, a highlight), from the key's effect
//!   to the next frame, against reading the one file saved;
//! - `persona show ID` against reading that file and the files it cites;
//! - `persona validate` and `persona export --all` against reading every
//!   file (`find | xargs cat`) and `cp -r` (also made durable: the export
//!   ends with its files on disk);
//! - the filter's worst keystroke, and opening an interview and moving
//!   between its highlights (each says how many cards cite it);
//! - the app opened in a fresh process: start to first frame against
//!   reading every file, its resident memory once the filter is ready, a
//!   rename, delete and undo made with cards on demand (from 2,000
//!   personas), the wizard opened on a card and saving it, and the memory
//!   after them, then what a change that needs
//!   every card waits for and the memory after it;
//! - the app opened without its index cache, as on a fresh clone: start
//!   to first frame and its memory once the filter is ready;
//!
//! with the growth exponents between each size and the next and the load average beside each
//! round. Every save is undone (only `updated` times move), so the
//! workspaces can be used again.
//!
//! ```sh
//! cargo build --release --bin persona --example scale_bench --example gen_workspace
//! target/release/examples/gen_workspace /work/tmp/ws-1k 1000 20 200
//! target/release/examples/scale_bench /work/tmp/ws-1k /work/tmp/ws-10k /work/tmp/ws-50k
//! ```
//!
//! Options: `--runs N` (default 3), `--bin PATH` (default
//! `target/release/persona`), `--skip-export` (the slowest figure).
//!
//! Each round's `cp -r` and export are kept in a scratch folder under the
//! system's temporary folder until the run ends (about 2 GB for three
//! rounds at 50,000 personas): deleting them between rounds made the next
//! files slow to create (see `measure`).

#[path = "../benches/timing/mod.rs"]
mod timing;

use persona::domain::{EntityRef, Highlight, Kind};
use persona::store::{FsStore, Store};
use persona::tui::app::{App, Setup};
use persona::tui::effect::Effect;
use persona::tui::event::Event;
use persona::tui::keys::script;
use persona::tui::perform::{Perform, Performer};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};
use timing::{load_average, median, ms, run};

fn read_files(root: &Path, files: &[String]) -> Duration {
    let start = Instant::now();
    for f in files {
        std::hint::black_box(std::fs::read(root.join(f)).expect("read"));
    }
    start.elapsed()
}

/// A line of this process's `/proc/self/status` in MB (`VmRSS`: resident
/// now, `VmHWM`: the most it was resident).
fn status_mb(key: &str) -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix(key))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .map_or(0.0, |kb| kb / 1024.0)
}

/// The app opened in a process of its own, as a person opens it: the time
/// from the process's start to its first frame, its resident memory once
/// the filter's index is built (and the most it held on the way), then the
/// wait for every card that the first change brings when cards come on
/// demand, and the memory after it. A fresh process, so nothing freed by an
/// earlier load hides in the figure.
fn fresh_app(ws: &Path) -> FreshApp {
    let n = child("--fresh-app", ws, 11);
    let lean = (n[5] >= 0.0).then(|| [n[5], n[6], n[7], n[9], n[10]].map(Duration::from_secs_f64));
    FreshApp {
        first_frame: Duration::from_secs_f64(n[0]),
        rss: n[1],
        peak: n[2],
        read_all: Duration::from_secs_f64(n[3]),
        rss_all: n[4],
        lean,
        rss_lean: n[8],
    }
}

/// What [`fresh_app`] measured.
struct FreshApp {
    first_frame: Duration,
    /// Resident MB once the filter's text is in (the cards on screen held).
    rss: f64,
    peak: f64,
    /// The first change's wait when cards come on demand: every card read.
    read_all: Duration,
    /// Resident MB with every card held (after that change).
    rss_all: f64,
    /// With cards on demand: rename, delete and undo of one persona made
    /// without reading every card, each to the next frame; then `e` on
    /// it to the wizard's first frame, and the wizard's save to the next
    /// frame.
    lean: Option<[Duration; 5]>,
    /// Resident MB after those changes and the wizard.
    rss_lean: f64,
}

/// The changes cards on demand make without reading every card, on a
/// persona in the middle, each undone: rename (and back), delete, undo;
/// each from the effect to the next frame. Then the wizard on that
/// persona: `e` on its card to the wizard's first frame (the card and
/// every interview's quotes read), and its save of the card as it was
/// (only `updated` moves) to the next frame. `None` below 2,000 personas.
fn lean_changes(
    app: &mut App,
    performer: &mut Performer<FsStore>,
    terminal: &mut Terminal<TestBackend>,
) -> Option<[Duration; 5]> {
    app.on_demand.as_ref()?;
    // The persona after the one the other figures rename: the bench's own
    // window holds that one as it read it, and would find it changed.
    let target = app.workspace.personas[app.workspace.personas.len() / 2 + 1].clone();
    let entity = EntityRef::new(Kind::Persona, &target.id);
    // Selected and shown, as a person would have it before pressing `r`.
    app.browse.reload(&app.workspace, &app.index, Some(&entity));
    app.fetch_shown();
    let opened = app.handle_event(Event::Key(script("r")[0]));
    assert!(
        opened.is_empty() && app.modal.is_some(),
        "r reads no other card"
    );
    app.handle_event(Event::Key(script("<esc>")[0]));
    let mut step = |app: &mut App, effect: Effect| {
        let start = Instant::now();
        let effects = app.as_read(vec![effect]);
        to_next_frame(app, performer, terminal, effects);
        start.elapsed()
    };
    let rename = step(
        app,
        Effect::Rename {
            entity: entity.clone(),
            name: "Renamed on demand for the bench".into(),
            new_id: "renamed-on-demand-for-the-bench".into(),
        },
    );
    app.fetch_shown();
    step(
        app,
        Effect::Rename {
            entity: EntityRef::new(Kind::Persona, "renamed-on-demand-for-the-bench"),
            name: target.name.clone(),
            new_id: target.id.clone(),
        },
    );
    let delete = step(app, Effect::Delete(entity.clone()));
    let trashed = app.undo.clone().expect("undo");
    let undo = step(app, Effect::Restore(trashed));
    assert!(app.on_demand.is_some(), "still on demand");

    app.browse.reload(&app.workspace, &app.index, Some(&entity));
    app.fetch_shown();
    let press = |app: &mut App, keys: &str| -> Vec<Effect> {
        let keys = script(keys);
        keys.into_iter()
            .flat_map(|key| app.handle_event(Event::Key(key)))
            .collect()
    };
    press(app, "<enter>");
    let began = Instant::now();
    // From 1,000 interviews their quotes are read on a thread, as the
    // runner runs it, and `e` goes ahead once they are in.
    for effect in press(app, "e") {
        assert!(matches!(effect, Effect::ReadQuotes), "{effect:?}");
        let Ok(job) = performer.detach(effect, &app.workspace) else {
            panic!("the quotes are read on a thread");
        };
        let mut jobs = persona::tui::jobs::Jobs::new();
        jobs.start(job, app);
        jobs.finish(app, performer);
        let key = app.take_replay().expect("e goes ahead");
        let none = app.handle_event(Event::Key(key));
        assert!(none.is_empty(), "{none:?}");
    }
    terminal
        .draw(|f| persona::tui::app::view::draw(app, f))
        .unwrap();
    let wizard = began.elapsed();
    assert!(
        matches!(app.screen, persona::tui::app::Screen::Wizard(_)),
        "e opens the wizard reading no other card"
    );
    press(app, "<ctrl-s>");
    let save = press(app, "<ctrl-s>");
    assert!(
        matches!(save.as_slice(), [Effect::AsRead { .. }]),
        "the wizard saves over the file as read: {save:?}"
    );
    let began = Instant::now();
    to_next_frame(app, performer, terminal, save);
    let saved = began.elapsed();
    assert!(app.on_demand.is_some(), "still on demand");
    Some([rename, delete, undo, wizard, saved])
}

/// Performs `effects` as the runner does and draws the next frame; the
/// message they leave must not be an error.
fn to_next_frame(
    app: &mut App,
    performer: &mut Performer<FsStore>,
    terminal: &mut Terminal<TestBackend>,
    effects: Vec<Effect>,
) {
    for effect in effects {
        let msg = performer.perform(effect, &app.workspace);
        app.handle_msg(msg);
    }
    terminal
        .draw(|f| persona::tui::app::view::draw(app, f))
        .unwrap();
    if let Some(t) = &app.toast {
        assert!(!t.error, "{}", t.text);
    }
}

/// The app as [`open_app`] left it.
struct OpenApp {
    app: App,
    performer: Performer<FsStore>,
    terminal: Terminal<TestBackend>,
    jobs: persona::tui::jobs::Jobs<Performer<FsStore>>,
    /// From the call to the first frame drawn.
    first_frame: Duration,
}

/// Opens the app on `ws` as `persona` does (the tree from the index cache,
/// or from every file without one) and draws its first frame, then waits
/// for what it reads on a thread after that frame: the filter's text and,
/// in a small workspace, the cards.
fn open_app(ws: &Path) -> OpenApp {
    let start = Instant::now();
    let opened = persona::tui::startup::open(ws, Setup::for_tests(), &persona::tui::Start::Browse)
        .expect("open");
    let (mut app, mut performer) = (opened.app, opened.performer);
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    terminal
        .draw(|f| persona::tui::app::view::draw(&app, f))
        .unwrap();
    let first_frame = start.elapsed();
    let mut jobs = persona::tui::jobs::Jobs::new();
    if let Some(load) = opened.load {
        jobs.start(load, &mut app);
        jobs.finish(&mut app, &mut performer);
    }
    OpenApp {
        app,
        performer,
        terminal,
        jobs,
        first_frame,
    }
}

/// The child's side of [`fresh_app`]: prints seconds to the first frame,
/// resident MB and peak MB once the filter is ready, then seconds to read
/// every card (what the first change waits for in a large workspace) and
/// resident MB after it.
fn fresh_app_child(ws: &Path) {
    let OpenApp {
        mut app,
        mut performer,
        mut terminal,
        mut jobs,
        first_frame,
    } = open_app(ws);
    // What the app holds while a person browses, filters and reads cards.
    app.index.get(&app.workspace);
    let (rss, peak) = (status_mb("VmRSS:"), status_mb("VmHWM:"));
    let lean = lean_changes(&mut app, &mut performer, &mut terminal);
    let _ = std::fs::remove_dir_all(ws.join(".trash"));
    let rss_lean = status_mb("VmRSS:");
    // A change that needs every card: with cards on demand, they are read
    // first.
    let began = Instant::now();
    if app.on_demand.is_some() {
        let job = match performer.detach(Effect::ReadAll, &app.workspace) {
            Ok(job) => job,
            Err(_) => panic!("reading every card runs on a thread"),
        };
        jobs.start(job, &mut app);
        jobs.finish(&mut app, &mut performer);
        app.index.get(&app.workspace);
        terminal
            .draw(|f| persona::tui::app::view::draw(&app, f))
            .unwrap();
    }
    let read_all = began.elapsed();
    let lean = lean.map_or([-1.0; 5], |l| l.map(|d| d.as_secs_f64()));
    println!(
        "{} {rss} {peak} {} {} {} {} {} {rss_lean} {} {}",
        first_frame.as_secs_f64(),
        read_all.as_secs_f64(),
        status_mb("VmRSS:"),
        lean[0],
        lean[1],
        lean[2],
        lean[3],
        lean[4],
    );
    drop((app, performer));
}

/// The app opened without its index cache, as on a fresh clone, in a
/// process of its own: prints seconds to the first frame, then resident
/// and peak MB once the filter's text is in. Its start writes the cache
/// again (the files have long settled), so the next warm start finds it.
fn cold_app(ws: &Path) -> (Duration, f64, f64) {
    let n = child("--cold-app", ws, 3);
    (Duration::from_secs_f64(n[0]), n[1], n[2])
}

/// Runs this bench again as `bench FLAG WS` and reads the `count`
/// numbers the child prints.
fn child(flag: &str, ws: &Path, count: usize) -> Vec<f64> {
    let me = std::env::current_exe().expect("the bench's own path");
    let out = Command::new(me)
        .arg(flag)
        .arg(ws)
        .stderr(Stdio::inherit())
        .output()
        .expect("spawn the bench");
    let text = String::from_utf8_lossy(&out.stdout);
    let n: Vec<f64> = text
        .split_whitespace()
        .map(|w| w.parse().expect("a number"))
        .collect();
    assert_eq!(n.len(), count, "{flag} printed {text:?}");
    n
}

/// The child's side of [`cold_app`].
fn cold_app_child(ws: &Path) {
    std::fs::remove_file(ws.join(persona::store::index::PATH)).expect("the index cache");
    let OpenApp {
        app, first_frame, ..
    } = open_app(ws);
    app.index.get(&app.workspace);
    println!(
        "{} {} {}",
        first_frame.as_secs_f64(),
        status_mb("VmRSS:"),
        status_mb("VmHWM:")
    );
}

/// One figure's samples, out of a size's figures.
type Pick = dyn Fn(&Figures) -> Vec<Duration>;

#[derive(Default)]
struct Figures {
    personas: usize,
    files: usize,
    read_all: Vec<Duration>,
    cp: Vec<Duration>,
    cp_sync: Vec<Duration>,
    validate: Vec<Duration>,
    export: Vec<Duration>,
    show: Vec<Duration>,
    show_floor: Vec<Duration>,
    show_floor_cat: Vec<Duration>,
    save_floor: Vec<Duration>,
    first_frame: Vec<Duration>,
    cold_first_frame: Vec<Duration>,
    cold_rss: Vec<f64>,
    cold_peak: Vec<f64>,
    rename: Vec<Duration>,
    delete: Vec<Duration>,
    undo: Vec<Duration>,
    highlight: Vec<Duration>,
    keystroke_worst: Vec<Duration>,
    interview_first: Vec<Duration>,
    interview_open: Vec<Duration>,
    interview_move: Vec<Duration>,
    rss: Vec<f64>,
    rss_peak: Vec<f64>,
    read_all_cards: Vec<Duration>,
    rss_all: Vec<f64>,
    lean_rename: Vec<Duration>,
    lean_delete: Vec<Duration>,
    lean_undo: Vec<Duration>,
    lean_wizard: Vec<Duration>,
    lean_wizard_save: Vec<Duration>,
    rss_lean: Vec<f64>,
    loads: Vec<String>,
}

struct Window {
    app: App,
    performer: Performer<FsStore>,
    terminal: Terminal<TestBackend>,
}

impl Window {
    /// Performs an effect as the runner does, then draws the next frame:
    /// the time until the person sees the result.
    fn perform(&mut self, effect: Effect) -> Duration {
        let start = Instant::now();
        to_next_frame(
            &mut self.app,
            &mut self.performer,
            &mut self.terminal,
            vec![effect],
        );
        let took = start.elapsed();
        self.app.toast = None;
        took
    }
}

fn measure(ws: &Path, bin: &Path, runs: usize, skip_export: bool, scratch: &Path) -> Figures {
    let mut f = Figures::default();
    let all_files: Vec<String> = walk(ws);
    f.files = all_files.len();
    let ws_s = ws.display().to_string();
    let loaded = FsStore::new(ws).load().expect("load");
    assert!(loaded.problems.is_empty(), "{}", loaded.problems[0]);
    f.personas = loaded.workspace.personas.len();
    // A persona in the middle, and what it cites.
    let target = loaded.workspace.personas[f.personas / 2].clone();
    let mut cited: Vec<String> = target
        .fields
        .values()
        .flatten()
        .flat_map(|i| {
            i.cites
                .iter()
                .map(|c| format!("interviews/{}.toml", c.interview))
        })
        .collect();
    cited.sort();
    cited.dedup();
    let mut show_files = vec![
        format!("icps/{}/personas/{}.toml", target.icp, target.id),
        format!("icps/{}/icp.toml", target.icp),
    ];
    show_files.extend(cited);
    drop(loaded);
    // The index cache the app starts from (`persona list` leaves it too).
    FsStore::new(ws).list().expect("list");

    // The app, as a person has it open.
    let mut performer = Performer::on_disk(ws);
    let loaded = performer.store.load().expect("load");
    let app = App::new(loaded, Setup::for_tests());
    app.index.get(&app.workspace);
    let mut w = Window {
        app,
        performer,
        terminal: Terminal::new(TestBackend::new(120, 40)).unwrap(),
    };
    let interview = w.app.workspace.interviews[0].clone();

    for round in 0..runs {
        f.loads.push(load_average());
        f.read_all
            .push(run(Command::new("sh").arg("-c").arg(format!(
                "find '{ws_s}' -type f -print0 | xargs -0 cat > /dev/null"
            ))));
        f.show_floor.push(read_files(ws, &show_files));
        f.show_floor_cat
            .push(run(Command::new("cat").current_dir(ws).args(&show_files)));
        let fresh = fresh_app(ws);
        f.first_frame.push(fresh.first_frame);
        f.rss.push(fresh.rss);
        f.rss_peak.push(fresh.peak);
        f.read_all_cards.push(fresh.read_all);
        let (cold_frame, cold_rss, cold_peak) = cold_app(ws);
        f.cold_first_frame.push(cold_frame);
        f.cold_rss.push(cold_rss);
        f.cold_peak.push(cold_peak);
        // Its start wrote the index cache again (18 MB at 50,000
        // personas): on disk before the saves below, which would otherwise
        // wait behind it for theirs.
        run(&mut Command::new("sync"));
        f.rss_all.push(fresh.rss_all);
        if let Some([rename, delete, undo, wizard, saved]) = fresh.lean {
            f.lean_rename.push(rename);
            f.lean_delete.push(delete);
            f.lean_undo.push(undo);
            f.lean_wizard.push(wizard);
            f.lean_wizard_save.push(saved);
            f.rss_lean.push(fresh.rss_lean);
        }
        f.save_floor.push(read_files(ws, &show_files[..1]));
        // Once untimed first: the round's exports and copies push the
        // program's own pages out of the page cache, while `cat`, the
        // floor, stays in it; a person showing cards one after another
        // has it in memory.
        let show = || {
            let mut command = Command::new(bin);
            command
                .arg("--workspace")
                .arg(ws)
                .args(["show", &target.id]);
            command
        };
        run(&mut show());
        f.show.push(run(&mut show()));
        f.validate.push(run(Command::new(bin)
            .arg("--workspace")
            .arg(ws)
            .arg("validate")));
        if !skip_export {
            // Both write into fresh folders, and nothing is deleted until
            // the whole run is over: ext4 without a journal (as here) scans
            // past every inode freed in the last minutes when it makes a
            // file, so deleting a 60,000-file copy just before slowed
            // whichever came next by up to ten times. They take turns
            // going first.
            let name = ws
                .file_name()
                .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
            let copy = scratch.join(format!("{name}-copy-{round}"));
            let out = scratch.join(format!("{name}-export-{round}"));
            let mut cp = Command::new("cp");
            cp.arg("-r").arg(ws).arg(&copy);
            let mut export = Command::new(bin);
            export
                .arg("--workspace")
                .arg(ws)
                .args(["export", "--all", "--out"])
                .arg(&out);
            if round % 2 == 0 {
                f.cp.push(run(&mut cp));
                f.export.push(run(&mut export));
            } else {
                f.export.push(run(&mut export));
                f.cp.push(run(&mut cp));
            }
            // The export's files are on disk when it ends; a copy's are
            // not until the system writes them: the same copy, made
            // durable, for comparison (`sync` first, so it flushes only
            // this copy).
            let durable = scratch.join(format!("{name}-durable-{round}"));
            run(&mut Command::new("sync"));
            f.cp_sync.push(run(Command::new("sh").arg("-c").arg(format!(
                "cp -r '{}' '{}' && sync",
                ws.display(),
                durable.display()
            ))));
        }

        // Saves in the app, each undone.
        let entity = EntityRef::new(Kind::Persona, &target.id);
        f.rename.push(w.perform(Effect::Rename {
            entity: entity.clone(),
            name: "Renamed for the bench".into(),
            new_id: "renamed-for-the-bench".into(),
        }));
        w.perform(Effect::Rename {
            entity: EntityRef::new(Kind::Persona, "renamed-for-the-bench"),
            name: target.name.clone(),
            new_id: target.id.clone(),
        });
        f.delete.push(w.perform(Effect::Delete(entity.clone())));
        let trashed = w.app.undo.clone().expect("undo");
        f.undo.push(w.perform(Effect::Restore(trashed.clone())));
        let _ = std::fs::remove_dir_all(ws.join(".trash"));
        let mut marked = interview.clone();
        marked.highlights.push(Highlight {
            id: "hbench".into(),
            text: "A highlight made by the bench".into(),
            tags: vec!["pain-point".into()],
            extra: Default::default(),
        });
        f.highlight.push(w.perform(Effect::SaveInterview(marked)));
        let current = w.app.workspace.interview(&interview.id).unwrap().clone();
        let mut back = current;
        back.highlights.retain(|h| h.id != "hbench");
        w.perform(Effect::SaveInterview(back));

        // The filter's worst keystroke.
        let keep = w.app.browse.selected_entity(&w.app.workspace);
        w.app
            .browse
            .reload(&w.app.workspace, &w.app.index, keep.as_ref());
        let mut worst = Duration::ZERO;
        for key in script(
            "/ s t o c k <space> m o n <backspace> <backspace> <backspace> <backspace> x <esc>",
        ) {
            let t = Instant::now();
            w.app.handle_event(Event::Key(key));
            worst = worst.max(t.elapsed());
        }
        f.keystroke_worst.push(worst);

        // The first round's opening gathers who cites each highlight; the
        // later ones come after the round's saves, which the app's table
        // followed card by card.
        let (open, moves) = interview_screen(&mut w);
        if round == 0 {
            f.interview_first.push(open);
        } else {
            f.interview_open.push(open);
        }
        f.interview_move.push(moves);
    }
    f
}

/// Opens the newest interview from browse (`i`, `Enter`), to its first
/// frame, then moves down its highlights: the time to that first frame
/// and the worst move to the next. Every highlight on screen says how
/// many cards cite it, and the selected one which. Back to browse after.
fn interview_screen(w: &mut Window) -> (Duration, Duration) {
    let keys = |w: &mut Window, keys: &str| {
        let effects: Vec<Effect> = script(keys)
            .into_iter()
            .flat_map(|key| w.app.handle_event(Event::Key(key)))
            .collect();
        to_next_frame(&mut w.app, &mut w.performer, &mut w.terminal, effects);
    };
    let began = Instant::now();
    keys(w, "i <enter>");
    let open = began.elapsed();
    keys(w, "<tab>");
    let mut worst = Duration::ZERO;
    for _ in 0..5 {
        let t = Instant::now();
        keys(w, "<down>");
        worst = worst.max(t.elapsed());
    }
    keys(w, "<esc> <esc>");
    (open, worst)
}

/// Growth exponents between each size and the next (`0.93 / 1.02`): the
/// power of the personas' ratio that the figure's ratio is.
fn exponents(all: &[Figures], value: impl Fn(&Figures) -> Option<f64>) -> String {
    all.windows(2)
        .map(|pair| match (value(&pair[0]), value(&pair[1])) {
            (Some(a), Some(b)) if a > 0.0 && b > 0.0 => format!(
                "{:.2}",
                (b / a).ln() / (pair[1].personas as f64 / pair[0].personas as f64).ln()
            ),
            _ => "n/a".into(),
        })
        .collect::<Vec<_>>()
        .join(" / ")
}

fn walk(root: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![PathBuf::new()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(root.join(&dir)).unwrap().flatten() {
            let rel = dir.join(entry.file_name());
            if entry.file_type().unwrap().is_dir() {
                stack.push(rel);
            } else {
                out.push(rel.display().to_string());
            }
        }
    }
    out
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut dirs = Vec::new();
    let mut runs = 3;
    let mut bin = PathBuf::from("target/release/persona");
    let mut skip_export = false;
    let mut i = 0;
    while i < args.len() {
        match args[i].as_str() {
            "--runs" => {
                runs = args[i + 1].parse().expect("--runs N");
                i += 1;
            }
            "--bin" => {
                bin = PathBuf::from(&args[i + 1]);
                i += 1;
            }
            "--skip-export" => skip_export = true,
            "--bench" => {}
            "--fresh-app" => {
                fresh_app_child(Path::new(&args[i + 1]));
                return;
            }
            "--cold-app" => {
                cold_app_child(Path::new(&args[i + 1]));
                return;
            }
            dir => dirs.push(PathBuf::from(dir)),
        }
        i += 1;
    }
    if dirs.is_empty() {
        eprintln!("usage: scale_bench DIR... [--runs N] [--bin PATH] [--skip-export]");
        std::process::exit(2);
    }
    // Said before anything is measured, not as a panic halfway through.
    if let Some(dir) = dirs.iter().find(|d| !d.join("workspace.toml").is_file()) {
        eprintln!(
            "{} is not a workspace (no workspace.toml): make one with `cargo run --release --example gen_workspace -- DIR 10000`.",
            dir.display()
        );
        std::process::exit(2);
    }
    if !bin.is_file() {
        eprintln!(
            "{} not found: build it with `cargo build --release --bin persona`, or name it with --bin PATH.",
            bin.display()
        );
        std::process::exit(2);
    }
    let scratch = std::env::temp_dir().join(format!("persona-scale-{}", std::process::id()));
    std::fs::create_dir_all(&scratch).unwrap();
    let mut all = Vec::new();
    for dir in &dirs {
        eprintln!("{}: measuring ({})", dir.display(), load_average());
        all.push(measure(dir, &bin, runs, skip_export, &scratch));
    }
    let _ = std::fs::remove_dir_all(&scratch);

    println!("medians of {runs} rounds; load average (1, 5, 15 min) at each round's start");
    println!();
    let header: Vec<String> = all
        .iter()
        .map(|f| format!("{} personas ({} files)", f.personas, f.files))
        .collect();
    println!("| figure | {} | exponents | target |", header.join(" | "));
    println!("|---|{}---:|---|", "---:|".repeat(all.len()));
    let row = |name: &str, pick: &Pick, floor: Option<&Pick>, target: &str| {
        let cells: Vec<String> = all
            .iter()
            .map(|f| {
                let v = pick(f);
                if v.is_empty() {
                    return "n/a".into();
                }
                let m = median(v);
                match floor {
                    Some(fl) => format!(
                        "{} ({:.2}x)",
                        ms(m),
                        m.as_secs_f64() / median(fl(f)).as_secs_f64()
                    ),
                    None => ms(m),
                }
            })
            .collect();
        let exponent = exponents(&all, |f| {
            let v = pick(f);
            (!v.is_empty()).then(|| median(v).as_secs_f64())
        });
        println!("| {name} | {} | {exponent} | {target} |", cells.join(" | "));
    };
    row(
        "floor: read every file (`find \\| xargs cat`)",
        &|f| f.read_all.clone(),
        None,
        "",
    );
    row("floor: `cp -r`", &|f| f.cp.clone(), None, "");
    row(
        "floor: `cp -r` made durable (then `sync`)",
        &|f| f.cp_sync.clone(),
        None,
        "",
    );
    row(
        "floor: read one persona file",
        &|f| f.save_floor.clone(),
        None,
        "",
    );
    row(
        "floor: read one persona, its ICP and cited interviews",
        &|f| f.show_floor.clone(),
        None,
        "",
    );
    row(
        "floor: the same files read by a process (`cat`)",
        &|f| f.show_floor_cat.clone(),
        None,
        "",
    );
    row(
        "app: start to first frame (x: read floor)",
        &|f| f.first_frame.clone(),
        Some(&|f: &Figures| f.read_all.clone()),
        "≤ 1x",
    );
    row(
        "app without its index cache (a fresh clone): start to first frame (x: read floor)",
        &|f| f.cold_first_frame.clone(),
        Some(&|f: &Figures| f.read_all.clone()),
        "",
    );
    row(
        "app: first change, every card read first (x: read floor; 0 below 2,000 personas)",
        &|f| f.read_all_cards.clone(),
        Some(&|f: &Figures| f.read_all.clone()),
        "",
    );
    row(
        "app, cards on demand: rename a persona, no other card read",
        &|f| f.lean_rename.clone(),
        None,
        "≤ 50 ms at 10k, ≤ 100 ms at 50k",
    );
    row(
        "app, cards on demand: delete a persona",
        &|f| f.lean_delete.clone(),
        None,
        "same",
    );
    row(
        "app, cards on demand: undo the delete",
        &|f| f.lean_undo.clone(),
        None,
        "same",
    );
    row(
        "app, cards on demand: `e` on a persona to the wizard's first frame (the card and every interview's quotes read)",
        &|f| f.lean_wizard.clone(),
        None,
        "",
    );
    row(
        "app, cards on demand: the wizard saves the persona",
        &|f| f.lean_wizard_save.clone(),
        None,
        "≤ 50 ms at 10k, ≤ 100 ms at 50k",
    );
    row(
        "app: rename a persona, to the next frame",
        &|f| f.rename.clone(),
        None,
        "≤ 50 ms at 10k, ≤ 100 ms at 50k",
    );
    row("app: delete a persona", &|f| f.delete.clone(), None, "same");
    row("app: undo the delete", &|f| f.undo.clone(), None, "same");
    row(
        "app: save a highlight",
        &|f| f.highlight.clone(),
        None,
        "same",
    );
    row(
        "app: filter, worst keystroke",
        &|f| f.keystroke_worst.clone(),
        None,
        "≤ 5 ms at 10k, ≤ 10 ms at 50k",
    );
    row(
        "app: open an interview the first time (who cites each highlight gathered), to its first frame (round 1 only)",
        &|f| f.interview_first.clone(),
        None,
        "",
    );
    row(
        "app: open an interview after the round's saves to cards, to its first frame (rounds 2 on)",
        &|f| f.interview_open.clone(),
        None,
        "",
    );
    row(
        "app: move between an interview's highlights, worst key",
        &|f| f.interview_move.clone(),
        None,
        "",
    );
    row(
        "`persona show ID` (x: `cat` of its files)",
        &|f| f.show.clone(),
        Some(&|f: &Figures| f.show_floor_cat.clone()),
        "≤ 5x",
    );
    row(
        "`persona validate` (x: read floor)",
        &|f| f.validate.clone(),
        Some(&|f: &Figures| f.read_all.clone()),
        "exponent ≤ 1.1",
    );
    row(
        "`persona export --all` (x: `cp -r`)",
        &|f| f.export.clone(),
        Some(&|f: &Figures| f.cp.clone()),
        "≤ 2x cp, exponent ≤ 1.1",
    );
    row(
        "`persona export --all` (x: `cp -r` made durable)",
        &|f| f.export.clone(),
        Some(&|f: &Figures| f.cp_sync.clone()),
        "",
    );
    let mb = |v: &[f64]| {
        let mut v = v.to_vec();
        v.sort_by(f64::total_cmp);
        v.get(v.len() / 2).copied()
    };
    let mem: Vec<String> = all
        .iter()
        .map(|f| match (mb(&f.rss), mb(&f.rss_peak)) {
            (Some(now), Some(peak)) => format!("{now:.0} MB (peak {peak:.0})"),
            _ => "n/a".into(),
        })
        .collect();
    println!(
        "| app: resident memory, filter ready (cards on demand from 2,000 personas) | {} | {} | ≤ 64 MB at 10k, ≤ 200 MB at 50k |",
        mem.join(" | "),
        exponents(&all, |f| mb(&f.rss))
    );
    let mem_row = |name: &str, pick: &dyn Fn(&Figures) -> &[f64], target: &str| {
        let cells: Vec<String> = all
            .iter()
            .map(|f| mb(pick(f)).map_or("n/a".into(), |m| format!("{m:.0} MB")))
            .collect();
        let exponent = exponents(&all, |f| mb(pick(f)));
        println!("| {name} | {} | {exponent} | {target} |", cells.join(" | "));
    };
    mem_row(
        "app without its index cache (a fresh clone): resident memory, filter ready",
        &|f| &f.cold_rss,
        "≤ 64 MB at 10k, ≤ 200 MB at 50k",
    );
    mem_row(
        "app without its index cache: the most it held on the way",
        &|f| &f.cold_peak,
        "",
    );
    mem_row(
        "app: resident memory after those changes and the wizard on demand",
        &|f| &f.rss_lean,
        "≤ 64 MB at 10k, ≤ 200 MB at 50k",
    );
    mem_row(
        "app: resident memory after a change that read every card (every card held)",
        &|f| &f.rss_all,
        "",
    );
    println!();
    for f in &all {
        println!(
            "{} personas: load averages {}",
            f.personas,
            f.loads.join("; ")
        );
    }
}
