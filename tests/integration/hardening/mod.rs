//! Issue 17: nothing outside the site is read, published or destroyed.
//! Each module reproduces one hole with the real binary on a temporary
//! folder; `docs/hardening.md` lists the threat each closes.

mod collisions;
mod drafts;
mod feeds;
mod link_trees;
mod messages;
mod output;
mod preview;
mod serve;
mod symlinks;
