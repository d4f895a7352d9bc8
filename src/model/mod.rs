//! The model: plain data, loaded and validated, that layout reads — the
//! content (pack, contacts, languages) and the organisations it is made for.

mod content;
pub mod details;
mod langs;
mod nation;
mod org;

pub use content::*;
pub use langs::{LangSel, NotAPair, Pair};
pub use nation::{Nation, UnknownNation};
pub use org::*;

use std::fmt;

/// A calendar date (no time, no zone: content is dated by day).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Date {
    /// The date `days` after 1970-01-01 (Howard Hinnant's algorithm).
    pub fn from_unix_days(days: i64) -> Date {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as u16;
        Date { year, month, day }
    }

    /// The day `secs` seconds after the Unix epoch falls on (UTC).
    pub fn from_unix_seconds(secs: i64) -> Date {
        Date::from_unix_days(secs.div_euclid(86_400))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn epoch_days_to_dates() {
        let date = |year, month, day| Date { year, month, day };
        assert_eq!(Date::from_unix_days(0), date(1970, 1, 1));
        assert_eq!(Date::from_unix_days(20_420), date(2025, 11, 28));
        assert_eq!(Date::from_unix_days(19_782), date(2024, 2, 29));
    }
}
