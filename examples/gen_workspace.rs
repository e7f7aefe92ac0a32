//! Writes a large, realistic workspace for trying persona at team scale.
//!
//! `cargo run --release --example gen_workspace -- DIR [PERSONAS ICPS INTERVIEWS]`
//! (default: 10,000 personas in 200 ICPs, 2,000 interviews). Then
//! `persona --workspace DIR list personas`, or open it in the app.

#[path = "common/generate.rs"]
mod generate;

use generate::Spec;
use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(dir) = args.first().map(PathBuf::from) else {
        eprintln!("usage: gen_workspace DIR [PERSONAS ICPS INTERVIEWS]");
        return ExitCode::from(2);
    };
    let number = |i: usize, default: usize| {
        args.get(i)
            .map(|a| a.replace([',', '_'], "").parse().unwrap_or(default))
            .unwrap_or(default)
    };
    let spec = Spec {
        personas: number(1, Spec::TEAM.personas),
        icps: number(2, Spec::TEAM.icps),
        interviews: number(3, Spec::TEAM.interviews),
        ..Spec::TEAM
    };
    if dir.read_dir().is_ok_and(|mut d| d.next().is_some()) {
        eprintln!("{} is not empty; pick a new folder", dir.display());
        return ExitCode::from(1);
    }
    let start = std::time::Instant::now();
    match generate::generate(&dir, &spec) {
        Ok(written) => {
            eprintln!(
                "Wrote {} files ({:.1} MB) to {} in {:.1?}.",
                written.files,
                written.bytes as f64 / 1e6,
                dir.display(),
                start.elapsed()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("could not write {}: {e}", dir.display());
            ExitCode::from(1)
        }
    }
}
