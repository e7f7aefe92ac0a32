//! Where the app's memory goes after loading a workspace: resident memory
//! (what the scale bench reports) beside the bytes the program really holds
//! (counted by a wrapping global allocator), after each step the app takes
//! to open (load, `App::new`, the filter's index), and what the loaded
//! workspace's parts hold.
//!
//! ```sh
//! cargo build --release --example app_memory
//! target/release/examples/app_memory /work/tmp/ws-50k
//! ```
//!
//! With `--open`, the app is opened as `persona` opens it instead (the
//! tree from the index cache, then the job that reads the filter's text of
//! every card, or every card in a small workspace): the time to the first
//! frame and the job's time, resident memory after it and the most the
//! process held on the way (`VmHWM`), and the live heap after it.

use persona::domain::{Fields, Workspace};
use persona::store::{FsStore, Store};
use persona::tui::app::{App, Setup};
use persona::tui::search::Query;

#[path = "../benches/timing/mod.rs"]
mod timing;

use timing::counting::{Counting, live};

#[global_allocator]
static ALLOC: Counting = Counting;

fn rss_mb() -> f64 {
    status_mb("VmRSS:")
}

/// A figure of `/proc/self/status` in kB, as MB.
fn status_mb(key: &str) -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix(key))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .map_or(0.0, |kb| kb / 1024.0)
}

/// CPU time this process has used (user and system), in ms.
fn cpu_ms() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let after = stat.rsplit(')').next().unwrap_or_default();
    let fields: Vec<&str> = after.split_whitespace().collect();
    let ticks = |i: usize| {
        fields
            .get(i)
            .and_then(|v| v.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    // utime and stime are fields 14 and 15 of the line, in 1/100 s.
    (ticks(11) + ticks(12)) * 10.0
}

fn live_mb() -> f64 {
    live() as f64 / (1024.0 * 1024.0)
}

fn mb(bytes: usize) -> f64 {
    bytes as f64 / (1024.0 * 1024.0)
}

/// A rough account of the heap behind field values: item structs, text,
/// citations.
#[derive(Default)]
struct Tally {
    items: usize,
    item_bytes: usize,
    text: usize,
    cites: usize,
    cite_bytes: usize,
}

impl Tally {
    fn fields(&mut self, fields: &Fields) {
        for (key, items) in fields {
            self.text += key.capacity();
            self.item_bytes += items.capacity() * size_of::<persona::domain::Item>();
            for item in items {
                self.items += 1;
                if let persona::domain::Value::Text(t) = &item.value {
                    self.text += t.capacity();
                }
                self.cites += item.cites.len();
                self.cite_bytes += item.cites.capacity() * size_of::<persona::domain::Citation>();
                for c in &item.cites {
                    // Ids longer than the inline room have their own box.
                    for id in [&c.interview, &c.highlight] {
                        if id.len() > persona::domain::compact_id::INLINE {
                            self.cite_bytes += id.len();
                        }
                    }
                }
            }
        }
    }
}

fn account(ws: &Workspace) {
    let mut personas = Tally::default();
    for p in &ws.personas {
        personas.fields(&p.fields);
    }
    let mut icps = Tally::default();
    for i in &ws.icps {
        icps.fields(&i.fields);
    }
    let interview_text: usize = ws
        .interviews
        .iter()
        .map(|i| {
            i.notes.capacity()
                + i.highlights
                    .iter()
                    .map(|h| h.text.capacity() + h.id.capacity())
                    .sum::<usize>()
        })
        .sum();
    println!(
        "  personas: {} structs of {} B = {:.1} MB; {} items ({:.1} MB of Item structs), text {:.1} MB, {} cites {:.1} MB",
        ws.personas.len(),
        size_of::<persona::domain::Persona>(),
        mb(ws.personas.capacity() * size_of::<persona::domain::Persona>()),
        personas.items,
        mb(personas.item_bytes),
        mb(personas.text),
        personas.cites,
        mb(personas.cite_bytes),
    );
    println!(
        "  icps: {}; {} items, text {:.1} MB, {} cites {:.1} MB",
        ws.icps.len(),
        icps.items,
        mb(icps.text),
        icps.cites,
        mb(icps.cite_bytes)
    );
    println!(
        "  interviews: {}; notes and highlights {:.1} MB",
        ws.interviews.len(),
        mb(interview_text)
    );
}

fn main() {
    let ws = std::env::args()
        .nth(1)
        .expect("usage: app_memory WORKSPACE [--keys | --open]");
    if std::env::args().any(|a| a == "--open") {
        open(std::path::Path::new(&ws));
        return;
    }
    let rss0 = rss_mb();
    let live0 = live_mb();
    let step = |what: &str| {
        println!(
            "{what:<28} RSS +{:>6.1} MB   live heap +{:>6.1} MB",
            rss_mb() - rss0,
            live_mb() - live0
        );
    };
    let mut store = FsStore::new(&ws);
    let loaded = store.load().expect("load");
    step("after Store::load");
    account(&loaded.workspace);
    let app = App::new(loaded, Setup::for_tests());
    step("after App::new");
    let before_index = live_mb();
    app.index.get(&app.workspace);
    step("after the filter's index");
    println!("  the filter's index: {:.1} MB", live_mb() - before_index);
    drop(store);
    step("(store dropped)");
    if std::env::args().any(|a| a == "--keys") {
        keystrokes(app);
    }
}

/// The app opened as `persona` opens it, its background job waited for.
fn open(ws: &std::path::Path) {
    let began = std::time::Instant::now();
    let opened = persona::tui::startup::open(ws, Setup::for_tests(), &persona::tui::Start::Browse)
        .expect("open");
    let (mut app, mut performer) = (opened.app, opened.performer);
    let first_frame = began.elapsed();
    let (rss0, live0, peak0) = (rss_mb(), live_mb(), status_mb("VmHWM:"));
    let job_began = std::time::Instant::now();
    let mut jobs = persona::tui::jobs::Jobs::new();
    if let Some(load) = opened.load {
        jobs.start(load, &mut app);
        jobs.finish(&mut app, &mut performer);
    }
    let job = job_began.elapsed();
    app.index.get(&app.workspace);
    println!(
        "{} personas: opened in {:.0} ms ({rss0:.1} MB resident, live heap {live0:.1} MB, peak {peak0:.1} MB); \
         the job took {:.0} ms; then {:.1} MB resident (live heap {:.1} MB), peak {:.1} MB",
        app.workspace.personas.len(),
        first_frame.as_secs_f64() * 1000.0,
        job.as_secs_f64() * 1000.0,
        rss_mb(),
        live_mb(),
        status_mb("VmHWM:"),
    );
}

/// Each keystroke of the scale bench's filter script, timed (three times).
fn keystrokes(mut app: App) {
    use persona::tui::event::Event;
    use persona::tui::keys::script;
    let keep = app.browse.selected_entity(&app.workspace);
    let rounds: usize = std::env::var("ROUNDS").map_or(3, |r| r.parse().unwrap_or(3));
    let keys =
        script("/ s t o c k <space> m o n <backspace> <backspace> <backspace> <backspace> x <esc>");
    // The quickest of the rounds for each key: what the machine's load
    // adds is left out as far as it can be.
    let mut best = vec![f64::MAX; keys.len()];
    let cpu = cpu_ms();
    for _ in 0..rounds {
        app.browse.reload(&app.workspace, &app.index, keep.as_ref());
        let mut line = Vec::new();
        for (n, key) in keys.iter().enumerate() {
            let t = std::time::Instant::now();
            app.handle_event(Event::Key(*key));
            let ms = t.elapsed().as_secs_f64() * 1000.0;
            best[n] = best[n].min(ms);
            line.push(format!("{ms:.1}"));
        }
        println!("keystrokes (ms): {}", line.join(" "));
    }
    let worst = best.iter().copied().fold(0.0, f64::max);
    println!(
        "best of {rounds} rounds per key (ms): {}; the worst of those {worst:.1} ms; CPU per round {:.1} ms",
        best.iter()
            .map(|ms| format!("{ms:.1}"))
            .collect::<Vec<_>>()
            .join(" "),
        (cpu_ms() - cpu) / rounds.max(1) as f64
    );
    // The matcher alone, each text from scratch and narrowed from the one before.
    let index = app.index.get(&app.workspace);
    let mut previous: Option<(Query, persona::tui::search::Hits)> = None;
    let mut line = Vec::new();
    for text in timing::TYPED {
        let q = Query::new(text);
        let t = std::time::Instant::now();
        let fresh = q.run(index, None);
        let alone = t.elapsed();
        let t = std::time::Instant::now();
        let within = previous
            .as_ref()
            .filter(|(p, _)| q.narrows(p))
            .map(|(_, h)| h);
        let narrowed = q.run(index, within);
        let narrow = t.elapsed();
        assert_eq!(fresh, narrowed);
        let n = fresh.personas.iter().filter(|h| **h).count();
        line.push(format!(
            "{text:?} {n} hits: {:.1} / {:.1} ms",
            alone.as_secs_f64() * 1000.0,
            narrow.as_secs_f64() * 1000.0
        ));
        previous = Some((q, fresh));
    }
    println!(
        "matcher (from scratch / narrowed):\n  {}",
        line.join("\n  ")
    );
}
