//! The library's clock: Beijing time (UTC+8), whatever the server's zone. Download allowances,
//! paid-hint budgets, "today's" material, feeds and the daily bundle all count by its days.

use time::{Date, Month, OffsetDateTime, Time, UtcOffset};

const BEIJING: UtcOffset = match UtcOffset::from_hms(8, 0, 0) {
    Ok(offset) => offset,
    Err(_) => panic!("UTC+8 is an offset"),
};

/// `unix` in Beijing; times past year 9999 (never a clock's) are held at its end.
fn beijing(unix: i64) -> OffsetDateTime {
    let clamped = unix.clamp(
        Date::MIN.midnight().assume_utc().unix_timestamp(),
        Date::MAX.midnight().assume_utc().unix_timestamp(),
    );
    OffsetDateTime::from_unix_timestamp(clamped)
        .expect("clamped into range")
        .to_offset(BEIJING)
}

fn ymd(date: Date) -> String {
    format!(
        "{:04}-{:02}-{:02}",
        date.year(),
        u8::from(date.month()),
        date.day()
    )
}

/// The calendar day of `unix` in Beijing, as `YYYY-MM-DD`.
pub fn beijing_day(unix: i64) -> String {
    ymd(beijing(unix).date())
}

/// The day and time of `unix` in Beijing, to the minute (`2026-11-25 09:30`).
pub fn beijing_minute(unix: i64) -> String {
    let t = beijing(unix);
    format!("{} {:02}:{:02}", ymd(t.date()), t.hour(), t.minute())
}

/// `unix` as RFC 3339 in Beijing time (`2026-11-25T09:30:00+08:00`).
pub fn rfc3339(unix: i64) -> String {
    let t = beijing(unix);
    format!(
        "{}T{:02}:{:02}:{:02}+08:00",
        ymd(t.date()),
        t.hour(),
        t.minute(),
        t.second()
    )
}

/// The unix time of the midnight (Beijing) that starts the day of `unix`.
pub fn beijing_midnight(unix: i64) -> i64 {
    beijing(unix).replace_time(Time::MIDNIGHT).unix_timestamp()
}

/// The unix time of the midnight (Beijing) that starts `date` (`YYYY-MM-DD`, a real day).
pub fn day_start(date: &str) -> Option<i64> {
    let mut parts = date.splitn(3, '-');
    let mut number = |digits: usize| {
        let part = parts.next()?;
        (part.len() == digits && part.bytes().all(|b| b.is_ascii_digit()))
            .then(|| part.parse::<u16>().ok())?
    };
    let (year, month, day) = (number(4)?, number(2)?, number(2)?);
    let month = Month::try_from(u8::try_from(month).ok()?).ok()?;
    let day = Date::from_calendar_date(i32::from(year), month, u8::try_from(day).ok()?).ok()?;
    Some(day.midnight().assume_offset(BEIJING).unix_timestamp())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_turn_at_beijing_midnight() {
        // 2026-11-25 00:30 Beijing = 2026-11-24 16:30 UTC.
        let t = 1_795_537_800;
        assert_eq!(beijing_day(t), "2026-11-25");
        let midnight = beijing_midnight(t);
        assert_eq!(t - midnight, 30 * 60);
        assert_eq!(beijing_day(midnight), "2026-11-25");
        assert_eq!(beijing_day(midnight - 1), "2026-11-24");
        assert_eq!(day_start("2026-11-25"), Some(midnight));
        assert_eq!(beijing_minute(t), "2026-11-25 00:30");
        assert_eq!(rfc3339(t + 5), "2026-11-25T00:30:05+08:00");
        assert_eq!(day_start("1970-01-01"), Some(-8 * 3600));
    }

    #[test]
    fn beijing_days() {
        assert_eq!(beijing_day(0), "1970-01-01");
        assert_eq!(beijing_day(1_764_086_400), "2025-11-26"); // 2025-11-25 16:00 UTC
        assert_eq!(beijing_day(1_764_086_399), "2025-11-25");
        assert_eq!(beijing_day(951_782_400), "2000-02-29"); // 2000-02-28 16:00 UTC
    }

    #[test]
    fn only_real_days_start() {
        for bad in [
            "2026-02-30",
            "2026-13-01",
            "2026-1-01",
            "26-01-01",
            "2026-01-01x",
            "",
        ] {
            assert_eq!(day_start(bad), None, "{bad}");
        }
        assert_eq!(
            day_start("2024-02-29").map(beijing_day).as_deref(),
            Some("2024-02-29")
        );
    }
}
