//! Issue 21, first part: Markdown written for mdBook builds in a Kurator
//! site as it is. Pages without front matter take their first heading of
//! any level as the title (shown once), `chapter.html` links reach the
//! chapter, `{{#include}}` (whole, lines, anchors), `{{#rustdoc_include}}`
//! and `{{#title}}` work, and what cannot be used is a warning at its place.

use crate::support::{main_region, SiteTest};

#[test]
fn mdbook_style_markdown_builds_with_titles_links_and_includes() {
    let site = SiteTest::fixture("mdbook-style");
    let r = site.run(&["build"]);
    assert_eq!(r.code, 0, "{}", r.stderr);

    // Titles: the first heading of any level, lifted out of the body.
    let steps = site.read("public/first-steps/index.html");
    assert!(steps.contains("<title>First steps — Handbook</title>"));
    let body = main_region(&steps);
    assert_eq!(
        body.matches("<h1 id=\"first-steps\">First steps</h1>")
            .count(),
        1,
        "{body}"
    );
    assert!(
        !body.contains("<h2 id=\"first-steps\""),
        "not shown twice: {body}"
    );
    assert!(body.contains("<h3 id=\"accounts\">"), "later headings stay");

    // Links written for mdBook's output reach the chapter and its anchor.
    assert!(
        body.contains("<a href=\"/tools/#example\">example</a>"),
        "{body}"
    );
    let home = site.read("public/index.html");
    assert!(home.contains("href=\"/tools/#editor\""), "{home}");
    assert!(home.contains("<title>Handbook</title>"));

    // Includes, by anchor (rustdoc lines hidden) and by lines; {{#title}}.
    let tools = site.read("public/tools/index.html");
    assert!(tools.contains("<title>Tools we use — Handbook</title>"));
    assert!(
        tools.contains("fn greet() {\n    println!(\"hello\");\n}"),
        "{}",
        main_region(&tools)
    );
    assert!(
        !tools.contains("let hidden = 1"),
        "rustdoc's hidden lines are left out"
    );
    assert!(!tools.contains("ANCHOR"));
    assert!(tools.contains("// A listing for the handbook.\nuse std::io;\n</code>"));
    assert!(
        tools.contains("<code>{{#include file.rs}}</code>"),
        "an escaped directive is shown"
    );
    assert!(tools.contains("<p>Some text before the first heading.</p>"));

    // What could not be used: one warning each, at its place.
    assert!(
        r.stderr.contains(
            "content/notes.md:1:1: this page has no title, so it is called «Notes» after its file"
        ),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr
            .contains("content/notes.md:1:43: missing.rs does not exist"),
        "{}",
        r.stderr
    );
    assert!(site
        .read("public/notes/index.html")
        .contains("<title>Notes — Handbook</title>"));
}

#[test]
fn an_include_may_not_leave_the_site() {
    let site = SiteTest::fixture("mdbook-style");
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("secret.txt"), "TOKEN=s3cr3t").unwrap();
    let page = format!(
        "## Leak\n\n{{{{#include {}}}}}\n\n{{{{#include ../kurator.yaml}}}}\n",
        outside.path().join("secret.txt").display()
    );
    site.write("content/leak.md", &page);
    let r = site.run(&["build"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let html = site.read("public/leak/index.html");
    assert!(!html.contains("s3cr3t"), "nothing outside the site is read");
    assert!(
        r.stderr.contains("is outside the site folder"),
        "{}",
        r.stderr
    );
    assert!(
        html.contains("title: Handbook"),
        "a file inside the site may be included"
    );
}

/// Every format fixture built twice gives the same bytes, file for file
/// (a vault's second build inside it must not read the first's output).
#[test]
fn the_same_sources_build_the_same_bytes() {
    for fixture in ["mdbook-style", "mdbook-book", "obsidian", "zola", "hugo"] {
        let site = SiteTest::fixture(fixture);
        let one = site.run(&["build", "-o", "one"]);
        assert_eq!(one.code, 0, "{fixture}: {}", one.stderr);
        let two = site.run(&["build", "-o", "two"]);
        assert_eq!(two.code, 0, "{fixture}: {}", two.stderr);
        let first = crate::import::snapshot(&site.path("one"));
        assert!(first.len() > 10, "{fixture}");
        assert_eq!(
            first,
            crate::import::snapshot(&site.path("two")),
            "{fixture}"
        );
    }
}

/// Obsidian notes (issue 21): `[[Note]]`, `[[Note|text]]`, `[[Note#Heading]]`,
/// `[[#Heading]]` and `![[image.png]]` resolve by note name, the shortest
/// path first; a name two notes share is a warning naming both, a name no
/// note has is reported at its place; wiki links count for backlinks.
#[test]
fn obsidian_wiki_links_resolve_by_note_name() {
    // A vault as Obsidian keeps it: notes at the root, `.obsidian/`, no
    // kurator.yaml and no front matter; each note is called by its name.
    let site = SiteTest::fixture("obsidian");
    let r = site.run(&["build"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("Read an Obsidian vault"), "{}", r.stdout);
    let home = site.read("public/Home/index.html");
    assert!(home.contains("<title>Home — site</title>"), "{home}");
    assert!(
        home.contains("<a href=\"/Daily-notes/\">Daily notes</a>"),
        "{home}"
    );
    assert!(home.contains("<a href=\"/Projects/Plan/\">the plan</a>"));
    assert!(
        home.contains("<a href=\"/Projects/Plan/#goals\">"),
        "shortest path, heading slug"
    );
    assert!(
        home.contains("<img src=\"/attachments/diagram.png\""),
        "an image embed"
    );
    assert!(
        !site.path("public/.obsidian").exists() && !site.path("public/public").exists(),
        "neither Obsidian's settings nor the output are pages"
    );
    // `![[Note#Heading]]` shows that part of the note in place.
    let embed = &home[home.find("<div class=\"note-embed\">").expect("an embed")..];
    assert!(
        embed.contains("<a href=\"/Projects/Plan/#goals\">")
            && embed.contains("Ship the handbook."),
        "{embed}"
    );
    // Callouts with titles and folds; `#tags` in the text are tags.
    let daily = site.read("public/Daily-notes/index.html");
    assert!(
        daily.contains("<p class=\"callout-title\">Ask <em>early</em></p>"),
        "{daily}"
    );
    assert!(daily.contains("<details class=\"callout callout-note\"><summary class=\"callout-title\">Why fold?</summary>"));
    assert!(
        daily.contains("href=\"/tags/meeting/\"") && daily.contains("href=\"/tags/teamsales/\""),
        "{daily}"
    );
    for not_a_tag in ["1", "code", "goals"] {
        assert!(
            !site.path(&format!("public/tags/{not_a_tag}")).exists(),
            "{not_a_tag}"
        );
    }
    let plan = site.read("public/Projects/Plan/index.html");
    assert!(plan.contains("<a href=\"#goals\">"));
    assert!(plan.contains("<a href=\"/Daily-notes/\">start</a>"));
    assert!(
        r.stderr
            .contains("Home.md:3:67: [[Plan]] could be Projects/Plan.md or Archive/old/Plan.md"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr
            .contains("Projects/Plan.md:5:77: [[Someday]]: no note is called `Someday`"),
        "{}",
        r.stderr
    );
    // Wiki links make backlinks: the plan lists the notes that link to it.
    let aside = &plan[plan.find("<aside class=\"backlinks\"").expect("backlinks")..];
    assert!(
        aside.contains("href=\"/Home/\">Home</a>")
            && aside.contains("href=\"/Daily-notes/\">Daily notes</a>"),
        "{aside}"
    );
    // A second build reads the vault again, not the first build's output.
    let again = site.run(&["build"]);
    assert_eq!(again.code, 0, "{}", again.stderr);
    assert_eq!(again.stdout.matches("pages").count(), 1);
    assert_eq!(
        site.run(&["check"]).code,
        1,
        "check fails on the missing note"
    );
}

/// Zola pages (issue 21): `+++` TOML front matter (title, description,
/// weight, date, draft, aliases, `[taxonomies]`, `[extra]`) and `@/` links.
#[test]
fn zola_front_matter_and_links() {
    // A Zola site as it is: config.toml, no kurator.yaml; Zola's own
    // templates/ are not read.
    let site = SiteTest::fixture("zola");
    let r = site.run(&["build"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("Read a Zola site"), "{}", r.stdout);
    assert!(!r.stderr.contains("warning"), "{}", r.stderr);
    let home = site.read("public/index.html");
    assert!(home.contains("<a href=\"/guide/\">guide</a>"), "{home}");
    assert!(home.contains("<a href=\"/guide/setup/#install\">setup</a>"));
    let setup = site.read("public/guide/setup/index.html");
    assert!(setup.contains("<title>Setup — Docs</title>"));
    assert!(
        setup.contains("datetime=\"2024-03-01\""),
        "the date is shown"
    );
    assert!(setup.contains("/tags/start/"), "taxonomy terms are tags");
    assert!(setup.contains("<a href=\"/guide/intro/\">intro</a>"));
    // Weight orders the guide: Intro (1) before Setup (2).
    let guide = site.read("public/guide/index.html");
    assert!(
        guide.find("/guide/intro/").unwrap() < guide.find("/guide/setup/\">Setup").unwrap(),
        "{guide}"
    );
    assert!(
        site.path("public/old-setup/index.html").is_file(),
        "aliases redirect"
    );
    // `sort_by = "date"`: newest first, undated last.
    let news = site.read("public/news/index.html");
    let at = |p: &str| {
        news.find(&format!("href=\"/news/{p}/\""))
            .unwrap_or_else(|| panic!("{p}: {news}"))
    };
    assert!(
        at("newer") < at("older") && at("older") < at("undated"),
        "{news}"
    );
    assert!(
        !site.path("public/guide/draft").exists(),
        "drafts are left out"
    );
    // A TOML mistake names its line.
    site.write(
        "content/guide/intro.md",
        "+++\ntitle = \"Intro\"\nweight = = 1\n+++\nText.\n",
    );
    let r = site.run(&["build"]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("content/guide/intro.md:3:"),
        "{}",
        r.stderr
    );
}

/// Hugo pages (issue 21): its YAML keys (`linkTitle`, `categories`,
/// `params`), TOML front matter, `ref`/`relref` links, and other
/// shortcodes left out with one warning each, their inner text kept.
#[test]
fn hugo_front_matter_links_and_shortcodes() {
    // A Hugo site as it is: hugo.toml, layouts/, data/ — no kurator.yaml.
    let site = SiteTest::fixture("hugo");
    let r = site.run(&["build"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("Read a Hugo site"), "{}", r.stdout);
    assert!(
        site.read("public/posts/first/index.html")
            .contains("<title>First post — Notes</title>")
            || site
                .read("public/posts/first/index.html")
                .contains("— Notes</title>"),
        "the title comes from hugo.toml"
    );
    let home = site.read("public/index.html");
    assert!(
        home.contains("<a href=\"/posts/first/\">first post</a>"),
        "{home}"
    );
    let first = site.read("public/posts/first/index.html");
    assert!(
        first.contains("<a href=\"/posts/second/#details\">the second post</a>"),
        "{first}"
    );
    assert!(
        first.contains("Ask early."),
        "a shortcode's inner text stays"
    );
    assert!(
        !first.contains("youtube") && !first.contains("notice"),
        "the shortcodes are gone"
    );
    assert!(first.contains("/tags/process/"), "categories are tags");
    // `linkTitle` names the page in the section tree; its title stays.
    assert!(first.contains("<title>First post — Notes</title>"));
    assert!(
        first.contains("<a aria-current=\"page\" href=\"/posts/first/\">First</a>"),
        "{first}"
    );
    let third = site.read("public/posts/third/index.html");
    assert!(
        third.contains("<title>Third post — Notes</title>"),
        "JSON front matter: {third}"
    );
    assert!(third.contains("/tags/json/"));
    let second = site.read("public/posts/second/index.html");
    assert!(second.contains("<a href=\"/posts/first/\">first</a>"));
    assert!(
        second.contains("<code>{{&lt; ref &quot;x.md&quot; &gt;}}</code>")
            || second.contains("<code>{{&lt; ref \"x.md\" &gt;}}</code>"),
        "code stays text: {second}"
    );
    assert!(
        r.stderr
            .contains("content/posts/first.md:10:1: the shortcode `youtube`"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr
            .contains("content/posts/first.md:12:1: the shortcode `notice`"),
        "{}",
        r.stderr
    );
    assert_eq!(
        r.stderr.matches("the shortcode").count(),
        2,
        "one warning per shortcode: {}",
        r.stderr
    );
}

/// An mdBook builds in place (issue 21): no kurator.yaml, nothing written
/// into the book but the output; chapters titled by their headings (or
/// their SUMMARY.md names), in SUMMARY.md's order, `README.md` as the
/// folder's page, includes expanded, `.html` and `README.md` links
/// resolved, an unlisted chapter left out as mdBook leaves it out.
#[test]
fn an_mdbook_builds_in_place() {
    let book = SiteTest::fixture("mdbook-book");
    let before = crate::import::snapshot(&book.root().join("src"));
    let r = book.run(&["build"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("Read an mdBook as it is"), "{}", r.stdout);
    assert_eq!(
        crate::import::snapshot(&book.root().join("src")),
        before,
        "the book is unchanged"
    );
    let names: Vec<String> = std::fs::read_dir(book.root())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| !n.starts_with('.'))
        .collect();
    let mut names = names;
    names.sort();
    assert_eq!(
        names,
        ["book.toml", "public", "src"],
        "only the output is added"
    );
    let title = |path: &str| {
        let html = book.read(path);
        let start = html.find("<title>").unwrap() + 7;
        html[start..html[start..].find("</title>").unwrap() + start].to_string()
    };
    assert_eq!(title("public/index.html"), "Onboarding handbook");
    assert_eq!(
        title("public/chapter_1/index.html"),
        "Getting started — Onboarding handbook"
    );
    assert_eq!(
        title("public/guide/index.html"),
        "The guide — Onboarding handbook",
        "named in SUMMARY.md"
    );
    assert_eq!(
        title("public/guide/setup/index.html"),
        "Setting up — Onboarding handbook"
    );
    let home = book.read("public/index.html");
    assert!(home.contains("lang=\"en\""), "book.toml's language");
    assert!(
        home.contains("<a href=\"/chapter_1/\">getting started</a>"),
        "{home}"
    );
    assert!(home.contains("<a href=\"/guide/\">the guide</a>"));
    let next = &home[home.find("class=\"next\"").expect("a next link")..];
    assert!(
        next.starts_with("class=\"next\" href=\"/chapter_1/\""),
        "SUMMARY.md's order"
    );
    let guide = book.read("public/guide/index.html");
    assert!(
        guide.contains("<a href=\"/\">the introduction</a>"),
        "README.md links: {guide}"
    );
    // The section tree follows SUMMARY.md: its part title, a chapter it
    // nests though the file is not in a folder, its separator.
    let tree = &home[home.find("<ul class=\"nav-tree\">").expect("the tree")..];
    let tree = &tree[..tree.find("</nav>").unwrap_or(tree.len())];
    assert!(
        tree.contains("<li class=\"nav-part\">The first week</li>\n<li><a href=\"/chapter_1/\">Getting started</a><ul>\n<li><a href=\"/first-day/\">The first day</a></li>\n</ul></li>"),
        "{tree}"
    );
    assert!(
        tree.contains("<li class=\"nav-separator\" aria-hidden=\"true\"></li>\n<li><a href=\"/glossary/\">Glossary</a></li>"),
        "{tree}"
    );
    assert!(book
        .read("public/chapter_1/index.html")
        .contains("href=\"/guide/setup/#tools\""));
    assert!(
        !book.path("public/unlisted").exists(),
        "not in SUMMARY.md, not published"
    );
    assert!(
        !book.path("public/SUMMARY").exists(),
        "the summary is the sidebar, not a page"
    );
    let setup = book.read("public/guide/setup/index.html");
    assert!(
        !setup.contains("{{#include"),
        "includes are expanded: {setup}"
    );
}

/// A build's summary shows three problems of a kind and counts the rest;
/// `kurator check` lists every one (issue 21: never 156 lines of one
/// warning).
#[test]
fn the_build_summary_groups_problems_of_one_kind() {
    let book = SiteTest::fixture("mdbook-book");
    let links: String = (1..=7)
        .map(|n| format!("See [part {n}](../outside{n}.html).\n\n"))
        .collect();
    book.write("src/glossary.md", &format!("# Glossary\n\n{links}"));
    let r = book.run(&["build"]);
    let shown = r.stderr.matches("src/glossary.md:").count();
    assert!(r.stderr.contains("4 more like the above"), "{}", r.stderr);
    let check = book.run(&["check"]);
    assert!(
        check.stderr.matches("src/glossary.md:").count() > shown,
        "check lists all: {}",
        check.stderr
    );
}
