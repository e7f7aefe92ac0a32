//! Any bytes given to the loaders give a value or a problem, never a panic;
//! whatever loads saves and loads back equal, and exports to markdown.

#![no_main]

use libfuzzer_sys::fuzz_target;
use persona::domain::{Icp, Interview, Persona, Template, Workspace, WorkspaceMeta};
use persona::export::markdown::{self, Links, Options};
use persona::store::codec::{Versioned, decode, encode};

/// What a save writes back: the same value at the current schema (older
/// files are upgraded when saved).
fn saved<T: Versioned + Clone>(value: &T) -> T {
    let mut upgraded = value.clone();
    upgraded.set_schema(persona::domain::SCHEMA);
    upgraded
}

fuzz_target!(|data: &[u8]| {
    let opts = Options {
        front_matter: true,
        links: Links::Folder,
    };
    let mut ws = Workspace::new(WorkspaceMeta::new("fuzz"));
    if let Ok(template) = decode::<Template>("t.toml", data) {
        let _ = template.check();
        ws.templates.push(template);
    }
    if let Ok(interview) = decode::<Interview>("i.toml", data) {
        let again: Interview = decode("i.toml", encode(&interview).unwrap().as_bytes()).unwrap();
        assert_eq!(again, saved(&interview));
        ws.interviews.push(interview);
    }
    if let Ok(icp) = decode::<Icp>("c.toml", data) {
        let again: Icp = decode("c.toml", encode(&icp).unwrap().as_bytes()).unwrap();
        assert_eq!(again, saved(&icp));
        let _ = markdown::icp(&ws, &icp, &opts);
        ws.icps.push(icp);
    }
    if let Ok(persona) = decode::<Persona>("p.toml", data) {
        let again: Persona = decode("p.toml", encode(&persona).unwrap().as_bytes()).unwrap();
        assert_eq!(again, saved(&persona));
        let _ = markdown::persona(&ws, &persona, &opts);
        ws.personas.push(persona);
    }
    let _ = persona::domain::check::check(&ws);
    for interview in &ws.interviews {
        let _ = markdown::interview(&ws, interview, &opts);
    }
});
