use super::*;

fn kinds(text: &str) -> Vec<(DetailKind, String)> {
    detect(text, &Known::empty(), Context::Notes)
        .into_iter()
        .map(|d| (d.kind, text[d.range].to_string()))
        .collect()
}

#[test]
fn smoke() {
    dbg!(kinds(
        "Call me on +44 20 7946 0958 or mail <dana.w@acme-outdoor.com>."
    ));
}
