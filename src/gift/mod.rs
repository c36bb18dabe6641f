//! Moodle's quiz-bank formats: GIFT in (a ```` ```quiz gift ```` block is
//! parsed by [`syntax`] and turned into a Kurator quiz by [`convert`]), GIFT
//! and Moodle XML out ([`write`], for `kurator export quizzes`).

pub mod convert;
pub mod syntax;
pub mod write;
