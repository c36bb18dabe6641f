//! Whether a path may become the output folder. A build replaces the output
//! whole, so a wrong path loses data: this refuses, before anything is
//! written, every path that is not a real folder Kurator made (or an empty
//! one) and every path that is, holds or lies inside one of the site's
//! inputs (issue 17, items 1, 2 and 6).
//!
//! **A symlinked output is refused, not followed.** The swap renames the
//! staging folder over the output path; done on a link, it would replace
//! the link with a folder and retire the link, and removing the retired
//! output would then empty the folder the link pointed to, files Kurator
//! never wrote included. Building into the link's target is what
//! `--output TARGET` already does, so the error says that.

use std::fs::{FileType, Metadata};
use std::path::{Path, PathBuf};

use anyhow::{bail, Context as _, Result};

use super::MARKER;

/// Folders of the site a build reads: the output may not be, hold or sit
/// inside any of them (output in `templates/` would be read back as
/// templates by every later build).
pub(super) const INPUT_DIRS: [&str; 6] =
    ["content", "static", "data", "templates", "themes", "i18n"];

/// Decides whether `output` may be replaced by a build of the site at `root`.
pub fn check_output_dir(root: &Path, output: &Path) -> Result<()> {
    let root = root
        .canonicalize()
        .with_context(|| format!("cannot open the site folder `{}`", root.display()))?;
    let shown = output.display();
    let meta = std::fs::symlink_metadata(output).ok();
    if let Some(meta) = &meta {
        if meta.file_type().is_symlink() {
            let target = std::fs::read_link(output)
                .map_or_else(|_| "?".to_string(), |t| t.display().to_string());
            bail!(
                "refusing to use `{shown}` as the output folder: it is a symbolic link to `{target}`, and a build replaces the output folder whole \
                 (Kurator never builds through a link, so a folder it points to cannot be emptied); \
                 pass the real folder instead (`--output {target}`), or remove the link"
            );
        }
        if !meta.is_dir() {
            bail!(
                "refusing to use `{shown}` as the output folder: it is {}, not a folder; choose another --output",
                kind(meta)
            );
        }
    }
    let out = absolute(output)?;
    if out == root || root.starts_with(&out) {
        bail!("refusing to use `{shown}` as the output folder: it is the site folder or contains it (set output_dir to a folder such as `public`)");
    }
    // The pages' folder may have another name (`src` in an mdBook).
    let pages = crate::config::load(&root)
        .map(|c| c.content_prefix().trim_end_matches('/').to_string())
        .unwrap_or_default();
    let pages =
        (!pages.is_empty() && !INPUT_DIRS.contains(&pages.as_str())).then_some(pages.as_str());
    for name in INPUT_DIRS.iter().copied().chain(pages) {
        let input = root.join(name);
        // An input folder may itself be a link elsewhere: compare both.
        let real = input.canonicalize().unwrap_or_else(|_| input.clone());
        if out.starts_with(&input) || out.starts_with(&real) || real.starts_with(&out) {
            bail!(
                "refusing to use `{shown}` as the output folder: it is inside the site's `{name}/` folder, or holds it, \
                 and every later build would read the generated files back as sources (set output_dir to a folder such as `public`)"
            );
        }
    }
    if meta.is_some() {
        if out.join("content").exists() || out.join("kurator.yaml").exists() {
            bail!("refusing to replace `{shown}`: it holds content/ or kurator.yaml, so it looks like a site, not an output folder");
        }
        let empty = std::fs::read_dir(&out)
            .with_context(|| format!("cannot read `{shown}`"))?
            .next()
            .is_none();
        if !empty && !has_marker(&out) {
            bail!("refusing to replace `{shown}`: it was not made by Kurator (no {MARKER} file); move it away or choose another --output");
        }
    }
    Ok(())
}

/// Whether `dir` is a real folder (not a link to one) holding Kurator's
/// marker as a regular file.
pub(super) fn has_marker(dir: &Path) -> bool {
    is_real_dir(dir)
        && std::fs::symlink_metadata(dir.join(MARKER)).is_ok_and(|m| m.file_type().is_file())
}

/// A folder, not a link to one.
pub(super) fn is_real_dir(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_dir())
}

/// "a FIFO", "a device" …: what the user sees in the refusal.
fn kind(meta: &Metadata) -> &'static str {
    let t = meta.file_type();
    if t.is_file() {
        return "a file";
    }
    special_kind(&t)
}

#[cfg(unix)]
fn special_kind(t: &FileType) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    if t.is_fifo() {
        "a named pipe (FIFO)"
    } else if t.is_socket() {
        "a socket"
    } else if t.is_block_device() || t.is_char_device() {
        "a device"
    } else {
        "a special file"
    }
}

#[cfg(not(unix))]
fn special_kind(_: &FileType) -> &'static str {
    "a special file"
}

/// An absolute, normalised path, resolving symlinks of the parts that exist.
fn absolute(path: &Path) -> Result<PathBuf> {
    if let Ok(p) = path.canonicalize() {
        return Ok(p);
    }
    let cwd = std::env::current_dir().context("cannot read the current folder")?;
    let joined = cwd.join(path);
    let mut existing = joined.clone();
    let mut rest = Vec::new();
    while !existing.exists() {
        match (existing.file_name(), existing.parent()) {
            (Some(name), Some(parent)) => {
                rest.push(name.to_os_string());
                existing = parent.to_path_buf();
            }
            _ => break,
        }
    }
    let mut result = existing.canonicalize().unwrap_or(existing);
    for part in rest.into_iter().rev() {
        if part == ".." {
            result.pop();
        } else if part != "." {
            result.push(part);
        }
    }
    Ok(result)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("content")).unwrap();
        std::fs::write(dir.path().join("kurator.yaml"), "").unwrap();
        dir
    }

    #[test]
    fn refuses_unsafe_output_folders() {
        let s = site();
        let root = s.path();
        assert!(check_output_dir(root, root).is_err());
        assert!(check_output_dir(root, root.parent().unwrap()).is_err());
        assert!(check_output_dir(root, &root.join("content")).is_err());
        std::fs::create_dir(root.join("docs")).unwrap();
        std::fs::write(root.join("docs/readme.txt"), "mine").unwrap();
        let err = check_output_dir(root, &root.join("docs"))
            .unwrap_err()
            .to_string();
        assert!(err.contains("not made by Kurator"), "{err}");
        assert!(check_output_dir(root, &root.join("public")).is_ok());
        std::fs::create_dir(root.join("empty")).unwrap();
        assert!(check_output_dir(root, &root.join("empty")).is_ok());
    }

    /// Issue 17 item 6: output inside any input folder, existing or not.
    #[test]
    fn refuses_output_inside_any_input_folder() {
        let s = site();
        let root = s.path();
        for name in INPUT_DIRS {
            for out in [root.join(name), root.join(name).join("public")] {
                let err = check_output_dir(root, &out).unwrap_err().to_string();
                assert!(err.contains(&format!("`{name}/`")), "{err}");
            }
        }
        assert!(check_output_dir(root, &root.join("templates-out")).is_ok());
    }

    /// Issue 17 items 1 and 2: links, files and FIFOs are refused.
    #[cfg(unix)]
    #[test]
    fn refuses_links_files_and_special_files() {
        let s = site();
        let root = s.path();
        let elsewhere = tempfile::tempdir().unwrap();
        std::fs::write(elsewhere.path().join(MARKER), "x").unwrap();
        std::os::unix::fs::symlink(elsewhere.path(), root.join("public")).unwrap();
        let err = check_output_dir(root, &root.join("public"))
            .unwrap_err()
            .to_string();
        assert!(err.contains("symbolic link"), "{err}");
        std::fs::write(root.join("file"), "x").unwrap();
        let err = check_output_dir(root, &root.join("file"))
            .unwrap_err()
            .to_string();
        assert!(err.contains("is a file"), "{err}");
        let fifo = root.join("fifo");
        assert!(std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success());
        let err = check_output_dir(root, &fifo).unwrap_err().to_string();
        assert!(err.contains("FIFO"), "{err}");
    }
}
