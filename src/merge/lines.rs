//! Three-way merge of text, line by line, the way git merges files: a
//! change made on one side only is taken; the same change on both sides is
//! taken once; different changes to the same lines (or lines next to each
//! other) are a conflict.

use std::collections::HashMap;

/// How far the line diff searches before it calls the rest one change.
/// Edits to notes are small; two rewrites of 5 MB of notes need not be
/// matched line for line.
const MAX_EDITS: usize = 1_000;

/// A place both sides changed differently: our lines and theirs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hunk {
    pub ours: String,
    pub theirs: String,
}

/// The merged text, and the places in it that were changed on both sides.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Merged {
    /// Where both sides changed the same lines, our lines followed by
    /// theirs: nothing either side wrote is lost.
    pub text: String,
    /// In the order they appear; each is found in `text` as `ours` then
    /// `theirs`, one after the other.
    pub conflicts: Vec<Hunk>,
}

/// Merges `ours` and `theirs`, both changed from `base`.
pub fn merge(base: &str, ours: &str, theirs: &str) -> Merged {
    let mut text = String::new();
    let mut conflicts = Vec::new();
    for chunk in diff3(base, ours, theirs) {
        match chunk {
            Chunk::Clean(lines) => text.extend(lines),
            Chunk::Conflict { ours, theirs, .. } => {
                let mut ours: String = ours.concat();
                let theirs: String = theirs.concat();
                if !ours.is_empty() && !ours.ends_with('\n') && !theirs.is_empty() {
                    ours.push('\n');
                }
                text.push_str(&ours);
                text.push_str(&theirs);
                conflicts.push(Hunk { ours, theirs });
            }
        }
    }
    Merged { text, conflicts }
}

/// Merges as git does, writing its `<<<<<<<` / `=======` / `>>>>>>>`
/// markers around each conflict; for files that are not TOML persona can
/// read. Returns the text and how many conflicts it holds.
pub fn merge_with_markers(base: &str, ours: &str, theirs: &str) -> (String, usize) {
    let mut text = String::new();
    let mut count = 0;
    let end_line = |text: &mut String| {
        if !text.is_empty() && !text.ends_with('\n') {
            text.push('\n');
        }
    };
    for chunk in diff3(base, ours, theirs) {
        match chunk {
            Chunk::Clean(lines) => text.extend(lines),
            Chunk::Conflict { base, ours, theirs } => {
                count += 1;
                end_line(&mut text);
                text.push_str("<<<<<<< ours\n");
                text.extend(ours);
                end_line(&mut text);
                text.push_str("||||||| base\n");
                text.extend(base);
                end_line(&mut text);
                text.push_str("=======\n");
                text.extend(theirs);
                end_line(&mut text);
                text.push_str(">>>>>>> theirs\n");
            }
        }
    }
    (text, count)
}

enum Chunk<'a> {
    Clean(Vec<&'a str>),
    Conflict {
        base: Vec<&'a str>,
        ours: Vec<&'a str>,
        theirs: Vec<&'a str>,
    },
}

fn diff3<'a>(base: &'a str, ours: &'a str, theirs: &'a str) -> Vec<Chunk<'a>> {
    let b: Vec<&str> = base.split_inclusive('\n').collect();
    let o: Vec<&str> = ours.split_inclusive('\n').collect();
    let t: Vec<&str> = theirs.split_inclusive('\n').collect();
    let mut ids: HashMap<&str, u32> = HashMap::new();
    let mut intern = |lines: &[&'a str]| -> Vec<u32> {
        lines
            .iter()
            .map(|l| {
                let next = ids.len() as u32;
                *ids.entry(l).or_insert(next)
            })
            .collect()
    };
    let (bi, oi, ti) = (intern(&b), intern(&o), intern(&t));
    let to_ours = matches(&bi, &oi);
    let to_theirs = matches(&bi, &ti);

    let mut chunks = Vec::new();
    let mut clean: Vec<&str> = Vec::new();
    let (mut x, mut y, mut z) = (0, 0, 0);
    while x < b.len() || y < o.len() || z < t.len() {
        if x < b.len() && to_ours[x] == Some(y) && to_theirs[x] == Some(z) {
            clean.push(b[x]);
            x += 1;
            y += 1;
            z += 1;
            continue;
        }
        let next = (x..b.len()).find(|&j| to_ours[j].is_some() && to_theirs[j].is_some());
        let (xe, ye, ze) = match next {
            Some(j) => (
                j,
                to_ours[j].unwrap_or(o.len()),
                to_theirs[j].unwrap_or(t.len()),
            ),
            None => (b.len(), o.len(), t.len()),
        };
        let (bs, os, ts) = (&b[x..xe], &o[y..ye], &t[z..ze]);
        if os == bs {
            clean.extend_from_slice(ts);
        } else if ts == bs || os == ts {
            clean.extend_from_slice(os);
        } else if let Some(lines) = side_by_side(bs, os, ts) {
            clean.extend(lines);
        } else {
            chunks.push(Chunk::Clean(std::mem::take(&mut clean)));
            chunks.push(Chunk::Conflict {
                base: bs.to_vec(),
                ours: os.to_vec(),
                theirs: ts.to_vec(),
            });
        }
        (x, y, z) = (xe, ye, ze);
    }
    chunks.push(Chunk::Clean(clean));
    chunks
}

/// Changes to neighbouring lines are not a conflict: when one side changed
/// only the first lines of a stretch and the other only the rest (people
/// often edit consecutive lines of notes), both changes are taken.
fn side_by_side<'a>(
    base: &[&'a str],
    ours: &[&'a str],
    theirs: &[&'a str],
) -> Option<Vec<&'a str>> {
    let split = |first: &[&'a str], second: &[&'a str]| {
        (1..base.len()).find_map(|s| {
            let (head, tail) = base.split_at(s);
            (first.ends_with(tail) && second.starts_with(head)).then(|| {
                let mut lines = first[..first.len() - tail.len()].to_vec();
                lines.extend_from_slice(&second[head.len()..]);
                lines
            })
        })
    };
    split(ours, theirs).or_else(|| split(theirs, ours))
}

/// For each line of `a`, the line of `b` it is kept as (a longest common
/// subsequence, by Myers' algorithm), or `None` when it was changed.
fn matches(a: &[u32], b: &[u32]) -> Vec<Option<usize>> {
    let mut out = vec![None; a.len()];
    let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    for (i, slot) in out.iter_mut().enumerate().take(prefix) {
        *slot = Some(i);
    }
    let (ra, rb) = (&a[prefix..], &b[prefix..]);
    let suffix = ra
        .iter()
        .rev()
        .zip(rb.iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    for k in 0..suffix {
        out[a.len() - 1 - k] = Some(b.len() - 1 - k);
    }
    let (ma, mb) = (&ra[..ra.len() - suffix], &rb[..rb.len() - suffix]);
    for (i, j) in myers(ma, mb) {
        out[prefix + i] = Some(prefix + j);
    }
    out
}

/// The pairs of equal lines a shortest edit script keeps, or none when it
/// takes more than [`MAX_EDITS`] edits.
fn myers(a: &[u32], b: &[u32]) -> Vec<(usize, usize)> {
    let (n, m) = (a.len() as isize, b.len() as isize);
    if n == 0 || m == 0 {
        return Vec::new();
    }
    // trace[d][(k + d) / 2]: the furthest x on diagonal k after d edits.
    let mut trace: Vec<Vec<isize>> = Vec::new();
    let snake = |mut x: isize, k: isize| {
        while x < n && x - k < m && a[x as usize] == b[(x - k) as usize] {
            x += 1;
        }
        x
    };
    let at = |v: &Vec<isize>, d: isize, k: isize| v[((k + d) / 2) as usize];
    let mut end = None;
    'search: for d in 0..=(MAX_EDITS as isize).min(n + m) {
        let mut v = Vec::with_capacity(d as usize + 1);
        for k in (-d..=d).step_by(2) {
            let x = if d == 0 {
                0
            } else {
                let prev = &trace[(d - 1) as usize];
                if k == -d || (k != d && at(prev, d - 1, k - 1) < at(prev, d - 1, k + 1)) {
                    at(prev, d - 1, k + 1)
                } else {
                    at(prev, d - 1, k - 1) + 1
                }
            };
            let x = snake(x, k);
            v.push(x);
            if x >= n && x - k >= m {
                trace.push(v);
                end = Some(d);
                break 'search;
            }
        }
        trace.push(v);
    }
    let Some(edits) = end else {
        return Vec::new();
    };
    let mut pairs = Vec::new();
    let (mut x, mut y) = (n, m);
    for d in (1..=edits).rev() {
        let k = x - y;
        let prev = &trace[(d - 1) as usize];
        let down = k == -d || (k != d && at(prev, d - 1, k - 1) < at(prev, d - 1, k + 1));
        let prev_k = if down { k + 1 } else { k - 1 };
        let prev_x = at(prev, d - 1, prev_k);
        let prev_y = prev_x - prev_k;
        let mid_x = if down { prev_x } else { prev_x + 1 };
        let mid_y = mid_x - k;
        while x > mid_x && y > mid_y {
            pairs.push(((x - 1) as usize, (y - 1) as usize));
            x -= 1;
            y -= 1;
        }
        (x, y) = (prev_x, prev_y);
    }
    while x > 0 && y > 0 {
        pairs.push(((x - 1) as usize, (y - 1) as usize));
        x -= 1;
        y -= 1;
    }
    pairs.reverse();
    pairs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changes_on_different_lines_both_land() {
        let base = "one\ntwo\nthree\nfour\nfive\n";
        let ours = "one\nTWO\nthree\nfour\nfive\n";
        let theirs = "one\ntwo\nthree\nfour\nFIVE\nsix\n";
        let m = merge(base, ours, theirs);
        assert_eq!(m.text, "one\nTWO\nthree\nfour\nFIVE\nsix\n");
        assert!(m.conflicts.is_empty());
    }

    #[test]
    fn the_same_change_on_both_sides_is_taken_once() {
        let m = merge("a\nb\n", "a\nB\n", "a\nB\n");
        assert_eq!(m.text, "a\nB\n");
        assert!(m.conflicts.is_empty());
    }

    #[test]
    fn different_changes_to_one_line_keep_both() {
        let base = "intro\nDana said stock is hard.\nend\n";
        let ours = "intro\nDana said stock takes Mondays.\nend\n";
        let theirs = "intro\nDana said stock is a nightmare.\nend\n";
        let m = merge(base, ours, theirs);
        assert_eq!(
            m.text,
            "intro\nDana said stock takes Mondays.\nDana said stock is a nightmare.\nend\n"
        );
        assert_eq!(
            m.conflicts,
            [Hunk {
                ours: "Dana said stock takes Mondays.\n".into(),
                theirs: "Dana said stock is a nightmare.\n".into()
            }]
        );
        let (marked, n) = merge_with_markers(base, ours, theirs);
        assert_eq!(n, 1);
        assert!(marked.contains("<<<<<<< ours\nDana said stock takes Mondays.\n||||||| base\nDana said stock is hard.\n=======\nDana said stock is a nightmare.\n>>>>>>> theirs\n"));
    }

    #[test]
    fn changes_to_neighbouring_lines_both_land() {
        let base = "intro\nreturns\nstock\nend\n";
        let m = merge(
            base,
            "intro\nRETURNS\nstock\nend\n",
            "intro\nreturns\nSTOCK!\nend\n",
        );
        assert_eq!(m.text, "intro\nRETURNS\nSTOCK!\nend\n");
        assert!(m.conflicts.is_empty());
        let m = merge(
            base,
            "intro\nreturns\nSTOCK\nend\n",
            "intro\nRETURNS\nmore\nstock\nend\n",
        );
        assert_eq!(m.text, "intro\nRETURNS\nmore\nSTOCK\nend\n");
        // A change right where the other side inserted is still a conflict.
        let m = merge(
            base,
            "intro\nreturns\nSTOCK\nend\n",
            "intro\nreturns\nstock\nmore\nend\n",
        );
        assert_eq!(m.conflicts.len(), 1);
    }

    #[test]
    fn additions_at_the_end_without_newline_stay_apart() {
        let m = merge("a\n", "a\nours", "a\ntheirs");
        assert_eq!(m.text, "a\nours\ntheirs");
        assert_eq!(m.conflicts.len(), 1);
        let m = merge("", "only ours\n", "");
        assert_eq!(m.text, "only ours\n");
    }

    #[test]
    fn insertions_and_deletions_elsewhere_merge() {
        let base: String = (0..50).map(|i| format!("line {i}\n")).collect();
        let ours = base
            .replace("line 10\n", "")
            .replace("line 30\n", "line 30\nnew after 30\n");
        let theirs =
            base.replace("line 40\n", "LINE 40\n")
                .replacen("line 0\n", "top\nline 0\n", 1);
        let m = merge(&base, &ours, &theirs);
        assert!(m.conflicts.is_empty());
        assert!(!m.text.contains("line 10\n"));
        assert!(m.text.starts_with("top\nline 0\n"));
        assert!(m.text.contains("line 30\nnew after 30\nline 31\n"));
        assert!(m.text.contains("LINE 40\n"));
    }

    #[test]
    fn myers_finds_a_longest_common_subsequence() {
        let pairs = myers(&[1, 2, 3, 4, 5], &[1, 3, 4, 6, 5]);
        assert_eq!(pairs, [(0, 0), (2, 1), (3, 2), (4, 4)]);
        assert!(myers(&[], &[1]).is_empty());
    }
}
