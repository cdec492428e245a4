//! The standard KPI names of the Pinpoint developer guide ("Standard Amazon Pinpoint
//! analytics metrics": application metrics for campaigns, for transactional email and SMS,
//! campaign metrics, journey engagement metrics) and how the mock computes each from its
//! counters (`store::kpi`).
//!
//! The mock never bounces, rejects or receives complaints: a message that passes the
//! checks of a send is delivered, so sends and deliveries are equal, delivery rates are 1.0
//! and bounce, complaint and rejection counts are 0 wherever something was sent. Rates are
//! ratios (the guide: "calculated as the number … divided by the number …").
//!
//! Not served (an unknown name, 400): the SMS metrics grouped by country, prices and error
//! distributions (`txn-sms-*-grouped-by-country`, `txn-sms-average-price-*`,
//! `txn-sms-total-price-*`, `txn-sms-error-distribution`) and `sms-spend`: the mock has no
//! prices, and its outbox keeps no country.

/// Which operation a KPI name belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    /// `GetApplicationDateRangeKpi`.
    App,
    /// `GetCampaignDateRangeKpi`.
    Campaign,
    /// `GetJourneyDateRangeKpi`.
    Journey,
}

/// Which messages a KPI counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// Direct (transactional) sends: `SendMessages`, `SendUsersMessages`, `SendOTPMessage`.
    Direct,
    /// Campaign runs (of the project, or of the one campaign asked about).
    Campaigns,
    /// Journey activities.
    Journeys,
}

/// How the rows of a KPI are grouped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Group {
    /// One row.
    None,
    /// A row per UTC day (`Date`).
    Date,
    /// A row per campaign (`CampaignId`).
    Campaign,
    /// A row per campaign run (`CampaignActivityId`).
    CampaignActivity,
    /// A row per journey activity (`JourneyActivityId`).
    JourneyActivity,
}

impl Group {
    /// The `GroupedBys` key of its rows.
    #[must_use]
    pub fn key(self) -> &'static str {
        match self {
            Self::None => "",
            Self::Date => "Date",
            Self::Campaign => "CampaignId",
            Self::CampaignActivity => "CampaignActivityId",
            Self::JourneyActivity => "JourneyActivityId",
        }
    }
}

/// What a KPI measures, over the counters of one group.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Measure {
    /// The sum of these counters.
    Count(&'static [&'static str]),
    /// The number of distinct endpoints behind this counter (opens, clicks).
    Unique(&'static str),
    /// The number of distinct endpoints messages were delivered to.
    UniqueDeliveries,
    /// One measure divided by another (no row where the divisor is 0).
    Rate(&'static Measure, &'static Measure),
    /// Zero wherever the measure is not (what the mock never does: bounces, complaints).
    ZeroWhere(&'static Measure),
}

const SENT: Measure =
    Measure::Count(&["sent/EMAIL", "sent/SMS", "sent/PUSH", "sent/VOICE", "sent/CUSTOM"]);
const EMAIL_SENT: Measure = Measure::Count(&["sent/EMAIL"]);
const SMS_SENT: Measure = Measure::Count(&["sent/SMS"]);
const SMS_PARTS: Measure = Measure::Count(&["parts/SMS"]);
const PUSH_SENT: Measure = Measure::Count(&["sent/PUSH"]);
const EMAIL_OPENS: Measure = Measure::Count(&["open/EMAIL"]);
const EMAIL_CLICKS: Measure = Measure::Count(&["click/EMAIL"]);
const PUSH_OPENS: Measure = Measure::Count(&["open/PUSH"]);
const EMAILS_OPENED: Measure = Measure::Unique("open/EMAIL");
const EMAILS_CLICKED: Measure = Measure::Unique("click/EMAIL");
const PUSH_OPENED: Measure = Measure::Unique("open/PUSH");
const ZERO_EMAIL: Measure = Measure::ZeroWhere(&EMAIL_SENT);
const DELIVERY_RATE: Measure = Measure::Rate(&SENT, &SENT);
const EMAIL_OPEN_RATE: Measure = Measure::Rate(&EMAILS_OPENED, &EMAIL_SENT);
const PUSH_OPEN_RATE: Measure = Measure::Rate(&PUSH_OPENED, &PUSH_SENT);

/// One KPI name: its level, what it counts and how.
#[derive(Debug, Clone, Copy)]
pub struct Kpi {
    /// The `kpi-name`.
    pub name: &'static str,
    /// The operation it belongs to.
    pub level: Level,
    /// The messages it counts.
    pub source: Source,
    /// What it measures.
    pub measure: Measure,
}

impl Kpi {
    /// How its rows are grouped (from the name's `-grouped-by-…` suffix).
    #[must_use]
    pub fn group(&self) -> Group {
        match self.name.split_once("-grouped-by-").map(|(_, by)| by) {
            Some("date") => Group::Date,
            Some("campaign") => Group::Campaign,
            Some("campaign-activity") => Group::CampaignActivity,
            Some("journey-activity") => Group::JourneyActivity,
            _ => Group::None,
        }
    }

    /// The key of its values: the name without its grouping, in upper camel case
    /// (`txn-emails-sent` → `TxnEmailsSent`, as the developer guide's examples show).
    #[must_use]
    pub fn value_key(&self) -> String {
        let base = self.name.split_once("-grouped-by-").map_or(self.name, |(base, _)| base);
        base.split('-')
            .map(|word| {
                let mut chars = word.chars();
                chars.next().map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
            })
            .collect()
    }
}

macro_rules! kpis {
    ($($level:ident $source:ident $measure:expr => [$($name:literal),+ $(,)?];)*) => {
        &[$($(Kpi { name: $name, level: Level::$level, source: Source::$source, measure: $measure },)+)*]
    };
}

/// Every KPI name the mock serves.
pub const KPIS: &[Kpi] = kpis! {
    App Campaigns DELIVERY_RATE => ["successful-delivery-rate", "successful-delivery-rate-grouped-by-date"];
    App Campaigns EMAIL_OPEN_RATE => ["email-open-rate", "email-open-rate-grouped-by-campaign"];
    App Campaigns Measure::UniqueDeliveries => ["unique-deliveries", "unique-deliveries-grouped-by-campaign", "unique-deliveries-grouped-by-date"];
    App Campaigns SENT => ["successful-deliveries-grouped-by-campaign"];
    App Campaigns PUSH_OPEN_RATE => ["push-open-rate", "push-open-rate-grouped-by-campaign"];
    App Direct EMAIL_CLICKS => ["txn-emails-clicked", "txn-emails-clicked-grouped-by-date"];
    App Direct Measure::Rate(&ZERO_EMAIL, &EMAIL_SENT) => ["txn-emails-complaint-rate", "txn-emails-complaint-rate-grouped-by-date"];
    App Direct ZERO_EMAIL => ["txn-emails-with-complaints", "txn-emails-with-complaints-grouped-by-date",
        "txn-emails-hard-bounced", "txn-emails-hard-bounced-grouped-by-date",
        "txn-emails-soft-bounced", "txn-emails-soft-bounced-grouped-by-date"];
    App Direct EMAIL_SENT => ["txn-emails-delivered", "txn-emails-delivered-grouped-by-date",
        "txn-emails-sent", "txn-emails-sent-grouped-by-date"];
    App Direct Measure::Rate(&EMAIL_SENT, &EMAIL_SENT) => ["txn-emails-delivery-rate", "txn-emails-delivery-rate-grouped-by-date"];
    App Direct EMAIL_OPENS => ["txn-emails-opened", "txn-emails-opened-grouped-by-date"];
    App Direct EMAILS_CLICKED => ["txn-emails-unique-clicks", "txn-emails-unique-clicks-grouped-by-date"];
    App Direct EMAILS_OPENED => ["txn-emails-unique-opens", "txn-emails-unique-opens-grouped-by-date"];
    App Direct SMS_SENT => ["txn-sms-delivered", "txn-sms-delivered-grouped-by-date", "txn-sms-sent", "txn-sms-sent-grouped-by-date"];
    App Direct Measure::Rate(&SMS_SENT, &SMS_SENT) => ["txn-sms-delivery-rate", "txn-sms-delivery-rate-grouped-by-date"];
    App Direct SMS_PARTS => ["txn-sms-delivered-by-parts", "txn-sms-sent-by-parts"];
    Campaign Campaigns Measure::Rate(&ZERO_EMAIL, &EMAIL_SENT) => ["hard-bounce-rate", "hard-bounce-rate-grouped-by-campaign-activity"];
    Campaign Campaigns DELIVERY_RATE => ["successful-delivery-rate", "successful-delivery-rate-grouped-by-campaign-activity", "successful-delivery-rate-grouped-by-date"];
    Campaign Campaigns EMAIL_OPEN_RATE => ["email-open-rate", "email-open-rate-grouped-by-campaign-activity"];
    Campaign Campaigns EMAIL_OPENS => ["direct-email-opens-grouped-by-campaign-activity"];
    Campaign Campaigns Measure::UniqueDeliveries => ["unique-deliveries", "unique-deliveries-grouped-by-campaign-activity", "unique-deliveries-grouped-by-date"];
    Campaign Campaigns EMAIL_CLICKS => ["clicks-grouped-by-campaign-activity"];
    Campaign Campaigns SENT => ["successful-deliveries-grouped-by-campaign-activity", "attempted-deliveries-grouped-by-campaign-activity"];
    Campaign Campaigns PUSH_OPEN_RATE => ["push-open-rate", "push-open-rate-grouped-by-campaign-activity"];
    Campaign Campaigns PUSH_OPENS => ["direct-push-opens-grouped-by-campaign-activity"];
    Journey Journeys EMAIL_CLICKS => ["journey-emails-clicked", "emails-clicked-grouped-by-journey-activity"];
    Journey Journeys ZERO_EMAIL => ["journey-emails-complained", "emails-complained-grouped-by-journey-activity",
        "journey-emails-hardbounced", "emails-hardbounced-grouped-by-journey-activity",
        "journey-emails-rejected", "emails-rejected-grouped-by-journey-activity",
        "journey-emails-softbounced", "emails-softbounced-grouped-by-journey-activity",
        "journey-emails-unsubscribed", "emails-unsubscribed-grouped-by-journey-activity"];
    Journey Journeys EMAIL_SENT => ["journey-emails-delivered", "emails-delivered-grouped-by-journey-activity",
        "journey-emails-sent", "emails-sent-grouped-by-journey-activity"];
    Journey Journeys EMAIL_OPENS => ["journey-emails-opened", "emails-opened-grouped-by-journey-activity"];
};

/// The KPI of this name at this level.
#[must_use]
pub fn find(level: Level, name: &str) -> Option<&'static Kpi> {
    KPIS.iter().find(|k| k.level == level && k.name == name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_group_and_key_as_the_guide_shows() {
        let kpi = find(Level::App, "txn-sms-sent-grouped-by-date").unwrap();
        assert_eq!((kpi.group(), kpi.value_key().as_str()), (Group::Date, "TxnSmsSent"));
        let kpi = find(Level::App, "unique-deliveries-grouped-by-campaign").unwrap();
        assert_eq!((kpi.group(), kpi.value_key().as_str()), (Group::Campaign, "UniqueDeliveries"));
        assert!(find(Level::Campaign, "txn-sms-sent").is_none());
        let mut names: Vec<_> = KPIS.iter().map(|k| (k.name, k.level as u8)).collect();
        let count = names.len();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), count, "each name once per level");
    }
}
