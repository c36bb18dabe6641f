//! Page upkeep (issue 22): who answers for a page (`owner`), when it was
//! last checked (`reviewed`) and how often it should be (`review_every`,
//! per page, per section in `_index.md`, or for the site in `kurator.yaml`).
//! A page past its due date is stale: the theme shows a calm notice and
//! `kurator check --stale` lists it by owner.
//!
//! Pure functions over dates; "today" is chosen once per run by the caller
//! (`--today`, then `SOURCE_DATE_EPOCH`, then the clock) so builds stay
//! reproducible.

use jiff::civil::Date;
use jiff::{Span, ToSpan as _};
use serde::Serialize;

use crate::config::SiteConfig;
use crate::content::Site;

/// Pages due within this many days are listed as soon due.
pub const SOON_DAYS: i64 = 30;

/// How often a page should be reviewed: `6 months`, `1 year`, `2 weeks`,
/// `90 days` (Russian units too: `6 месяцев`, `1 год`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    pub amount: i64,
    pub unit: PeriodUnit,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PeriodUnit {
    Days,
    Weeks,
    Months,
    Years,
}

impl Period {
    fn span(self) -> Span {
        match self.unit {
            PeriodUnit::Days => self.amount.days(),
            PeriodUnit::Weeks => self.amount.weeks(),
            PeriodUnit::Months => self.amount.months(),
            PeriodUnit::Years => self.amount.years(),
        }
    }
}

/// Reads a period; the error says what was expected.
pub fn parse_period(text: &str) -> Result<Period, String> {
    let mut parts = text.split_whitespace();
    let (Some(number), Some(unit), None) = (parts.next(), parts.next(), parts.next()) else {
        return Err(format!("`{text}` is not a period"));
    };
    let amount: i64 = number
        .parse()
        .ok()
        .filter(|n| (1..=1000).contains(n))
        .ok_or_else(|| format!("`{number}` is not a whole number from 1 to 1000"))?;
    let unit = unit.to_lowercase();
    let unit = match unit.as_str() {
        "day" | "days" | "день" | "дня" | "дней" => PeriodUnit::Days,
        "week" | "weeks" | "неделя" | "недели" | "недель" => PeriodUnit::Weeks,
        "month" | "months" | "месяц" | "месяца" | "месяцев" => PeriodUnit::Months,
        "year" | "years" | "год" | "года" | "лет" => PeriodUnit::Years,
        _ => return Err(format!("`{unit}` is not a unit of time")),
    };
    Ok(Period { amount, unit })
}

/// What `review_every` accepts, for help lines.
pub const PERIOD_HELP: &str =
    "write a number and a unit: `6 months`, `1 year`, `2 weeks`, `90 days` (or `6 месяцев`)";

/// A `reviewed` value: the date part of a front matter date.
pub fn parse_day(text: &str) -> Result<Date, String> {
    let day = text.trim().get(..10).unwrap_or(text.trim());
    day.parse::<Date>().map_err(|e| {
        let text = e.to_string();
        let reason = text.rsplit_once(": ").map_or(text.as_str(), |(_, r)| r);
        format!("`{day}` is not a date ({reason})")
    })
}

/// When a page reviewed on `reviewed` is due again. A month after 31 January
/// is the last day of February, as people count.
pub fn due(reviewed: Date, every: Period) -> Date {
    reviewed.checked_add(every.span()).unwrap_or(Date::MAX)
}

/// How a page stands on `today`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "status", rename_all = "kebab-case")]
pub enum Freshness {
    Fresh,
    /// Due in `days` days (0 = today).
    DueSoon {
        days: i64,
    },
    /// `days` days past its due date.
    Overdue {
        days: i64,
    },
}

pub fn freshness(today: Date, due: Date) -> Freshness {
    // Whole days from today to the due date (negative once it has passed).
    let days = i64::from(today.until(due).map_or(0, |span| span.get_days()));
    if days < 0 {
        Freshness::Overdue { days: -days }
    } else if days <= SOON_DAYS {
        Freshness::DueSoon { days }
    } else {
        Freshness::Fresh
    }
}

/// Today for this run: `--today`, else `SOURCE_DATE_EPOCH` (seconds, UTC),
/// else the system clock in UTC.
pub fn today(flag: Option<&str>, source_date_epoch: Option<&str>) -> Result<Date, String> {
    if let Some(flag) = flag {
        return parse_day(flag).map_err(|e| format!("--today: {e}"));
    }
    if let Some(epoch) = source_date_epoch.filter(|s| !s.trim().is_empty()) {
        let seconds: i64 = epoch
            .trim()
            .parse()
            .map_err(|_| format!("SOURCE_DATE_EPOCH=`{epoch}` is not a number of seconds"))?;
        let ts = jiff::Timestamp::from_second(seconds)
            .map_err(|e| format!("SOURCE_DATE_EPOCH=`{epoch}`: {e}"))?;
        return Ok(ts.to_zoned(jiff::tz::TimeZone::UTC).date());
    }
    Ok(jiff::Timestamp::now()
        .to_zoned(jiff::tz::TimeZone::UTC)
        .date())
}

/// A day as the site's readers write it: `01.12.2026` in Russian, ISO
/// `2026-12-01` otherwise.
pub fn local_day(day: Date, language: &str) -> String {
    if language.starts_with("ru") {
        day.strftime("%d.%m.%Y").to_string()
    } else {
        day.to_string()
    }
}

/// A page's upkeep as templates and `check --stale` see it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PageReview {
    pub owner: Option<String>,
    /// `YYYY-MM-DD`.
    pub reviewed: Option<String>,
    /// The same day as readers of the site's language write it
    /// (`01.12.2026` in Russian).
    pub reviewed_text: Option<String>,
    /// When it is due, if it has a review date and a period.
    pub due: Option<String>,
    #[serde(flatten)]
    pub freshness: Freshness,
}

impl PageReview {
    pub fn is_stale(&self) -> bool {
        matches!(self.freshness, Freshness::Overdue { .. })
    }
}

/// Every page's upkeep, by page index: its own `owner` and `review_every`,
/// else its nearest section's, else the site's `review_every`. Values were
/// checked when the front matter and config were read; one that does not
/// parse here counts as absent.
pub fn site_reviews(site: &Site, config: &SiteConfig, today: Date) -> Vec<PageReview> {
    let site_every = config
        .review_every
        .as_deref()
        .and_then(|p| parse_period(p).ok());
    (0..site.pages.len())
        .map(|i| {
            let chain: Vec<usize> = std::iter::once(i)
                .chain(site.ancestors(i).into_iter().rev())
                .collect();
            let front = |j: usize| &site.pages[j].front;
            let owner = chain.iter().find_map(|&j| front(j).owner.clone());
            let every = chain
                .iter()
                .find_map(|&j| {
                    front(j)
                        .review_every
                        .as_deref()
                        .and_then(|p| parse_period(p).ok())
                })
                .or(site_every);
            let reviewed = front(i).reviewed.as_deref().and_then(|d| parse_day(d).ok());
            let due_date = reviewed.zip(every).map(|(r, e)| due(r, e));
            PageReview {
                owner,
                reviewed: reviewed.map(|d| d.to_string()),
                reviewed_text: reviewed.map(|d| local_day(d, &config.language)),
                due: due_date.map(|d| d.to_string()),
                freshness: due_date.map_or(Freshness::Fresh, |d| freshness(today, d)),
            }
        })
        .collect()
}

/// A page `check --stale` lists: overdue, or due within [`SOON_DAYS`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StaleEntry {
    /// `None` when neither the page nor its sections name one.
    pub owner: Option<String>,
    pub title: String,
    /// Source path (`content/kpi/_index.md`).
    pub source: String,
    /// Site path (`kpi/`).
    pub url: String,
    pub reviewed: String,
    pub due: String,
    #[serde(flatten)]
    pub freshness: Freshness,
}

/// The overdue and soon-due pages, grouped by owner (pages without one
/// last), most overdue first within each owner.
pub fn stale_entries(site: &Site, reviews: &[PageReview]) -> Vec<StaleEntry> {
    let mut out: Vec<StaleEntry> = site
        .pages
        .iter()
        .zip(reviews)
        .filter(|(_, r)| r.freshness != Freshness::Fresh)
        .filter_map(|(page, r)| {
            Some(StaleEntry {
                owner: r.owner.clone(),
                title: page.title.clone(),
                source: page.source.clone(),
                url: page.url.clone(),
                reviewed: r.reviewed.clone()?,
                due: r.due.clone()?,
                freshness: r.freshness,
            })
        })
        .collect();
    // Days past due: positive when overdue, negative while still ahead.
    let lateness = |f: &Freshness| match *f {
        Freshness::Overdue { days } => days,
        Freshness::DueSoon { days } => -days,
        Freshness::Fresh => i64::MIN,
    };
    out.sort_by(|a, b| {
        (a.owner.is_none(), &a.owner)
            .cmp(&(b.owner.is_none(), &b.owner))
            .then(lateness(&b.freshness).cmp(&lateness(&a.freshness)))
            .then(a.source.cmp(&b.source))
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> Date {
        s.parse().unwrap()
    }

    #[test]
    fn periods_in_english_and_russian() {
        let months = Period {
            amount: 6,
            unit: PeriodUnit::Months,
        };
        assert_eq!(parse_period("6 months"), Ok(months));
        assert_eq!(parse_period(" 6  месяцев "), Ok(months));
        assert_eq!(parse_period("1 год").unwrap().unit, PeriodUnit::Years);
        assert_eq!(parse_period("2 weeks").unwrap().unit, PeriodUnit::Weeks);
        assert_eq!(parse_period("90 дней").unwrap().amount, 90);
        for bad in [
            "6",
            "months",
            "six months",
            "0 days",
            "-1 year",
            "6 fortnights",
            "1 year 2",
        ] {
            assert!(parse_period(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn due_dates_count_calendar_months_and_leap_days() {
        let months = |n| Period {
            amount: n,
            unit: PeriodUnit::Months,
        };
        assert_eq!(due(day("2026-01-31"), months(1)), day("2026-02-28"));
        assert_eq!(due(day("2026-06-15"), months(6)), day("2026-12-15"));
        let year = Period {
            amount: 1,
            unit: PeriodUnit::Years,
        };
        assert_eq!(due(day("2028-02-29"), year), day("2029-02-28"));
        let days = Period {
            amount: 90,
            unit: PeriodUnit::Days,
        };
        assert_eq!(due(day("2026-12-01"), days), day("2027-03-01"));
    }

    #[test]
    fn stale_soon_and_fresh_around_the_due_date() {
        let due = day("2026-06-01");
        assert_eq!(
            freshness(day("2026-06-02"), due),
            Freshness::Overdue { days: 1 }
        );
        assert_eq!(
            freshness(day("2027-06-01"), due),
            Freshness::Overdue { days: 365 }
        );
        assert_eq!(
            freshness(day("2026-06-01"), due),
            Freshness::DueSoon { days: 0 }
        );
        assert_eq!(
            freshness(day("2026-05-02"), due),
            Freshness::DueSoon { days: 30 }
        );
        assert_eq!(freshness(day("2026-05-01"), due), Freshness::Fresh);
    }

    #[test]
    fn today_comes_from_the_flag_then_source_date_epoch_then_the_clock() {
        assert_eq!(today(Some("2026-03-04"), Some("0")), Ok(day("2026-03-04")));
        assert_eq!(today(None, Some("1767225600")), Ok(day("2026-01-01")));
        assert!(today(Some("2026-02-30"), None).is_err());
        assert!(today(None, Some("soon")).is_err());
        assert!(
            today(None, Some("")).unwrap() >= day("2026-01-01"),
            "the clock"
        );
    }
}
