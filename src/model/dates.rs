//! Dates as written in front matter and records: a TOML date or an offset date-time.
//!
//! A date-only value counts as the start of that day in UTC, which errs on the side of
//! publishing later, never earlier. Local date-times (without offset) are refused where an
//! instant matters (embargo): reading them as UTC is how Hugo users publish early.

use jiff::civil::Date;
use jiff::tz::Offset;
use jiff::Timestamp;
use toml::value::Datetime;

use crate::diag::Msg;
use crate::msg;

/// A calendar date, optionally with the exact instant it was given with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateValue {
    /// The calendar date as written (in the writer's time zone).
    pub date: Date,
    /// The instant: as written for offset date-times, 00:00 UTC for plain dates.
    pub instant: Timestamp,
    /// The offset as written, if any (kept for feeds and `<time datetime>`).
    pub offset: Option<Offset>,
}

impl DateValue {
    /// RFC 3339 with the offset as written (`Z` for plain dates).
    pub fn rfc3339(&self) -> String {
        match self.offset {
            Some(off) => self
                .instant
                .to_zoned(off.to_time_zone())
                .strftime("%Y-%m-%dT%H:%M:%S%:z")
                .to_string(),
            None => format!("{}T00:00:00Z", self.date),
        }
    }

    /// The value for an HTML `datetime` attribute: the date, or the full date-time.
    pub fn html(&self) -> String {
        match self.offset {
            Some(_) => self.rfc3339(),
            None => self.date.to_string(),
        }
    }
}

/// Why a TOML datetime cannot be used.
#[derive(Debug, PartialEq, Eq)]
pub enum DateError {
    /// A time without a date.
    NoDate,
    /// A date-time without offset where an instant is needed.
    NoOffset,
    /// A value that is no real date or time (e.g. February 30th), and why.
    Invalid(Msg),
}

/// What a field accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Accept {
    /// A plain date or an offset date-time (`date`, `updated`, `start`…).
    DateOrInstant,
    /// Only an offset date-time (`embargo`).
    InstantOnly,
}

/// Converts a TOML datetime into a [`DateValue`].
pub fn convert(dt: &Datetime, accept: Accept) -> Result<DateValue, DateError> {
    let Some(d) = dt.date else {
        return Err(DateError::NoDate);
    };
    let date = Date::new(d.year as i16, d.month as i8, d.day as i8).map_err(|_| {
        let days = Date::new(d.year as i16, d.month as i8, 1).map(|first| first.days_in_month());
        DateError::Invalid(match days {
            Ok(days) => msg!(
                "date-why-day",
                year = d.year.to_string(),
                month = format!("{:02}", d.month),
                days = days.to_string()
            ),
            Err(_) => msg!("date-why-range"),
        })
    })?;
    let out_of_range = |_| DateError::Invalid(msg!("date-why-range"));
    match (dt.time, dt.offset) {
        (None, _) if accept == Accept::DateOrInstant => {
            let instant = date
                .to_zoned(jiff::tz::TimeZone::UTC)
                .map_err(out_of_range)?
                .timestamp();
            Ok(DateValue {
                date,
                instant,
                offset: None,
            })
        }
        (None, _) | (Some(_), None) => Err(DateError::NoOffset),
        (Some(t), Some(off)) => {
            let secs = match off {
                toml::value::Offset::Z => 0,
                toml::value::Offset::Custom { minutes } => i32::from(minutes) * 60,
            };
            let offset = Offset::from_seconds(secs)
                .map_err(|_| DateError::Invalid(msg!("date-why-offset")))?;
            let time = jiff::civil::Time::new(
                t.hour as i8,
                t.minute as i8,
                t.second.unwrap_or(0) as i8,
                0,
            )
            .map_err(|_| DateError::Invalid(msg!("date-why-time", time = t.to_string())))?;
            let instant = offset
                .to_timestamp(date.to_datetime(time))
                .map_err(out_of_range)?;
            Ok(DateValue {
                date,
                instant,
                offset: Some(offset),
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dt(s: &str) -> Datetime {
        s.parse().unwrap()
    }

    #[test]
    fn plain_date_is_utc_midnight() {
        let v = convert(&dt("2018-05-28"), Accept::DateOrInstant).unwrap();
        assert_eq!(v.rfc3339(), "2018-05-28T00:00:00Z");
        assert_eq!(v.html(), "2018-05-28");
    }

    #[test]
    fn offset_datetime_keeps_offset() {
        let v = convert(&dt("2030-06-01T10:00:00+02:00"), Accept::InstantOnly).unwrap();
        assert_eq!(v.instant.to_string(), "2030-06-01T08:00:00Z");
        assert_eq!(v.rfc3339(), "2030-06-01T10:00:00+02:00");
    }

    #[test]
    fn embargo_needs_offset() {
        assert_eq!(
            convert(&dt("2030-06-01T10:00:00"), Accept::InstantOnly),
            Err(DateError::NoOffset)
        );
        assert_eq!(
            convert(&dt("2030-06-01"), Accept::InstantOnly),
            Err(DateError::NoOffset)
        );
        assert_eq!(
            convert(&dt("10:00:00"), Accept::DateOrInstant),
            Err(DateError::NoDate)
        );
        assert_eq!(
            convert(&dt("2030-06-01T10:00:00"), Accept::DateOrInstant),
            Err(DateError::NoOffset)
        );
    }
}
