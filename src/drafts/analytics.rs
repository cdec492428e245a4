//! The analytics dashboard's choices as plain data: which KPIs (the console's own list of the
//! standard names, per level), over which date range (presets or a custom start and end,
//! checked against the service's bounds: at most 31 calendar days, starting fewer than 90
//! days ago), and the rows a KPI answered, with their totals and CSV.

use chrono::{Duration, NaiveDate};
use serde::{Deserialize, Serialize};

/// The longest range the service answers, in calendar days.
pub const MAX_RANGE_DAYS: i64 = 31;
/// How far back a range may start, in days.
pub const MAX_AGE_DAYS: i64 = 90;

/// What the KPIs are asked about: the project, one campaign or one journey.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum KpiLevel {
    /// `GetApplicationDateRangeKpi`.
    App,
    /// `GetCampaignDateRangeKpi`.
    Campaign(String),
    /// `GetJourneyDateRangeKpi`.
    Journey(String),
}

/// What a KPI's value is: a count adds up over days, a rate does not.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KpiUnit {
    /// Messages, endpoints or events.
    Count,
    /// A ratio between 0 and 1.
    Rate,
}

/// One KPI the console offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KpiDef {
    /// The `kpi-name`.
    pub name: &'static str,
    /// What a person calls it.
    pub label: &'static str,
    /// Count or rate.
    pub unit: KpiUnit,
    /// Chosen when nothing was remembered.
    pub default: bool,
}

const fn count(name: &'static str, label: &'static str, default: bool) -> KpiDef {
    KpiDef { name, label, unit: KpiUnit::Count, default }
}

const fn rate(name: &'static str, label: &'static str, default: bool) -> KpiDef {
    KpiDef { name, label, unit: KpiUnit::Rate, default }
}

/// The project's daily KPIs (application level, grouped by date).
pub const APP_KPIS: &[KpiDef] = &[
    count("unique-deliveries-grouped-by-date", "Campaign deliveries (unique endpoints)", true),
    rate("successful-delivery-rate-grouped-by-date", "Campaign delivery rate", false),
    count("txn-emails-sent-grouped-by-date", "Transactional emails sent", true),
    count("txn-emails-delivered-grouped-by-date", "Transactional emails delivered", true),
    count("txn-emails-opened-grouped-by-date", "Transactional email opens", true),
    count("txn-emails-clicked-grouped-by-date", "Transactional email clicks", true),
    count("txn-emails-unique-opens-grouped-by-date", "Transactional emails opened (unique)", false),
    count(
        "txn-emails-unique-clicks-grouped-by-date",
        "Transactional emails clicked (unique)",
        false,
    ),
    count("txn-emails-hard-bounced-grouped-by-date", "Transactional emails hard-bounced", false),
    count("txn-emails-soft-bounced-grouped-by-date", "Transactional emails soft-bounced", false),
    count("txn-emails-with-complaints-grouped-by-date", "Transactional email complaints", false),
    count("txn-sms-sent-grouped-by-date", "Transactional SMS sent", true),
    count("txn-sms-delivered-grouped-by-date", "Transactional SMS delivered", true),
    rate("txn-sms-delivery-rate-grouped-by-date", "Transactional SMS delivery rate", false),
    rate("txn-emails-delivery-rate-grouped-by-date", "Transactional email delivery rate", false),
];

/// A campaign's daily KPIs (campaign level, grouped by date).
pub const CAMPAIGN_KPIS: &[KpiDef] = &[
    count("unique-deliveries-grouped-by-date", "Deliveries (unique endpoints)", true),
    rate("successful-delivery-rate-grouped-by-date", "Delivery rate", true),
];

/// A journey's KPIs (journey level): the console shows them once journeys exist.
pub const JOURNEY_KPIS: &[KpiDef] = &[
    count("journey-emails-sent", "Emails sent", true),
    count("journey-emails-delivered", "Emails delivered", true),
    count("journey-emails-opened", "Emails opened", true),
    count("journey-emails-clicked", "Emails clicked", true),
];

impl KpiLevel {
    /// The KPIs offered at this level.
    #[must_use]
    pub fn catalog(&self) -> &'static [KpiDef] {
        match self {
            Self::App => APP_KPIS,
            Self::Campaign(_) => CAMPAIGN_KPIS,
            Self::Journey(_) => JOURNEY_KPIS,
        }
    }
}

/// A KPI offered at some level, by name.
#[must_use]
pub fn find(name: &str) -> Option<&'static KpiDef> {
    APP_KPIS.iter().chain(CAMPAIGN_KPIS).chain(JOURNEY_KPIS).find(|k| k.name == name)
}

/// How the range is chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Preset {
    /// The last 7 days, today included.
    #[default]
    Days7,
    /// The last 14 days.
    Days14,
    /// The last 31 days (the longest the service answers).
    Days31,
    /// The typed start and end dates.
    Custom,
}

impl Preset {
    /// Every preset, in the order the bar shows them.
    pub const ALL: [Self; 4] = [Self::Days7, Self::Days14, Self::Days31, Self::Custom];

    /// Its label.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Self::Days7 => "Last 7 days",
            Self::Days14 => "Last 14 days",
            Self::Days31 => "Last 31 days",
            Self::Custom => "Custom",
        }
    }

    fn days(self) -> Option<i64> {
        match self {
            Self::Days7 => Some(7),
            Self::Days14 => Some(14),
            Self::Days31 => Some(31),
            Self::Custom => None,
        }
    }
}

/// The dashboard's remembered choices: range and KPIs (kept in egui's persisted memory).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct AnalyticsPrefs {
    /// The preset.
    pub preset: Preset,
    /// Custom start, `YYYY-MM-DD` as typed.
    pub start: String,
    /// Custom end, `YYYY-MM-DD` as typed (inclusive).
    pub end: String,
    /// Chosen KPI names at the project level (empty: the defaults).
    pub kpis: Vec<String>,
}

/// A checked range: whole UTC days, both inclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateRange {
    /// The first day.
    pub first: NaiveDate,
    /// The last day.
    pub last: NaiveDate,
}

impl DateRange {
    /// Every day of the range, in order.
    pub fn days(self) -> impl Iterator<Item = NaiveDate> {
        self.first.iter_days().take_while(move |d| *d <= self.last)
    }

    /// `start-time` as the service reads it (midnight UTC of the first day).
    #[must_use]
    pub fn start_time(self) -> String {
        format!("{}T00:00:00Z", self.first.format("%Y-%m-%d"))
    }

    /// `end-time` (the last second of the last day).
    #[must_use]
    pub fn end_time(self) -> String {
        format!("{}T23:59:59Z", self.last.format("%Y-%m-%d"))
    }
}

/// Which range field a message belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RangeField {
    /// The start date.
    Start,
    /// The end date.
    End,
}

impl AnalyticsPrefs {
    /// The range these choices mean on `today`, or the message for the field at fault.
    pub fn range(&self, today: NaiveDate) -> Result<DateRange, (RangeField, String)> {
        if let Some(days) = self.preset.days() {
            return Ok(DateRange { first: today - Duration::days(days - 1), last: today });
        }
        let parse = |field, text: &str| {
            NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
                .map_err(|_| (field, "Enter a date as YYYY-MM-DD, e.g. 2026-11-30.".to_owned()))
        };
        let first = parse(RangeField::Start, &self.start)?;
        let last = parse(RangeField::End, &self.end)?;
        if first > last {
            return Err((RangeField::End, "The end must not be before the start.".to_owned()));
        }
        if (last - first).num_days() >= MAX_RANGE_DAYS {
            return Err((
                RangeField::End,
                format!(
                    "The service answers at most {MAX_RANGE_DAYS} days: end by {}.",
                    first + Duration::days(MAX_RANGE_DAYS - 1)
                ),
            ));
        }
        if (today - first).num_days() >= MAX_AGE_DAYS {
            return Err((
                RangeField::Start,
                format!(
                    "The service keeps {MAX_AGE_DAYS} days: start on {} or later.",
                    today - Duration::days(MAX_AGE_DAYS - 1)
                ),
            ));
        }
        if last > today {
            return Err((RangeField::End, "The end must not be in the future.".to_owned()));
        }
        Ok(DateRange { first, last })
    }

    /// The chosen KPIs of `level` (the level's defaults when none is chosen), in catalog order.
    #[must_use]
    pub fn chosen(&self, level: &KpiLevel) -> Vec<&'static KpiDef> {
        let catalog = level.catalog();
        if *level != KpiLevel::App || self.kpis.is_empty() {
            return catalog.iter().filter(|k| k.default).collect();
        }
        catalog.iter().filter(|k| self.kpis.iter().any(|n| n == k.name)).collect()
    }

    /// Chooses or drops one KPI (the defaults are the starting point).
    pub fn toggle(&mut self, name: &str, on: bool) {
        if self.kpis.is_empty() {
            self.kpis = APP_KPIS.iter().filter(|k| k.default).map(|k| k.name.to_owned()).collect();
        }
        self.kpis.retain(|n| n != name);
        if on {
            self.kpis.push(name.to_owned());
        }
    }
}

/// One KPI's answer: a value per group (a date for daily KPIs, else a campaign or run id).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct KpiSeries {
    /// The `kpi-name`.
    pub name: String,
    /// (group, value), in the service's order.
    pub rows: Vec<(String, f64)>,
}

impl KpiSeries {
    /// The value on each day of `range` (0 where the service sent no row), in order.
    #[must_use]
    pub fn daily(&self, range: DateRange) -> Vec<(NaiveDate, f64)> {
        // Rows by day once (a date row's group starts with its `YYYY-MM-DD`), then the days.
        let mut by_day: std::collections::HashMap<NaiveDate, f64> =
            std::collections::HashMap::new();
        for (group, value) in &self.rows {
            let day = group.get(..10).and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
            if let Some(day) = day {
                *by_day.entry(day).or_insert(0.0) += value;
            }
        }
        range.days().map(|day| (day, by_day.get(&day).copied().unwrap_or(0.0))).collect()
    }

    /// The whole range's figure: the sum of a count, the mean of a rate's days.
    #[must_use]
    pub fn total(&self, unit: KpiUnit) -> f64 {
        let sum = self.rows.iter().fold(0.0, |sum, (_, v)| sum + v);
        match unit {
            KpiUnit::Count => sum,
            KpiUnit::Rate if self.rows.is_empty() => 0.0,
            #[allow(clippy::cast_precision_loss, reason = "a handful of rows")]
            KpiUnit::Rate => sum / self.rows.len() as f64,
        }
    }
}

/// The dashboard as CSV: a `date` column, then a column per KPI, a row per day.
pub fn to_csv(range: DateRange, series: &[&KpiSeries]) -> Result<String, csv::Error> {
    let mut out = csv::Writer::from_writer(Vec::new());
    let mut header = vec!["date".to_owned()];
    header.extend(series.iter().map(|s| s.name.clone()));
    out.write_record(&header)?;
    let columns: Vec<Vec<(NaiveDate, f64)>> = series.iter().map(|s| s.daily(range)).collect();
    for (i, day) in range.days().enumerate() {
        let mut record = vec![day.format("%Y-%m-%d").to_string()];
        record.extend(columns.iter().map(|c| c.get(i).map_or(0.0, |(_, v)| *v).to_string()));
        out.write_record(&record)?;
    }
    let bytes = out.into_inner().map_err(csv::IntoInnerError::into_error)?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn presets_end_today_and_custom_ranges_keep_the_services_bounds() {
        let today = day("2026-12-03");
        let prefs = AnalyticsPrefs::default();
        assert_eq!(prefs.range(today).unwrap().first, day("2026-11-27"));
        let custom = |start: &str, end: &str| AnalyticsPrefs {
            preset: Preset::Custom,
            start: start.into(),
            end: end.into(),
            ..AnalyticsPrefs::default()
        };
        assert!(custom("2026-11-01", "2026-12-01").range(today).is_ok(), "31 days");
        assert_eq!(custom("2026-11-01", "2026-12-02").range(today).unwrap_err().0, RangeField::End);
        assert_eq!(
            custom("2026-09-01", "2026-09-02").range(today).unwrap_err().0,
            RangeField::Start
        );
        assert_eq!(custom("2026-11-05", "2026-11-04").range(today).unwrap_err().0, RangeField::End);
        assert_eq!(custom("11/05", "2026-11-04").range(today).unwrap_err().0, RangeField::Start);
    }

    #[test]
    fn series_fill_missing_days_and_write_csv() {
        let range = DateRange { first: day("2026-12-01"), last: day("2026-12-03") };
        let s = KpiSeries {
            name: "txn-sms-sent-grouped-by-date".into(),
            rows: vec![("2026-12-02".into(), 4.0)],
        };
        assert_eq!(s.daily(range).iter().map(|(_, v)| *v).collect::<Vec<_>>(), [0.0, 4.0, 0.0]);
        assert!((s.total(KpiUnit::Count) - 4.0).abs() < f64::EPSILON);
        let csv = to_csv(range, &[&s]).unwrap();
        assert_eq!(
            csv,
            "date,txn-sms-sent-grouped-by-date\n2026-12-01,0\n2026-12-02,4\n2026-12-03,0\n"
        );
    }

    #[test]
    fn choosing_starts_from_the_defaults() {
        let mut prefs = AnalyticsPrefs::default();
        let defaults = prefs.chosen(&KpiLevel::App).len();
        prefs.toggle("txn-sms-delivery-rate-grouped-by-date", true);
        assert_eq!(prefs.chosen(&KpiLevel::App).len(), defaults + 1);
        prefs.toggle("txn-sms-sent-grouped-by-date", false);
        assert_eq!(prefs.chosen(&KpiLevel::App).len(), defaults);
    }
}
