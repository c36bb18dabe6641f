//! `kurator export quizzes`: every knowledge quiz of the site as GIFT or
//! Moodle XML (see `src/gift/`), for a Moodle question bank. Quiz blocks are
//! found with pulldown-cmark in every page under content/, in path order.

use anyhow::{Context as _, Result};
use pulldown_cmark::{CodeBlockKind, Event, Parser, Tag, TagEnd};

use super::{plural, print_diagnostics};
use crate::cli::{ExportArgs, ExportKind, ExportQuizzesArgs, QuizFormatArg};
use crate::content::front_matter;
use crate::diagnostic::Diagnostic;
use crate::gift::{convert, write};
use crate::quiz::schema::RawQuiz;
use crate::yaml::{self, YamlSource};

pub(crate) fn run(args: &ExportArgs) -> Result<u8> {
    match &args.kind {
        ExportKind::Quizzes(quizzes) => run_quizzes(quizzes),
    }
}

fn run_quizzes(args: &ExportQuizzesArgs) -> Result<u8> {
    let root = &args.site.root;
    let content = root.join("content");
    if !content.is_dir() {
        anyhow::bail!(
            "{} has no content/ folder: run the command in a site folder or pass --root",
            root.display()
        );
    }
    let mut quizzes = Vec::new();
    let mut problems = Vec::new();
    let mut files: Vec<_> = walkdir::WalkDir::new(&content)
        .sort_by_file_name()
        .into_iter()
        .flatten()
        .filter(|e| {
            e.file_type().is_file()
                && e.path()
                    .extension()
                    .is_some_and(|x| x == "md" || x == "gift")
        })
        .map(walkdir::DirEntry::into_path)
        .collect();
    files.sort();
    for file in files {
        let rel = file
            .strip_prefix(root)
            .unwrap_or(&file)
            .to_string_lossy()
            .replace('\\', "/");
        let text = std::fs::read_to_string(&file).with_context(|| format!("cannot read {rel}"))?;
        // A `.gift` file is a page holding one GIFT quiz.
        let parsed = if rel.ends_with(".gift") {
            convert::to_quiz(convert::GiftSource {
                path: &rel,
                text: &text,
                first_line: 1,
            })
            .map(|q| vec![q])
        } else {
            quizzes_in(&rel, &text)
        };
        match parsed {
            Ok(found) => quizzes.extend(found),
            Err(mut found) => problems.append(&mut found),
        }
    }
    if !problems.is_empty() {
        print_diagnostics(&problems);
        return Ok(crate::cmd::EXIT_SITE_ERRORS);
    }
    let export = match args.format {
        QuizFormatArg::Gift => write::gift(&quizzes),
        QuizFormatArg::MoodleXml => {
            write::moodle_xml(&quizzes).context("cannot write Moodle XML")?
        }
    };
    for note in &export.notes {
        eprintln!("note: {note}");
    }
    let knowledge = quizzes
        .iter()
        .filter(|q| q.kind == crate::quiz::schema::Kind::Knowledge)
        .count();
    match &args.out {
        Some(out) => {
            std::fs::write(out, &export.text)
                .with_context(|| format!("cannot write {}", out.display()))?;
            eprintln!(
                "Exported {} into {}",
                plural(knowledge, "knowledge quiz", "knowledge quizzes"),
                out.display()
            );
        }
        None => print!("{}", export.text),
    }
    Ok(0)
}

/// The quizzes of one page, YAML or GIFT, with every problem at its line.
pub(crate) fn quizzes_in(path: &str, text: &str) -> Result<Vec<RawQuiz>, Vec<Diagnostic>> {
    let split = front_matter::split(path, text).map_err(|d| vec![d])?;
    let mut quizzes = Vec::new();
    let mut problems = Vec::new();
    let mut block: Option<(bool, usize, String)> = None;
    for (event, range) in Parser::new(split.body).into_offset_iter() {
        match event {
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info)))
                if info.split_whitespace().next() == Some("quiz") =>
            {
                let line = split.body_line + split.body[..range.start].matches('\n').count() + 1;
                let gift = info.split_whitespace().nth(1) == Some("gift");
                block = Some((gift, line, String::new()));
            }
            Event::Text(t) => {
                if let Some((_, _, body)) = block.as_mut() {
                    body.push_str(&t);
                }
            }
            Event::End(TagEnd::CodeBlock) => {
                let Some((gift, line, body)) = block.take() else {
                    continue;
                };
                let parsed = if gift {
                    convert::to_quiz(convert::GiftSource {
                        path,
                        text: &body,
                        first_line: line,
                    })
                } else {
                    yaml::parse::<RawQuiz>(YamlSource {
                        path,
                        text: &body,
                        first_line: line,
                    })
                    .map_err(|d| vec![d])
                };
                match parsed {
                    Ok(q) => quizzes.push(q),
                    Err(mut d) => problems.append(&mut d),
                }
            }
            _ => {}
        }
    }
    if problems.is_empty() {
        Ok(quizzes)
    } else {
        Err(problems)
    }
}
