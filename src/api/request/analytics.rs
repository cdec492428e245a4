//! KPIs over a date range: what the Analytics handler (`api/analytics.rs`) is asked.

use super::ApiRequest;

/// KPIs over a date range.
#[derive(Debug, Clone)]
pub enum AnalyticsRequest {
    /// One date-range KPI call per name, all at once.
    Kpis {
        /// The project id.
        app_id: String,
        /// The project, a campaign or a journey.
        level: crate::drafts::analytics::KpiLevel,
        /// The `kpi-name`s.
        names: Vec<String>,
        /// `start-time`, ISO-8601.
        start_time: String,
        /// `end-time`, ISO-8601.
        end_time: String,
    },
}

impl From<AnalyticsRequest> for ApiRequest {
    fn from(request: AnalyticsRequest) -> Self {
        Self::Analytics(request)
    }
}
