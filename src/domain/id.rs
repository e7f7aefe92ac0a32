//! Ids are slugs made from names: lowercase ASCII letters, digits and `-`.
//!
//! Whatever a user types as a name, the slug can be used as a file name inside
//! the workspace: it never holds a path separator, a dot, or a reserved device
//! name, and it is never empty.

/// Longest id we hand out; long names are cut at a word boundary.
pub const MAX_ID_LEN: usize = 48;

/// Names Windows refuses as file names, whatever the extension.
const RESERVED: &[&str] = &[
    "con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8",
    "com9", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
];

/// Turns a name into a slug, using `fallback` when nothing usable is left
/// (a name made only of emoji or CJK, say).
pub fn slugify(name: &str, fallback: &str) -> String {
    let mut out = String::new();
    let mut pending_dash = false;
    for ch in name.chars().flat_map(fold_char) {
        if ch.is_ascii_alphanumeric() {
            if pending_dash && !out.is_empty() {
                out.push('-');
            }
            pending_dash = false;
            out.push(ch.to_ascii_lowercase());
        } else {
            pending_dash = true;
        }
    }
    let mut slug = cap(&out, MAX_ID_LEN);
    if slug.is_empty() {
        slug = cap(&slugify_plain(fallback), MAX_ID_LEN);
        if slug.is_empty() {
            slug = "item".to_string();
        }
    }
    if RESERVED.contains(&slug.as_str()) {
        slug.push_str("-1");
    }
    slug
}

fn slugify_plain(s: &str) -> String {
    let mut out = String::new();
    for ch in s.chars() {
        if ch.is_ascii_alphanumeric() {
            out.push(ch.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

/// Cuts a slug to at most `max` bytes, preferring a `-` boundary.
fn cap(slug: &str, max: usize) -> String {
    if slug.len() <= max {
        return slug.to_string();
    }
    let cut = &slug[..max];
    let cut = match cut.rfind('-') {
        Some(pos) if pos >= max / 2 => &cut[..pos],
        _ => cut,
    };
    cut.trim_end_matches('-').to_string()
}

/// Latin letters with marks become their plain letters, so `Zoë Müller`
/// becomes `zoe-muller` rather than `zo-m-ller`.
fn fold_char(ch: char) -> impl Iterator<Item = char> {
    let folded: &str = match ch {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ą' | 'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' => {
            "a"
        }
        'æ' | 'Æ' => "ae",
        'ç' | 'ć' | 'č' | 'Ç' | 'Ć' | 'Č' => "c",
        'ď' | 'đ' | 'Ď' | 'Đ' => "d",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ę' | 'ě' | 'È' | 'É' | 'Ê' | 'Ë' | 'Ě' | 'Ę' => {
            "e"
        }
        'ğ' | 'Ğ' => "g",
        'ì' | 'í' | 'î' | 'ï' | 'ı' | 'Ì' | 'Í' | 'Î' | 'Ï' | 'İ' => "i",
        'ł' | 'Ł' => "l",
        'ñ' | 'ń' | 'ň' | 'Ñ' | 'Ń' | 'Ň' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ő' | 'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'Ø' | 'Ő' => {
            "o"
        }
        'œ' | 'Œ' => "oe",
        'ř' | 'Ř' => "r",
        'ś' | 'š' | 'ş' | 'Ś' | 'Š' | 'Ş' => "s",
        'ß' => "ss",
        'ť' | 'Ť' => "t",
        'ù' | 'ú' | 'û' | 'ü' | 'ů' | 'ű' | 'Ù' | 'Ú' | 'Û' | 'Ü' | 'Ů' | 'Ű' => "u",
        'ý' | 'ÿ' | 'Ý' => "y",
        'ź' | 'ż' | 'ž' | 'Ź' | 'Ż' | 'Ž' => "z",
        'þ' | 'Þ' => "th",
        _ => "",
    };
    let keep = if folded.is_empty() { Some(ch) } else { None };
    folded.chars().chain(keep)
}

/// Whether `id` is a well-formed slug (what file names must be).
pub fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 128
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
        && !id.starts_with('-')
        && !RESERVED.contains(&id)
}

/// The slug of `name`, made unique by a `-2`, `-3`, ... suffix when `taken`
/// says the plain slug is already used.
pub fn unique_id(name: &str, fallback: &str, taken: impl Fn(&str) -> bool) -> String {
    let base = slugify(name, fallback);
    (1..)
        .map(|n| with_suffix(&base, n))
        .find(|candidate| !taken(candidate))
        .expect("an unused suffix always exists")
}

/// The `n`th choice of id for `base`: `base` itself for 1, then `base-2`,
/// `base-3`, ... (the base cut short so the id stays within
/// [`MAX_ID_LEN`]).
pub fn with_suffix(base: &str, n: u32) -> String {
    if n <= 1 {
        return base.to_string();
    }
    let suffix = format!("-{n}");
    let stem = cap(base, MAX_ID_LEN.saturating_sub(suffix.len()));
    format!("{stem}{suffix}")
}

/// A tag as stored: lowercase words joined by `-` (`Pain point` → `pain-point`).
pub fn normalize_tag(tag: &str) -> String {
    slugify_plain(
        &tag.chars()
            .flat_map(fold_char)
            .filter(|c| c.is_ascii())
            .collect::<String>(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_become_slugs() {
        assert_eq!(slugify("Operations Olivia", "persona"), "operations-olivia");
        assert_eq!(slugify("  Zoë Müller, CEO ", "persona"), "zoe-muller-ceo");
        assert_eq!(slugify("../../etc/passwd", "x"), "etc-passwd");
        assert_eq!(slugify("..", "persona"), "persona");
        assert_eq!(slugify("", "persona"), "persona");
        assert_eq!(slugify("🚀 増田", "icp"), "icp");
        assert_eq!(slugify("CON", "x"), "con-1");
        assert_eq!(slugify("a\u{1b}[31mred", "x"), "a-31mred");
    }

    #[test]
    fn long_names_are_capped_at_a_word() {
        let slug = slugify(&"word ".repeat(2_000), "x");
        assert!(slug.len() <= MAX_ID_LEN);
        assert!(!slug.ends_with('-'));
        assert!(is_valid_id(&slug));
    }

    #[test]
    fn taken_ids_get_a_suffix() {
        let taken = ["olivia", "olivia-2"];
        assert_eq!(unique_id("Olivia", "p", |c| taken.contains(&c)), "olivia-3");
        let long = "x".repeat(100);
        let base = slugify(&long, "p");
        let id = unique_id(&long, "p", |c| c == base);
        assert!(id.ends_with("-2") && id.len() <= MAX_ID_LEN);
    }

    #[test]
    fn tags_are_normalized() {
        assert_eq!(normalize_tag("Pain point"), "pain-point");
        assert_eq!(normalize_tag(" buying_trigger "), "buying-trigger");
    }
}
