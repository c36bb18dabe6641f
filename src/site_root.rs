//! The one rule for what a build may read: files inside the site folder,
//! and inside folders `kurator.yaml` lists under `allow_outside`. A
//! symbolic link under `content/`, `static/`, `data/`, `templates/` or a
//! theme that resolves anywhere else is an error naming the link and its
//! target (issue 17 item 3): `ln -s /proc/self/environ content/env.txt`
//! would otherwise publish the build's environment, CI secrets included.
//! Every loader walks through `content::walk`, which asks this module about
//! each link it meets; links that stay inside keep working.

use std::path::{Path, PathBuf};

use crate::diagnostic::Diagnostic;

/// The site folder and the folders outside it the author allowed.
#[derive(Debug, Clone)]
pub struct SiteRoot {
    /// As given (relative paths stay relative, for messages).
    path: PathBuf,
    /// Resolved: links are compared against this.
    real: PathBuf,
    allowed: Vec<PathBuf>,
}

/// A link that leads outside what the build may read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Escape {
    /// The link's path, relative to the site root.
    pub link: String,
    /// Where it leads, resolved.
    pub target: PathBuf,
}

impl SiteRoot {
    /// `allow_outside` entries are absolute or relative to the site folder.
    pub fn new(path: &Path, allow_outside: &[String]) -> SiteRoot {
        let real = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
        let allowed = allow_outside
            .iter()
            .map(|a| {
                let p = real.join(a);
                p.canonicalize().unwrap_or(p)
            })
            .collect();
        SiteRoot {
            path: path.to_path_buf(),
            real,
            allowed,
        }
    }

    /// The site folder, as given.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Whether a resolved path may be read.
    pub fn may_read(&self, resolved: &Path) -> bool {
        resolved.starts_with(&self.real) || self.allowed.iter().any(|a| resolved.starts_with(a))
    }

    /// Checks the symbolic link at `link` (a path under the site root as
    /// walked, possibly through other links). `rel` names it in messages.
    pub fn check_link(&self, link: &Path, rel: &str) -> Result<(), Escape> {
        // A dangling link or a loop cannot be read either; the walker
        // reports those itself.
        let Ok(target) = link.canonicalize() else {
            return Ok(());
        };
        if self.may_read(&target) {
            Ok(())
        } else {
            Err(Escape {
                link: rel.to_string(),
                target,
            })
        }
    }
}

impl std::ops::Deref for SiteRoot {
    type Target = Path;

    fn deref(&self) -> &Path {
        &self.path
    }
}

impl Escape {
    pub fn to_diagnostic(&self) -> Diagnostic {
        Diagnostic::error(
            self.link.clone(),
            format!(
                "this symbolic link leads outside the site folder, to `{}`; Kurator does not read or publish files from outside the site",
                self.target.display()
            ),
        )
        .help(
            "copy what you need into the site, or, if that folder is meant to be published, list it under `allow_outside:` in kurator.yaml",
        )
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;

    #[test]
    fn links_inside_pass_links_outside_fail_unless_allowed() {
        let site = tempfile::tempdir().unwrap();
        let outside = tempfile::tempdir().unwrap();
        let root = site.path();
        std::fs::create_dir_all(root.join("content/shared")).unwrap();
        std::fs::write(outside.path().join("secret"), "x").unwrap();
        symlink(root.join("content/shared"), root.join("content/in")).unwrap();
        symlink(outside.path().join("secret"), root.join("content/out")).unwrap();
        symlink("../../nowhere", root.join("content/dangling")).unwrap();
        let site_root = SiteRoot::new(root, &[]);
        assert!(site_root
            .check_link(&root.join("content/in"), "content/in")
            .is_ok());
        assert!(site_root
            .check_link(&root.join("content/dangling"), "content/dangling")
            .is_ok());
        let escape = site_root
            .check_link(&root.join("content/out"), "content/out")
            .unwrap_err();
        let d = escape.to_diagnostic();
        assert_eq!(d.path, "content/out");
        assert!(d.message.contains("secret"), "{d}");
        let allowed = SiteRoot::new(root, &[outside.path().display().to_string()]);
        assert!(allowed
            .check_link(&root.join("content/out"), "content/out")
            .is_ok());
    }
}
