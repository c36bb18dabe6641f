//! Result bands of a self-assessment: ranges of percent that must cover
//! 0–100 with no gaps and no overlaps. Pure, so every edge is unit-tested.

/// Problems with a list of bands `(from, to)`, in percent: each must lie in
/// 0–100 with `from <= to`, and together, in order of `from`, they must cover
/// 0 to 100 without gaps or overlaps. Returns (band index, message, help).
pub fn band_problems(bands: &[(i64, i64)]) -> Vec<(usize, String, String)> {
    let mut problems = Vec::new();
    if bands.is_empty() {
        return problems;
    }
    for (k, &(from, to)) in bands.iter().enumerate() {
        if !(0..=100).contains(&from) || !(0..=100).contains(&to) || from > to {
            problems.push((
                k,
                format!("band {from}–{to} is not a range within 0–100"),
                "write `from` and `to` as percents, `from` <= `to`".to_string(),
            ));
        }
    }
    if !problems.is_empty() {
        return problems;
    }
    let mut order: Vec<usize> = (0..bands.len()).collect();
    order.sort_by_key(|&k| bands[k]);
    let mut covered_to = -1;
    for &k in &order {
        let (from, to) = bands[k];
        if from > covered_to + 1 {
            problems.push((
                k,
                format!("scores {}–{} fall in no band", covered_to + 1, from - 1),
                format!("start this band at {}", covered_to + 1),
            ));
        } else if from <= covered_to {
            problems.push((
                k,
                format!(
                    "band {from}–{to} overlaps the one before it (scores {from}–{} are in both)",
                    covered_to.min(to)
                ),
                format!("start this band at {}", covered_to + 1),
            ));
        }
        covered_to = covered_to.max(to);
    }
    if covered_to < 100 {
        let last = *order.last().expect("bands is not empty");
        problems.push((
            last,
            format!("scores {}–100 fall in no band", covered_to + 1),
            "end the last band at 100".to_string(),
        ));
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bands_cover_zero_to_hundred() {
        assert!(band_problems(&[(0, 49), (50, 100)]).is_empty());
        assert!(band_problems(&[(50, 100), (0, 49)]).is_empty());
        assert!(band_problems(&[(0, 100)]).is_empty());
    }

    #[test]
    fn gaps_overlaps_and_ends() {
        let gap = band_problems(&[(0, 49), (60, 100)]);
        assert_eq!(gap.len(), 1);
        assert_eq!(
            (gap[0].0, gap[0].1.as_str()),
            (1, "scores 50–59 fall in no band")
        );
        let overlap = band_problems(&[(0, 55), (50, 100)]);
        assert_eq!(overlap[0].0, 1);
        assert!(
            overlap[0].1.contains("scores 50–55 are in both"),
            "{}",
            overlap[0].1
        );
        let start = band_problems(&[(10, 100)]);
        assert_eq!(start[0].1, "scores 0–9 fall in no band");
        let end = band_problems(&[(0, 49), (50, 90)]);
        assert_eq!(
            (end[0].0, end[0].1.as_str()),
            (1, "scores 91–100 fall in no band")
        );
        let bad = band_problems(&[(0, 120), (-5, 3)]);
        assert_eq!(bad.len(), 2);
    }
}
