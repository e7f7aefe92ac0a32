//! What every bench and the scale bench time with: the binary under test,
//! running a command, medians, peak memory and the machine's load; and the
//! made-up data's generator ([`rng`]) and a counting allocator ([`counting`]). Shared
//! by `benches/*.rs` (`mod timing;`) and `examples/scale_bench.rs` (by path).

#![allow(dead_code)]

pub mod counting;
pub mod rng;

/// The filter texts a person types while looking for stock problems, one
/// keystroke after another (the filter benches time each one).
pub const TYPED: [&str; 8] = [
    "s",
    "st",
    "sto",
    "stoc",
    "stock",
    "stock m",
    "stock mo",
    "stock mon",
];

use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The binary under test: `PERSONA_BIN` (to time another build against the
/// same floors), else this build's, else `target/release/persona`.
pub fn bin() -> PathBuf {
    std::env::var_os("PERSONA_BIN")
        .map(PathBuf::from)
        .or_else(|| option_env!("CARGO_BIN_EXE_persona").map(PathBuf::from))
        .unwrap_or_else(|| PathBuf::from("target/release/persona"))
}

pub fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

pub fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

/// Runs a command to the end, whatever its exit code (a `validate` that
/// finds problems exits 1); its wall time. A command killed by a signal
/// stops the bench.
pub fn run(cmd: &mut Command) -> Duration {
    let start = Instant::now();
    let status = cmd
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .expect("spawn");
    let elapsed = start.elapsed();
    assert!(status.code().is_some(), "{cmd:?} was killed");
    elapsed
}

/// Runs a command that must succeed; its wall time.
pub fn run_ok(cmd: &mut Command) -> Duration {
    let start = Instant::now();
    let out = cmd
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .output()
        .expect("spawn");
    let elapsed = start.elapsed();
    assert!(
        out.status.success(),
        "{cmd:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    elapsed
}

/// The peak resident memory of a command in MB, from GNU time. (Our own
/// `wait4` would not do: Linux counts the spawning process's peak into the
/// child's `ru_maxrss` across `exec`, and a bench process holds a workspace.)
pub fn peak_mb(cmd: &Command) -> Option<f64> {
    let out = Command::new("/usr/bin/time")
        .args(["-f", "%M"])
        .arg(cmd.get_program())
        .args(cmd.get_args())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .output()
        .ok()?;
    let text = String::from_utf8_lossy(&out.stderr);
    let kb: f64 = text.lines().last()?.trim().parse().ok()?;
    Some(kb / 1024.0)
}

/// The load average over 1, 5 and 15 minutes, to print beside a figure.
pub fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|s| s.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "?".into())
}
