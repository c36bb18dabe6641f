//! The self-assessment's key, inside a disclosure: how scoring works, the
//! overall result bands and the bands of each trait. The script clones the
//! matching band into the result, so band markup carries no ids.

use std::fmt::Write as _;

use super::locate::{Step, Step::Item, Step::Key};
use super::model::{Band, Body};
use serde_json::{json, Value};

use super::model::Quiz;
use super::render::{path, Renderer};
use crate::html::escape;

// `write!` into a `String` cannot fail; the results are ignored with `_ =`.
impl Renderer<'_> {
    pub(super) fn self_assessment_key(&mut self) {
        let (quiz, labels) = (self.quiz, self.labels);
        _ = writeln!(
            self.h,
            "<details class=\"quiz-answers\"><summary>{}</summary>\n<p>{}</p>",
            labels.how_scored, labels.scoring
        );
        let reversed: Vec<String> = (quiz.questions.iter().enumerate())
            .filter(|(_, q)| matches!(q.body, Body::Scale { reverse: true, .. }))
            .map(|(i, _)| (i + 1).to_string())
            .collect();
        if !reversed.is_empty() {
            _ = writeln!(
                self.h,
                "<p class=\"quiz-reversed\">{} {}.</p>",
                labels.reversed,
                reversed.join(", ")
            );
        }
        self.h.push_str("<div class=\"quiz-bands\">\n");
        for (k, band) in quiz.bands.iter().enumerate() {
            self.band(band, k, None, &[Key("bands"), Item(k)]);
        }
        self.h.push_str("</div>\n");
        let with_bands: Vec<_> = (quiz.traits.iter())
            .filter(|tr| quiz.trait_bands.contains_key(&tr.id) || !tr.read.is_empty())
            .collect();
        if !with_bands.is_empty() {
            _ = writeln!(self.h, "<p>{}</p>", labels.by_trait);
        }
        for (k, tr) in quiz.traits.iter().enumerate() {
            if !with_bands.iter().any(|w| w.id == tr.id) {
                continue;
            }
            let id = escape(&tr.id);
            _ = writeln!(self.h, "<div class=\"quiz-trait\" data-trait=\"{id}\">");
            _ = writeln!(
                self.h,
                "<p class=\"quiz-trait-name\">{}</p>",
                escape(&tr.name)
            );
            let bands = quiz.trait_bands.get(&tr.id).into_iter().flatten();
            for (b, band) in bands.enumerate() {
                let at = [Key("trait_bands"), Key(&tr.id), Item(b)];
                self.band(band, b, Some(&tr.id), &at);
            }
            let class = format!("quiz-read quiz-trait-read\" data-trait=\"{id}");
            let read = (self.texts).read_list(&tr.read, &[Key("traits"), Item(k)], &class, labels);
            self.h.push_str(&read);
            self.h.push_str("</div>\n");
        }
        self.h.push_str("</details>\n");
    }

    fn band(&mut self, band: &Band, k: usize, trait_id: Option<&str>, at: &[Step<'_>]) {
        let trait_attr = trait_id
            .map(|id| format!(" data-trait=\"{}\"", escape(id)))
            .unwrap_or_default();
        let title = match &band.title {
            Some(title) => format!(
                " <span class=\"quiz-band-name\">{}</span>",
                self.texts.inline(title, &path(at, &[Key("title")]))
            ),
            None => String::new(),
        };
        let (from, to) = (band.from, band.to);
        let h = &mut self.h;
        _ = writeln!(
            h,
            "<div class=\"quiz-band\" data-band=\"{k}\"{trait_attr} data-from=\"{from}\" data-to=\"{to}\">"
        );
        _ = write!(h, "<p class=\"quiz-band-title\">");
        _ = writeln!(
            h,
            "<span class=\"quiz-band-range\">{from}–{to} %</span>{title}</p>"
        );
        if let Some(text) = &band.text {
            let text = self.texts.block(text, &path(at, &[Key("text")]));
            _ = writeln!(self.h, "<div class=\"quiz-band-text\">{text}</div>");
        }
        let read = self
            .texts
            .read_list(&band.read, at, "quiz-read", self.labels);
        self.h.push_str(&read);
        self.h.push_str("</div>\n");
    }
}

/// The self-assessment's scale, traits and band ranges in the script's data.
pub(super) fn self_assessment_data(quiz: &Quiz, data: &mut Value) {
    let ranges = |bands: &[Band]| {
        bands
            .iter()
            .map(|b| json!([b.from, b.to]))
            .collect::<Vec<_>>()
    };
    if let Some(scale) = &quiz.scale {
        data["scale"] = json!({ "min": scale.min, "max": scale.max });
    }
    data["traits"] = (quiz.traits.iter())
        .map(|tr| json!({ "id": tr.id, "name": tr.name }))
        .collect();
    data["bands"] = json!(ranges(&quiz.bands));
    data["traitBands"] = (quiz.trait_bands.iter())
        .map(|(k, v)| (k.clone(), json!(ranges(v))))
        .collect::<serde_json::Map<_, _>>()
        .into();
}
