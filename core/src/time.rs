//! Time as the domain sees it: instants passed in by the caller, and days in the
//! learner's local calendar. Nothing here reads a clock.

use serde::{Deserialize, Serialize};

/// An instant, in milliseconds since the Unix epoch (UTC). Always supplied by the caller.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Timestamp(pub i64);

pub const MS_PER_SECOND: i64 = 1_000;
pub const MS_PER_MINUTE: i64 = 60 * MS_PER_SECOND;
pub const MS_PER_HOUR: i64 = 60 * MS_PER_MINUTE;
pub const MS_PER_DAY: i64 = 24 * MS_PER_HOUR;

impl Timestamp {
    pub fn from_millis(ms: i64) -> Self {
        Timestamp(ms)
    }
    pub fn millis(self) -> i64 {
        self.0
    }
    pub fn plus_days(self, days: f64) -> Self {
        Timestamp(self.0 + (days * MS_PER_DAY as f64).round() as i64)
    }
    pub fn plus_millis(self, ms: i64) -> Self {
        Timestamp(self.0.saturating_add(ms))
    }
    /// Days from `earlier` to `self`, never negative (a clock set back gives 0).
    pub fn days_since(self, earlier: Timestamp) -> f64 {
        ((self.0 - earlier.0).max(0)) as f64 / MS_PER_DAY as f64
    }
    /// The local calendar day of this instant, given the UTC offset in force at that
    /// instant (minutes east of UTC, e.g. -300 for New York in winter). The platform
    /// supplies the offset per instant, so daylight-saving changes are handled.
    pub fn local_day(self, utc_offset_minutes: i32) -> LocalDay {
        let local = self.0 + utc_offset_minutes as i64 * MS_PER_MINUTE;
        LocalDay(local.div_euclid(MS_PER_DAY) as i32)
    }
}

/// A day in the learner's local calendar, counted from 1970-01-01.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub struct LocalDay(pub i32);

impl LocalDay {
    /// (year, month 1..=12, day 1..=31) of this day in the proleptic Gregorian calendar.
    pub fn ymd(self) -> (i32, u32, u32) {
        // Howard Hinnant's civil_from_days.
        let z = self.0 as i64 + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let y = yoe + era * 400;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        ((if m <= 2 { y + 1 } else { y }) as i32, m, d)
    }

    /// The day for a calendar date; `None` for an impossible date.
    pub fn from_ymd(y: i32, m: u32, d: u32) -> Option<LocalDay> {
        if !(1..=12).contains(&m) || d == 0 || d > days_in_month(y, m) {
            return None;
        }
        let y = if m <= 2 { y as i64 - 1 } else { y as i64 };
        let era = y.div_euclid(400);
        let yoe = y.rem_euclid(400);
        let mp = if m > 2 { m - 3 } else { m + 9 } as i64;
        let doy = (153 * mp + 2) / 5 + d as i64 - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        Some(LocalDay((era * 146_097 + doe - 719_468) as i32))
    }

    /// `YYYY-MM-DD`.
    pub fn iso(self) -> String {
        let (y, m, d) = self.ymd();
        format!("{y:04}-{m:02}-{d:02}")
    }

    /// `YYYYMM` as a number, e.g. 202611; used to name monthly history chunks.
    pub fn year_month(self) -> u32 {
        let (y, m, _) = self.ymd();
        (y.max(0) as u32) * 100 + m
    }
}

fn days_in_month(y: i32, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        _ => 28,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_dates_round_trip() {
        for d in -800_000..800_000 {
            if d % 997 != 0 {
                continue;
            }
            let day = LocalDay(d);
            let (y, m, dd) = day.ymd();
            assert_eq!(LocalDay::from_ymd(y, m, dd), Some(day));
        }
        assert_eq!(LocalDay(0).iso(), "1970-01-01");
        assert_eq!(LocalDay::from_ymd(2024, 2, 29).map(|d| d.iso()).as_deref(), Some("2024-02-29"));
        assert_eq!(LocalDay::from_ymd(2023, 2, 29), None);
    }

    #[test]
    fn local_day_uses_the_offset_at_the_instant() {
        // 2026-11-23 03:30 UTC is still 22 Nov in New York (UTC-5).
        let t = Timestamp(LocalDay::from_ymd(2026, 11, 23).unwrap().0 as i64 * MS_PER_DAY + 3 * MS_PER_HOUR + 30 * MS_PER_MINUTE);
        assert_eq!(t.local_day(0).iso(), "2026-11-23");
        assert_eq!(t.local_day(-300).iso(), "2026-11-22");
        assert_eq!(t.local_day(60).iso(), "2026-11-23");
        assert_eq!(Timestamp(-1).local_day(0), LocalDay(-1));
    }

    #[test]
    fn days_since_never_goes_negative() {
        assert_eq!(Timestamp(0).days_since(Timestamp(MS_PER_DAY)), 0.0);
        assert_eq!(Timestamp(MS_PER_DAY * 2).days_since(Timestamp(0)), 2.0);
    }
}
