//! The interactive app (arriving with the browse screen).

pub fn run(_root: &std::path::Path) -> Result<(), String> {
    Err("the interactive app is not built yet".into())
}
