//! Notes imported from the app go through the command line's import: every
//! bad file of a batch named at once (in a popup, not cut off), all or
//! none, and ids taken from the disk, so two windows importing notes of the
//! same title keep both.

mod tui_support;

use persona::tui::keys::Context;
use persona::tui::modal::Modal;
use std::path::Path;
use tui_support::{Window, demo};

fn data(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/notes")
        .join(name)
}

fn import(window: &mut Window, path: &Path) {
    window.press(&format!(
        "<esc> <esc> i I <ctrl-u> {} <enter>",
        path.display()
    ));
}

fn screen_of(window: &Window, width: u16, height: u16) -> String {
    let mut terminal =
        ratatui::Terminal::new(ratatui::backend::TestBackend::new(width, height)).unwrap();
    terminal
        .draw(|f| persona::tui::app::view::draw(&window.app, f))
        .unwrap();
    tui_support::buffer_text(terminal.backend().buffer())
}

fn interview_files(root: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(root.join("interviews"))
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn two_windows_importing_notes_of_one_title_keep_both() {
    let (dir, root) = demo();
    let notes = dir.path().join("alpenglow.md");
    std::fs::copy(data("batch/alpenglow-check-in.md"), &notes).unwrap();
    let before = interview_files(&root);
    // Both windows opened before either imports.
    let mut a = Window::open(&root);
    let mut b = Window::open(&root);
    import(&mut a, &notes);
    assert!(a.toast().contains("Imported 1 interview."), "{}", a.toast());
    import(&mut b, &notes);
    assert!(b.toast().contains("Imported 1 interview."), "{}", b.toast());
    let after = interview_files(&root);
    assert_eq!(after.len(), before.len() + 2, "{after:?}");
    let mut new: Vec<&String> = after.iter().filter(|f| !before.contains(f)).collect();
    new.sort_by_key(|f| f.len());
    let (first, second) = (
        new[0].trim_end_matches(".toml"),
        new[1].trim_end_matches(".toml"),
    );
    assert_eq!(second, format!("{first}-2"), "{new:?}");
    // Each window shows the interview it imported.
    assert_eq!(a.app.context(), Context::Interviews);
    assert!(b.screen().contains("Alpenglow"), "{}", b.screen());
}

#[test]
fn every_bad_file_of_a_batch_is_named_in_the_app_and_nothing_is_imported() {
    let (_dir, root) = demo();
    let before = interview_files(&root);
    let mut window = Window::open(&root);
    import(&mut window, &data("bad"));
    assert_eq!(interview_files(&root), before, "nothing imported");
    assert!(
        window.toast().contains("2 files could not be read"),
        "{}",
        window.toast()
    );
    assert!(matches!(
        window.app.modal,
        Some(Modal::Problems {
            report: Some(_),
            ..
        })
    ));
    let text = window.screen();
    assert!(text.contains("february.md"), "{text}");
    assert!(text.contains("summit-supply.md"), "{text}");
    // The message may wrap between the two words (a long worktree path).
    assert!(
        text.contains("`next") && text.contains("tuesday`"),
        "{text}"
    );
    // In a small window the list scrolls, and says there is more.
    let small = screen_of(&window, 60, 15);
    assert!(small.contains("↓ more"), "{small}");
    window.press("<down> <down> <down> <down> <down> <down> <down> <down>");
    let small = screen_of(&window, 60, 15);
    assert!(small.contains("tuesday"), "{small}");
    assert!(!small.contains("↓ more"), "{small}");
    window.press("<esc>");
    assert!(window.app.modal.is_none());
    assert_eq!(window.app.context(), Context::Interviews);
}
