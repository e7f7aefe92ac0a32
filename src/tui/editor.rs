//! `$EDITOR` hand-off, beside the runner: the app leaves the alternate
//! screen and raw mode, the editor has the terminal, then the app comes
//! back and redraws everything.

use ratatui::crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};

/// Runs `$VISUAL` or `$EDITOR` (else `vi`) on a temporary file holding the
/// text, the way git does, and returns the text as the editor left it.
pub fn run(text: &str) -> Result<String, String> {
    let editor = ["VISUAL", "EDITOR"]
        .into_iter()
        .filter_map(|v| std::env::var(v).ok())
        .find(|v| !v.trim().is_empty())
        .unwrap_or_else(|| "vi".into());
    let path = std::env::temp_dir().join(format!(
        "persona-notes-{}-{}.md",
        std::process::id(),
        jiff::Timestamp::now().as_nanosecond()
    ));
    std::fs::write(&path, text).map_err(|e| format!("could not write {}: {e}", path.display()))?;
    let mut out = std::io::stdout();
    let _ = execute!(
        out,
        DisableMouseCapture,
        DisableBracketedPaste,
        LeaveAlternateScreen
    );
    let _ = disable_raw_mode();
    let mut words = editor.split_whitespace();
    let program = words.next().unwrap_or("vi");
    let status = std::process::Command::new(program)
        .args(words)
        .arg(&path)
        .status();
    let _ = enable_raw_mode();
    let _ = execute!(
        out,
        EnterAlternateScreen,
        EnableMouseCapture,
        EnableBracketedPaste
    );
    let result = match status {
        Ok(s) if s.success() => crate::import::read_text(&path),
        Ok(s) => Err(format!(
            "the editor `{editor}` exited with {s}; the notes were left as they were"
        )),
        Err(e) => Err(format!(
            "could not start the editor `{editor}` ({e}); set $EDITOR"
        )),
    };
    let _ = std::fs::remove_file(&path);
    result
}
