//! The fuzz targets' promises (`fuzz/checks.rs`), run on random and
//! hand-picked hostile input by every `cargo test`; `cargo fuzz` runs the
//! same checks for as long as it is given.

#[path = "../fuzz/checks.rs"]
mod checks;

use proptest::prelude::*;

/// Text that leans on what breaks YAML, JSON and terminals.
fn hostile_text() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "\u{7f}",
        "\u{85}",
        "\u{9b}",
        "\u{9d}",
        "\u{202e}",
        "\u{2066}",
        "\u{2028}",
        "\u{feff}",
        "\u{fffe}",
        "\u{1b}[2J",
        "\u{0}",
        "\t",
        "\r\n",
        "\n",
        ": ",
        "#",
        "---",
        "...",
        "'",
        "\"",
        "\\",
        "exported_by: persona",
        "$95",
        "<b>",
        "[^1]",
        "`",
        "é",
        "数据",
        "🙂",
        "a",
    ]);
    prop::collection::vec(pieces, 0..24).prop_map(|p| p.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn front_matter_is_yaml_for_any_name(text in hostile_text()) {
        checks::front_matter(&text);
    }

    #[test]
    fn front_matter_for_any_chars(text in any::<String>()) {
        checks::front_matter(&text);
    }

    #[test]
    fn json_output_is_safe_for_any_text(text in hostile_text()) {
        checks::json_output(&text);
    }

    #[test]
    fn json_output_for_any_chars(text in any::<String>()) {
        checks::json_output(&text);
    }

    #[test]
    fn notes_import_any_text(text in hostile_text()) {
        checks::notes(text.as_bytes());
    }

    #[test]
    fn notes_import_any_bytes(bytes in prop::collection::vec(any::<u8>(), 0..600)) {
        checks::notes(&bytes);
    }
}

#[test]
fn notes_shaped_like_real_ones_import() {
    for text in [
        "---\ntitle: Call with Dana\ndate: 2026-03-04\nsource: Zoom customer call\n---\n\n# Notes\n\n- counts stock by hand\n",
        "Call with Sam (ACME)\n\n[00:01:23] Interviewer: What slows you down?\n[00:01:30] Sam: Reconciling two systems.\n",
        "**Priya:** We pay $95 a month.\n\n**Interviewer:** For what?\n",
        "",
        "---\n",
        "---\nsource:\n---\n",
    ] {
        checks::notes(text.as_bytes());
    }
}
