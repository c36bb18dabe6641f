//! Markdown written for other tools (issue 21). Pages in such Markdown
//! build as they are (`content::page` takes the first heading as the title,
//! `content::links` reads `chapter.html`, `content::include` expands
//! mdBook's directives); this module reads the other tools' layouts:
//! mdBook's `SUMMARY.md` and `book.toml`, for `kurator import`.

pub mod mdbook;
pub mod summary;
