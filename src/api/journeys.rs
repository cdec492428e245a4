//! Journeys for the worker: ListJourneys (every page, each journey's endpoints entered from
//! GetJourneyExecutionMetrics), GetJourney, CreateJourney / UpdateJourney, DeleteJourney,
//! UpdateJourneyState, and the execution metrics of a journey or one of its runs with every
//! activity's (GetJourneyExecutionMetrics, GetJourneyExecutionActivityMetrics,
//! GetJourneyRuns, GetJourneyRunExecutionMetrics, GetJourneyRunExecutionActivityMetrics).

use std::collections::BTreeMap;

use aws_sdk_pinpoint::Client;
use aws_sdk_pinpoint::types::{JourneyResponse, JourneyStateRequest, State, WriteJourneyRequest};

use super::journey_metrics::{activity_metrics, futures_entered, journey_totals, run_totals};
use super::paging::all_pages;
use super::{ApiError, ApiResponse};
use crate::drafts::journey::JourneyDraft;

/// Metric name → count (the service answers counts as strings).
pub type Metrics = BTreeMap<String, String>;

/// Journeys and their metrics.
#[derive(Debug, Clone)]
pub enum JourneysRequest {
    /// ListJourneys, every page, with each journey's `ENDPOINT_ENTERED`.
    List {
        /// The project.
        app_id: String,
    },
    /// GetJourney.
    Get {
        /// The project.
        app_id: String,
        /// The journey.
        journey_id: String,
    },
    /// CreateJourney (no id) or UpdateJourney.
    Save {
        /// The project.
        app_id: String,
        /// The journey, when it exists.
        journey_id: Option<String>,
        /// The request (boxed: large).
        request: Box<WriteJourneyRequest>,
    },
    /// DeleteJourney.
    Delete {
        /// The project.
        app_id: String,
        /// The journey.
        journey_id: String,
    },
    /// UpdateJourneyState (`ACTIVE`, `PAUSED`, `CANCELLED`).
    SetState {
        /// The project.
        app_id: String,
        /// The journey.
        journey_id: String,
        /// The state asked for.
        state: String,
    },
    /// The journey's (or one run's) metrics and each activity's, at once.
    Metrics {
        /// The project.
        app_id: String,
        /// The journey.
        journey_id: String,
        /// A run, or the whole journey.
        run_id: Option<String>,
        /// The activities to ask about.
        activities: Vec<String>,
    },
    /// GetJourneyRuns (every page) with each run's metrics.
    Runs {
        /// The project.
        app_id: String,
        /// The journey.
        journey_id: String,
    },
}

impl From<JourneysRequest> for super::ApiRequest {
    fn from(request: JourneysRequest) -> Self {
        Self::Journeys(request)
    }
}

/// A journey as the list shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JourneyRow {
    /// Id.
    pub id: String,
    /// Name.
    pub name: String,
    /// `State`.
    pub state: String,
    /// How endpoints enter, in words.
    pub entry: String,
    /// The schedule, in words.
    pub schedule: String,
    /// `LastModifiedDate`.
    pub last_modified: String,
    /// `ENDPOINT_ENTERED`, when the metrics answered.
    pub entered: Option<u64>,
}

/// A journey as read: what the service says beside the definition, and the definition.
#[derive(Debug, Clone, PartialEq)]
pub struct LoadedJourney {
    /// Id.
    pub id: String,
    /// `State`.
    pub state: String,
    /// The definition as a draft.
    pub draft: JourneyDraft,
}

/// One run of a journey with its metrics.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RunRow {
    /// `RunId`.
    pub id: String,
    /// `Status`.
    pub status: String,
    /// `CreationTime`.
    pub created: String,
    /// `LastUpdateTime`.
    pub updated: String,
    /// The run's metrics (empty when they could not be read).
    pub metrics: Metrics,
}

/// Execution metrics of a journey or run and of each activity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExecutionMetrics {
    /// The journey.
    pub journey_id: String,
    /// The run, or the whole journey.
    pub run_id: Option<String>,
    /// The journey's (or run's) metrics.
    pub totals: Metrics,
    /// Each activity's metrics.
    pub activities: BTreeMap<String, Metrics>,
    /// `LastEvaluatedTime`.
    pub evaluated: String,
}

/// What the journey calls answer.
#[derive(Debug, Clone)]
pub enum JourneysResponse {
    /// Every journey of the project.
    List(Vec<JourneyRow>),
    /// A journey read.
    Loaded(Box<LoadedJourney>),
    /// A journey created, updated or put in another state: as stored now.
    Saved(Box<LoadedJourney>),
    /// A journey deleted.
    Deleted(String),
    /// Metrics.
    Metrics(Box<ExecutionMetrics>),
    /// Runs with their metrics, newest first.
    Runs {
        /// The journey.
        journey_id: String,
        /// The runs.
        runs: Vec<RunRow>,
    },
}

impl From<JourneysResponse> for ApiResponse {
    fn from(r: JourneysResponse) -> Self {
        Self::Journeys(r)
    }
}

fn loaded(j: &JourneyResponse) -> LoadedJourney {
    LoadedJourney {
        id: j.id().unwrap_or_default().to_owned(),
        state: j.state().map_or("DRAFT", State::as_str).to_owned(),
        draft: JourneyDraft::from(j),
    }
}

fn row(j: &JourneyResponse) -> JourneyRow {
    let draft = JourneyDraft::from(j);
    JourneyRow {
        id: j.id().unwrap_or_default().to_owned(),
        name: draft.name.clone(),
        state: j.state().map_or("DRAFT", State::as_str).to_owned(),
        entry: draft.entry_words(),
        schedule: draft.schedule_words(),
        last_modified: draft.last_modified_date.clone(),
        entered: None,
    }
}

/// Runs one journeys request.
pub async fn call(client: &Client, request: JourneysRequest) -> Result<ApiResponse, ApiError> {
    match request {
        JourneysRequest::List { app_id } => {
            let app = app_id.as_str();
            let mut rows: Vec<JourneyRow> = all_pages(|token| async move {
                let out = client
                    .list_journeys()
                    .application_id(app)
                    .page_size("100")
                    .set_token(token)
                    .send()
                    .await?;
                let page = out.journeys_response();
                Ok((
                    page.map(|p| p.item().iter().map(row).collect()).unwrap_or_default(),
                    page.and_then(|p| p.next_token()).map(str::to_owned),
                ))
            })
            .await?;
            let counts = futures_entered(client, app, &rows).await;
            for (row, entered) in rows.iter_mut().zip(counts) {
                row.entered = entered;
            }
            Ok(JourneysResponse::List(rows).into())
        }
        JourneysRequest::Get { app_id, journey_id } => {
            let out =
                client.get_journey().application_id(&app_id).journey_id(&journey_id).send().await?;
            let j = out.journey_response().ok_or_else(ApiError::empty_answer)?;
            Ok(JourneysResponse::Loaded(Box::new(loaded(j))).into())
        }
        JourneysRequest::Save { app_id, journey_id, request } => {
            let j = if let Some(id) = journey_id {
                let out = client
                    .update_journey()
                    .application_id(&app_id)
                    .journey_id(id)
                    .write_journey_request(*request)
                    .send()
                    .await?;
                out.journey_response().map(loaded)
            } else {
                let out = client
                    .create_journey()
                    .application_id(&app_id)
                    .write_journey_request(*request)
                    .send()
                    .await?;
                out.journey_response().map(loaded)
            };
            Ok(JourneysResponse::Saved(Box::new(j.ok_or_else(ApiError::empty_answer)?)).into())
        }
        JourneysRequest::Delete { app_id, journey_id } => {
            client.delete_journey().application_id(&app_id).journey_id(&journey_id).send().await?;
            Ok(JourneysResponse::Deleted(journey_id).into())
        }
        JourneysRequest::SetState { app_id, journey_id, state } => {
            let out = client
                .update_journey_state()
                .application_id(&app_id)
                .journey_id(&journey_id)
                .journey_state_request(
                    JourneyStateRequest::builder().state(State::from(state.as_str())).build(),
                )
                .send()
                .await?;
            let j = out.journey_response().ok_or_else(ApiError::empty_answer)?;
            Ok(JourneysResponse::Saved(Box::new(loaded(j))).into())
        }
        JourneysRequest::Metrics { app_id, journey_id, run_id, activities } => {
            let (totals, evaluated) = match &run_id {
                Some(run) => run_totals(client, &app_id, &journey_id, run).await?,
                None => journey_totals(client, &app_id, &journey_id).await?,
            };
            let mut set = tokio::task::JoinSet::new();
            for activity in activities {
                let (client, app_id, journey_id, run_id) =
                    (client.clone(), app_id.clone(), journey_id.clone(), run_id.clone());
                set.spawn(async move {
                    let m = activity_metrics(
                        &client,
                        &app_id,
                        &journey_id,
                        run_id.as_deref(),
                        &activity,
                    )
                    .await;
                    (activity, m)
                });
            }
            let mut by_activity = BTreeMap::new();
            while let Some(joined) = set.join_next().await {
                match joined {
                    Ok((activity, Ok(m))) => {
                        by_activity.insert(activity, m);
                    }
                    // An activity added since the last save has no metrics yet: not an error.
                    Ok((activity, Err(error))) => {
                        tracing::debug!(%activity, %error, "no activity metrics");
                    }
                    Err(error) => tracing::error!(%error, "an activity metrics task stopped"),
                }
            }
            let m =
                ExecutionMetrics { journey_id, run_id, totals, activities: by_activity, evaluated };
            Ok(JourneysResponse::Metrics(Box::new(m)).into())
        }
        JourneysRequest::Runs { app_id, journey_id } => {
            let (app, id) = (app_id.as_str(), journey_id.as_str());
            let listed: Vec<RunRow> = all_pages(|token| async move {
                let out = client
                    .get_journey_runs()
                    .application_id(app)
                    .journey_id(id)
                    .page_size("100")
                    .set_token(token)
                    .send()
                    .await?;
                let page = out.journey_runs_response();
                let text = |t: Option<&str>| t.unwrap_or_default().to_owned();
                let items = page.map(|p| {
                    p.item()
                        .iter()
                        .map(|r| RunRow {
                            id: text(r.run_id()),
                            status: text(
                                r.status().map(aws_sdk_pinpoint::types::JourneyRunStatus::as_str),
                            ),
                            created: text(r.creation_time()),
                            updated: text(r.last_update_time()),
                            metrics: Metrics::new(),
                        })
                        .collect()
                });
                Ok((
                    items.unwrap_or_default(),
                    page.and_then(|p| p.next_token()).map(str::to_owned),
                ))
            })
            .await?;
            let mut runs = Vec::with_capacity(listed.len());
            for mut run in listed {
                run.metrics =
                    run_totals(client, app, id, &run.id).await.map(|(m, _)| m).unwrap_or_default();
                runs.push(run);
            }
            Ok(JourneysResponse::Runs { journey_id, runs }.into())
        }
    }
}
