//! Templates: the built-in ones, and the workspace's own.

use super::FsStore;
use crate::domain::{Severity, Template, TemplateOrigin, Workspace, WorkspaceMeta};
use crate::store::{Problem, codec, layout};

impl FsStore {
    pub(super) fn load_templates(&mut self, problems: &mut Vec<Problem>) -> Vec<Template> {
        let mut templates = builtin_templates(problems);
        for id in self.list_ids(layout::TEMPLATES, problems, false) {
            let relative = layout::template_file(&id);
            let Some(mut template) = self.read::<Template>(&relative, problems) else {
                continue;
            };
            let errors = template.check();
            if !errors.is_empty() {
                let text = self.read_text(&relative).unwrap_or_default();
                for error in errors {
                    let (line, column) = error
                        .near
                        .as_deref()
                        .and_then(|near| crate::store::locate::find_nth(&text, near, error.nth))
                        .unwrap_or((1, 1));
                    problems.push(Problem {
                        path: relative.clone(),
                        line,
                        column,
                        severity: Severity::Error,
                        message: error.message,
                    });
                }
                self.seen.remove(&relative);
                continue;
            }
            template.id = id;
            template.origin = TemplateOrigin::Workspace;
            templates.retain(|t| t.id != template.id);
            templates.push(template);
        }
        templates
    }
}

/// The templates built into the binary.
pub fn builtin_templates(problems: &mut Vec<Problem>) -> Vec<Template> {
    let mut templates = Vec::new();
    for (file, text) in crate::assets::templates() {
        let id = file.trim_end_matches(".toml").to_string();
        let path = format!("(built-in) {file}");
        match codec::decode::<Template>(&path, text.as_bytes()) {
            Ok(mut template) => {
                template.id = id;
                template.origin = TemplateOrigin::BuiltIn;
                templates.push(template);
            }
            Err(problem) => problems.push(problem),
        }
    }
    templates
}

/// An empty workspace that knows only the built-in templates.
pub fn builtin_workspace(problems: &mut Vec<Problem>) -> Workspace {
    let mut workspace = Workspace::new(WorkspaceMeta::new("Workspace"));
    workspace.templates = builtin_templates(problems);
    workspace
}
