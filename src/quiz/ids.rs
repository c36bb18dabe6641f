//! Quiz ids: the rule (they go into HTML ids and localStorage keys) and a
//! suggestion when one breaks it.

/// Quiz ids go into HTML ids and localStorage keys: a-z, 0-9 and `-`.
pub fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .chars()
            .all(|ch| ch.is_ascii_lowercase() || ch.is_ascii_digit() || ch == '-')
}

pub(super) fn suggest_id(id: &str) -> String {
    let slug: String = id
        .to_lowercase()
        .chars()
        .map(|ch| {
            if ch.is_ascii_lowercase() || ch.is_ascii_digit() {
                ch
            } else {
                '-'
            }
        })
        .collect();
    let slug = slug
        .split('-')
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    if slug.is_empty() {
        "my-quiz".to_string()
    } else {
        slug
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids() {
        assert!(is_valid_id("duties-basics-2"));
        assert!(!is_valid_id("Duties basics"));
        assert!(!is_valid_id(""));
        assert_eq!(suggest_id("Duties  basics!"), "duties-basics");
        assert_eq!(suggest_id("Тест"), "my-quiz");
    }
}
