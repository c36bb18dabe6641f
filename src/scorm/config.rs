//! The optional `scorm:` settings of `kurator.yaml`.

use serde::{Deserialize, Serialize};

/// `scorm:` in `kurator.yaml`; every key is optional.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct ScormConfig {
    /// The manifest's identifier (an XML name); derived from the title when absent.
    pub identifier: Option<String>,
    /// Percent of the average quiz score to pass the course (0–100). Without
    /// it, the course is passed when every counted quiz is passed.
    pub mastery_score: Option<f64>,
    /// Ids of the knowledge quizzes that count; all knowledge quizzes when absent.
    pub quizzes: Option<Vec<String>>,
}
