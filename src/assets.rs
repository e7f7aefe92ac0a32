//! Files built into the binary: the templates every workspace starts with,
//! and the demo workspace.

mod generated {
    include!(concat!(env!("OUT_DIR"), "/assets.rs"));
}

/// Built-in templates as `(file name, TOML text)`, e.g. `("icp.toml", ..)`.
pub fn templates() -> &'static [(&'static str, &'static str)] {
    generated::TEMPLATES
}

/// The demo workspace as `(relative path, TOML text)`.
pub fn demo() -> &'static [(&'static str, &'static str)] {
    generated::DEMO
}
