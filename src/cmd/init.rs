//! `kurator init DIR`: a small site that builds, with one section, a page, a
//! quiz and a data file, using the default theme built into the binary.

use std::path::Path;

use anyhow::{bail, Context, Result};

use crate::cli::InitArgs;

/// The skeleton: (path inside the new site, text).
const SKELETON: &[(&str, &str)] = &[
    (
        "kurator.yaml",
        "title: Моя база знаний\ndescription: Курс для новых сотрудников.\nbase_url: /\nlanguage: ru\nmenu:\n  - name: Начало\n    url: getting-started/_index.md\nsearch:\n  synonyms: {}\n",
    ),
    (
        "content/_index.md",
        "---\ntitle: Моя база знаний\ndescription: С чего начать новому сотруднику.\n---\n\nДобро пожаловать! Начните с раздела [«Начало»](getting-started/_index.md).\n",
    ),
    (
        "content/getting-started/_index.md",
        "---\ntitle: Начало\ndescription: Первые шаги.\nweight: 1\n---\n\nПрочитайте [первую страницу](first-page.md) и пройдите тест.\n",
    ),
    (
        "content/getting-started/first-page.md",
        "---\ntitle: Первая страница\ndescription: Пример страницы с тестом.\nweight: 1\ntags: [пример]\n---\n\n## Как писать страницы {#writing}\n\nСтраницы — это Markdown с YAML между строками `---`.\n\n> [!TIP]\n> Ссылайтесь на другие страницы по относительному пути к `.md`.\n\n```quiz\nid: first-quiz\ntitle: Проверьте себя\nquestions:\n  - type: true-false\n    prompt: Страницы пишутся в Markdown.\n    answer: true\n    feedback: Да, именно в Markdown.\n    explanation: См. [как писать страницы](#writing).\n```\n",
    ),
    ("data/links.yaml", "- title: Пример\n  url: https://example.com/\n"),
    ("static/.gitkeep", ""),
    (".gitignore", "/public\n"),
];

pub(crate) fn run(args: &InitArgs) -> Result<u8> {
    create(&args.dir)?;
    println!(
        "Created a new site in {}. Next: cd {} && kurator serve",
        args.dir.display(),
        args.dir.display()
    );
    Ok(0)
}

/// Writes the skeleton into `dir`, refusing to touch an existing site.
pub(crate) fn create(dir: &Path) -> Result<()> {
    if dir.join("kurator.yaml").exists() {
        bail!(
            "{} already holds a site (kurator.yaml exists); choose an empty folder",
            dir.display()
        );
    }
    if dir.join("content").exists() {
        bail!(
            "{} already has a content/ folder; choose an empty folder",
            dir.display()
        );
    }
    for (rel, _) in SKELETON {
        let path = dir.join(rel);
        if path.exists() {
            bail!("{} already exists; choose an empty folder", path.display());
        }
    }
    for (rel, text) in SKELETON {
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .with_context(|| format!("failed to create {}", parent.display()))?;
        }
        std::fs::write(&path, text)
            .with_context(|| format!("failed to write {}", path.display()))?;
    }
    Ok(())
}
