//! Journeys through `aws-sdk-pinpoint`: the eleven journey operations, their success
//! answers and their errors (validation naming the activity and member at fault, state moves
//! the service refuses, unknown journeys, runs and activities), tags on a journey's ARN.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::large_futures)]

mod common;

use std::net::{Ipv4Addr, SocketAddr};
use std::sync::Arc;

use aws_sdk_pinpoint::Client;
use aws_sdk_pinpoint::error::ProvideErrorMetadata;
use aws_sdk_pinpoint::types::{
    Activity, ChannelType, CreateApplicationRequest, DimensionType, Event, EventDimensions,
    EventFilter, EventStartCondition, EventsBatch, EventsRequest, FilterType, JourneyLimits,
    JourneySmsMessage, JourneyStateRequest, PublicEndpoint, RandomSplitActivity, RandomSplitEntry,
    SegmentCondition, SegmentDimensions, SetDimension, SmsChannelRequest, SmsMessageActivity,
    StartCondition, State, TagsModel, WaitActivity, WaitTime, WriteJourneyRequest,
    WriteSegmentRequest,
};
use common::sdk_client;
use pinpoint_console::mock::MockServer;
use pinpoint_console::mock::backend::{Backend, OutboxFilter};

struct World {
    _server: MockServer,
    backend: Arc<Backend>,
    c: Client,
    app: String,
}

async fn world() -> World {
    let backend = Arc::new(Backend::default());
    let server =
        MockServer::start(SocketAddr::from((Ipv4Addr::LOCALHOST, 0)), Arc::clone(&backend))
            .await
            .unwrap();
    let c = sdk_client(&server).await;
    let app = c
        .create_app()
        .create_application_request(CreateApplicationRequest::builder().name("Journeys").build())
        .send()
        .await
        .unwrap();
    let app = app.application_response().unwrap().id().unwrap().to_owned();
    World { _server: server, backend, c, app }
}

fn sms(next: Option<&str>) -> Activity {
    let message = JourneySmsMessage::builder().sender_id("Shop").build();
    let activity = SmsMessageActivity::builder()
        .template_name("welcome")
        .message_config(message)
        .set_next_activity(next.map(str::to_owned));
    Activity::builder().sms(activity.build()).build()
}

fn wait(for_: &str, next: &str) -> Activity {
    let wait = WaitActivity::builder()
        .wait_time(WaitTime::builder().wait_for(for_).build())
        .next_activity(next);
    Activity::builder().wait(wait.build()).build()
}

fn event_start(event_type: &str) -> StartCondition {
    let dims = EventDimensions::builder()
        .event_type(
            SetDimension::builder()
                .dimension_type(DimensionType::Inclusive)
                .values(event_type)
                .build(),
        )
        .build();
    let filter = EventFilter::builder().filter_type(FilterType::Endpoint).dimensions(dims).build();
    StartCondition::builder()
        .event_start_condition(EventStartCondition::builder().event_filter(filter).build())
        .build()
}

/// A journey: wait a day, then an SMS.
fn journey(name: &str, start: StartCondition) -> WriteJourneyRequest {
    WriteJourneyRequest::builder()
        .name(name)
        .start_activity("wait")
        .start_condition(start)
        .activities("wait", wait("P1D", "sms"))
        .activities("sms", sms(None))
        .build()
}

async fn create(w: &World, request: WriteJourneyRequest) -> Result<String, (String, String)> {
    match w.c.create_journey().application_id(&w.app).write_journey_request(request).send().await {
        Ok(out) => Ok(out.journey_response().unwrap().id().unwrap().to_owned()),
        Err(e) => Err((
            e.code().unwrap_or_default().to_owned(),
            e.message().unwrap_or_default().to_owned(),
        )),
    }
}

async fn set_state(w: &World, id: &str, state: State) -> Result<String, (String, String)> {
    let request = JourneyStateRequest::builder().state(state).build();
    match w
        .c
        .update_journey_state()
        .application_id(&w.app)
        .journey_id(id)
        .journey_state_request(request)
        .send()
        .await
    {
        Ok(out) => Ok(out.journey_response().unwrap().state().unwrap().as_str().to_owned()),
        Err(e) => Err((
            e.code().unwrap_or_default().to_owned(),
            e.message().unwrap_or_default().to_owned(),
        )),
    }
}

fn refused(result: Result<String, (String, String)>, code: &str, words: &str) {
    let (got_code, message) = result.expect_err("expected an error");
    assert_eq!(got_code, code, "{message}");
    assert!(message.contains(words), "{message:?} should say {words:?}");
}

async fn segment(w: &World) -> String {
    let dims = SegmentDimensions::builder().build();
    let request = WriteSegmentRequest::builder().name("All").dimensions(dims).build();
    let out =
        w.c.create_segment()
            .application_id(&w.app)
            .write_segment_request(request)
            .send()
            .await
            .unwrap();
    out.segment_response().unwrap().id().unwrap().to_owned()
}

#[tokio::test]
async fn create_get_update_list_and_delete_a_journey() {
    let w = world().await;
    let id = create(&w, journey("Welcome", event_start("signup"))).await.unwrap();
    let got = w.c.get_journey().application_id(&w.app).journey_id(&id).send().await.unwrap();
    let j = got.journey_response().unwrap();
    assert_eq!(
        (j.name(), j.application_id(), j.state()),
        (Some("Welcome"), Some(w.app.as_str()), Some(&State::Draft))
    );
    assert_eq!(j.start_activity(), Some("wait"));
    assert_eq!(j.activities().unwrap().len(), 2);
    assert!(j.creation_date().is_some() && j.last_modified_date().is_some());

    let renamed = WriteJourneyRequest::builder()
        .name("Welcome v2")
        .start_activity("sms")
        .start_condition(event_start("signup"))
        .activities("sms", sms(None))
        .limits(JourneyLimits::builder().daily_cap(2).endpoint_reentry_cap(3).build())
        .build();
    let updated =
        w.c.update_journey()
            .application_id(&w.app)
            .journey_id(&id)
            .write_journey_request(renamed)
            .send()
            .await
            .unwrap();
    let j = updated.journey_response().unwrap();
    assert_eq!((j.name(), j.activities().unwrap().len()), (Some("Welcome v2"), 1));
    assert_eq!(j.limits().unwrap().daily_cap(), Some(2));

    let second = create(&w, journey("Second", event_start("buy"))).await.unwrap();
    let page = w.c.list_journeys().application_id(&w.app).page_size("1").send().await.unwrap();
    let page = page.journeys_response().unwrap();
    assert_eq!(page.item().len(), 1);
    assert_eq!(page.item()[0].id(), Some(id.as_str()));
    let token = page.next_token().expect("a second page").to_owned();
    let rest = w.c.list_journeys().application_id(&w.app).token(token).send().await.unwrap();
    let rest = rest.journeys_response().unwrap();
    assert_eq!(rest.item().iter().map(|j| j.id()).collect::<Vec<_>>(), [Some(second.as_str())]);
    assert!(rest.next_token().is_none());

    let deleted = w.c.delete_journey().application_id(&w.app).journey_id(&id).send().await.unwrap();
    assert_eq!(deleted.journey_response().unwrap().name(), Some("Welcome v2"));
    let gone = w.c.get_journey().application_id(&w.app).journey_id(&id).send().await.unwrap_err();
    assert_eq!(gone.code(), Some("NotFoundException"));
    let gone =
        w.c.delete_journey().application_id(&w.app).journey_id(&id).send().await.unwrap_err();
    assert_eq!(gone.code(), Some("NotFoundException"));
    let no_app = w.c.list_journeys().application_id("nope").send().await.unwrap_err();
    assert_eq!(no_app.code(), Some("NotFoundException"));
}

#[tokio::test]
async fn a_definition_is_checked_like_the_service_and_errors_name_the_member() {
    let w = world().await;
    let split = |branches: &[(i32, &str)]| {
        let entries = branches.iter().map(|(p, next)| {
            RandomSplitEntry::builder().percentage(*p).next_activity(*next).build()
        });
        Activity::builder()
            .random_split(
                RandomSplitActivity::builder().set_branches(Some(entries.collect())).build(),
            )
            .build()
    };
    let base = |split: Activity| {
        WriteJourneyRequest::builder()
            .name("Split")
            .start_activity("split1")
            .start_condition(event_start("signup"))
            .activities("split1", split)
            .activities("a", sms(None))
            .activities("b", sms(None))
    };
    refused(
        create(&w, base(split(&[(50, "a"), (30, "b"), (20, "nowhere")])).build()).await,
        "BadRequestException",
        "Activities.split1.RandomSplit.Branches[2].NextActivity names 'nowhere', which is not an activity",
    );
    refused(
        create(&w, base(split(&[(50, "a"), (40, "b")])).build()).await,
        "BadRequestException",
        "add up to 90, not 100",
    );
    let six: Vec<(i32, &str)> =
        vec![(20, "a"), (20, "b"), (15, "a"), (15, "b"), (15, "a"), (15, "b")];
    refused(
        create(&w, base(split(&six)).build()).await,
        "BadRequestException",
        "Branches has 6 paths",
    );
    let cycle = WriteJourneyRequest::builder()
        .name("Loop")
        .start_activity("one")
        .activities("one", wait("PT1H", "two"))
        .activities("two", wait("PT1H", "one"))
        .build();
    refused(create(&w, cycle).await, "BadRequestException", "cycle (one → two → one)");
    let bad_wait = WriteJourneyRequest::builder()
        .name("W")
        .activities("w", wait("tomorrow", "w2"))
        .activities("w2", sms(None))
        .build();
    refused(
        create(&w, bad_wait).await,
        "BadRequestException",
        "Activities.w.Wait.WaitTime.WaitFor 'tomorrow' is not an ISO-8601 duration",
    );
    let mut many = WriteJourneyRequest::builder().name("Many");
    for i in 0..41 {
        many = many.activities(format!("a{i}"), sms(None));
    }
    refused(create(&w, many.build()).await, "BadRequestException", "a journey takes at most 40");
    let no_segment = journey(
        "Seg",
        StartCondition::builder()
            .segment_start_condition(SegmentCondition::builder().segment_id("missing").build())
            .build(),
    );
    refused(
        create(&w, no_segment).await,
        "BadRequestException",
        "StartCondition.SegmentStartCondition.SegmentId names segment 'missing', which does not exist",
    );
    let start_missing = WriteJourneyRequest::builder()
        .name("S")
        .start_activity("ghost")
        .activities("a", sms(None))
        .build();
    refused(create(&w, start_missing).await, "BadRequestException", "StartActivity names 'ghost'");
    let two_kinds = WriteJourneyRequest::builder()
        .name("T")
        .activities(
            "both",
            Activity::builder()
                .sms(SmsMessageActivity::builder().build())
                .wait(
                    WaitActivity::builder()
                        .wait_time(WaitTime::builder().wait_for("PT1H").build())
                        .build(),
                )
                .build(),
        )
        .build();
    refused(
        create(&w, two_kinds).await,
        "BadRequestException",
        "Activities.both must set exactly one activity type",
    );
    let capped = journey("Caps", event_start("x"));
    let capped = WriteJourneyRequest::builder()
        .name("Caps")
        .set_activities(capped.activities().cloned())
        .limits(JourneyLimits::builder().daily_cap(101).build())
        .build();
    refused(
        create(&w, capped).await,
        "BadRequestException",
        "Limits.DailyCap must be between 0 and 100",
    );
    let closed = WriteJourneyRequest::builder()
        .name("Closed days")
        .closed_days(
            aws_sdk_pinpoint::types::ClosedDays::builder()
                .sms(
                    aws_sdk_pinpoint::types::ClosedDaysRule::builder()
                        .name("holiday")
                        .start_date_time("2026-12-25T00:00:00Z")
                        .end_date_time("2026-12-26T00:00:00Z")
                        .build(),
                )
                .build(),
        )
        .build();
    refused(
        create(&w, closed).await,
        "BadRequestException",
        "ClosedDays takes effect only with SendingSchedule",
    );
    let listed = w.c.list_journeys().application_id(&w.app).send().await.unwrap();
    assert!(
        listed.journeys_response().unwrap().item().is_empty(),
        "a refused journey leaves no trace"
    );
}

#[tokio::test]
async fn states_move_only_the_way_the_service_allows() {
    let w = world().await;
    // A draft without a start condition cannot be published.
    let bare = WriteJourneyRequest::builder()
        .name("Bare")
        .start_activity("sms")
        .activities("sms", sms(None))
        .build();
    let bare = create(&w, bare).await.unwrap();
    refused(
        set_state(&w, &bare, State::Active).await,
        "BadRequestException",
        "needs a StartCondition",
    );
    refused(set_state(&w, &bare, State::Completed).await, "BadRequestException", "cannot be set");

    let id = create(&w, journey("Event", event_start("signup"))).await.unwrap();
    assert_eq!(set_state(&w, &id, State::Active).await.unwrap(), "ACTIVE");
    // PAUSED is for journeys that refresh their segment.
    refused(set_state(&w, &id, State::Paused).await, "BadRequestException", "RefreshFrequency");
    // A published journey keeps its activities.
    let changed = WriteJourneyRequest::builder()
        .name("Event")
        .start_activity("sms")
        .activities("sms", sms(None))
        .build();
    let err =
        w.c.update_journey()
            .application_id(&w.app)
            .journey_id(&id)
            .write_journey_request(changed)
            .send()
            .await
            .unwrap_err();
    assert_eq!(err.code(), Some("BadRequestException"));
    assert!(
        err.message()
            .unwrap()
            .contains("Activities of a published journey (ACTIVE) cannot be changed"),
        "{:?}",
        err.message()
    );
    // Its name may change.
    let renamed = WriteJourneyRequest::builder().name("Event renamed").build();
    let out =
        w.c.update_journey()
            .application_id(&w.app)
            .journey_id(&id)
            .write_journey_request(renamed)
            .send()
            .await
            .unwrap();
    let j = out.journey_response().unwrap();
    assert_eq!(
        (j.name(), j.activities().map(std::collections::HashMap::len)),
        (Some("Event renamed"), Some(2))
    );

    assert_eq!(set_state(&w, &id, State::Cancelled).await.unwrap(), "CANCELLED");
    refused(
        set_state(&w, &id, State::Active).await,
        "BadRequestException",
        "A journey that is CANCELLED cannot become ACTIVE",
    );
    let err =
        w.c.update_journey()
            .application_id(&w.app)
            .journey_id(&id)
            .write_journey_request(WriteJourneyRequest::builder().name("x").build())
            .send()
            .await
            .unwrap_err();
    assert!(err.message().unwrap().contains("CANCELLED cannot be updated"));

    // A segment journey that refreshes may pause and resume.
    let seg = segment(&w).await;
    let refreshing = WriteJourneyRequest::builder()
        .name("Refreshing")
        .start_activity("sms")
        .start_condition(
            StartCondition::builder()
                .segment_start_condition(SegmentCondition::builder().segment_id(seg).build())
                .build(),
        )
        .refresh_frequency("PT1H")
        .activities("sms", sms(None))
        .state(State::Active)
        .build();
    let refreshing = create(&w, refreshing).await.unwrap();
    assert_eq!(set_state(&w, &refreshing, State::Paused).await.unwrap(), "PAUSED");
    assert_eq!(set_state(&w, &refreshing, State::Active).await.unwrap(), "ACTIVE");
    refused(set_state(&w, "nope", State::Active).await, "NotFoundException", "nope");
}

#[tokio::test]
async fn an_event_started_journey_runs_and_reports_its_metrics() {
    let w = world().await;
    let sms_channel = SmsChannelRequest::builder().enabled(true).sender_id("Shop").build();
    w.c.update_sms_channel()
        .application_id(&w.app)
        .sms_channel_request(sms_channel)
        .send()
        .await
        .unwrap();
    let request = WriteJourneyRequest::builder()
        .name("Welcome")
        .start_activity("sms")
        .start_condition(event_start("signup"))
        .activities("sms", sms(None))
        .state(State::Active)
        .build();
    let id = create(&w, request).await.unwrap();
    let endpoint =
        PublicEndpoint::builder().channel_type(ChannelType::Sms).address("+12065550100").build();
    let event = Event::builder().event_type("signup").timestamp("2026-01-01T00:00:00Z").build();
    let batch = EventsBatch::builder().endpoint(endpoint).events("ev1", event).build();
    let events = EventsRequest::builder().batch_item("e1", batch).build();
    w.c.put_events().application_id(&w.app).events_request(events).send().await.unwrap();
    let backend = Arc::clone(&w.backend);
    tokio::task::spawn_blocking(move || backend.run_due()).await.unwrap();

    let outbox =
        w.backend.outbox(&OutboxFilter { journey_id: Some(id.clone()), ..OutboxFilter::default() });
    assert_eq!(outbox.len(), 1);
    assert_eq!(outbox[0].endpoint_id.as_deref(), Some("e1"));

    let metrics =
        w.c.get_journey_execution_metrics()
            .application_id(&w.app)
            .journey_id(&id)
            .send()
            .await
            .unwrap();
    let metrics = metrics.journey_execution_metrics_response().unwrap();
    assert_eq!(metrics.metrics().unwrap().get("ENDPOINT_ENTERED").map(String::as_str), Some("1"));
    assert_eq!(metrics.metrics().unwrap().get("ENDPOINT_LEFT").map(String::as_str), Some("1"));
    assert_eq!(metrics.metrics().unwrap().get("ENDPOINT_ACTIVE").map(String::as_str), Some("0"));
    assert!(metrics.last_evaluated_time().is_some_and(|t| !t.is_empty()));

    let activity =
        w.c.get_journey_execution_activity_metrics()
            .application_id(&w.app)
            .journey_id(&id)
            .journey_activity_id("sms")
            .send()
            .await
            .unwrap();
    let activity = activity.journey_execution_activity_metrics_response().unwrap();
    assert_eq!(
        (activity.activity_type(), activity.journey_activity_id()),
        (Some("MESSAGE"), Some("sms"))
    );
    assert_eq!(activity.metrics().unwrap().get("SUCCESS").map(String::as_str), Some("1"));

    let runs = w.c.get_journey_runs().application_id(&w.app).journey_id(&id).send().await.unwrap();
    let runs = runs.journey_runs_response().unwrap();
    assert_eq!(runs.item().len(), 1);
    let run = runs.item()[0].run_id().unwrap().to_owned();
    assert_eq!(
        runs.item()[0].status().map(aws_sdk_pinpoint::types::JourneyRunStatus::as_str),
        Some("RUNNING")
    );
    let run_metrics =
        w.c.get_journey_run_execution_metrics()
            .application_id(&w.app)
            .journey_id(&id)
            .run_id(&run)
            .send()
            .await
            .unwrap();
    let run_metrics = run_metrics.journey_run_execution_metrics_response().unwrap();
    assert_eq!(
        run_metrics.metrics().unwrap().get("ENDPOINT_ENTERED").map(String::as_str),
        Some("1")
    );
    let run_activity =
        w.c.get_journey_run_execution_activity_metrics()
            .application_id(&w.app)
            .journey_id(&id)
            .run_id(&run)
            .journey_activity_id("sms")
            .send()
            .await
            .unwrap();
    let run_activity = run_activity.journey_run_execution_activity_metrics_response().unwrap();
    assert_eq!(run_activity.metrics().unwrap().get("SUCCESS").map(String::as_str), Some("1"));

    let err =
        w.c.get_journey_run_execution_metrics()
            .application_id(&w.app)
            .journey_id(&id)
            .run_id("nope")
            .send()
            .await
            .unwrap_err();
    assert_eq!(err.code(), Some("NotFoundException"));
    let err =
        w.c.get_journey_execution_activity_metrics()
            .application_id(&w.app)
            .journey_id(&id)
            .journey_activity_id("nope")
            .send()
            .await
            .unwrap_err();
    assert_eq!(err.code(), Some("NotFoundException"));
    let err =
        w.c.get_journey_runs().application_id(&w.app).journey_id("nope").send().await.unwrap_err();
    assert_eq!(err.code(), Some("NotFoundException"));
    let err =
        w.c.get_journey_execution_metrics()
            .application_id(&w.app)
            .journey_id("nope")
            .send()
            .await
            .unwrap_err();
    assert_eq!(err.code(), Some("NotFoundException"));
}

#[tokio::test]
async fn a_journey_arn_is_taggable() {
    let w = world().await;
    let id = create(&w, journey("Tagged", event_start("signup"))).await.unwrap();
    let arn =
        format!("arn:aws:mobiletargeting:us-east-1:000000000000:apps/{}/journeys/{id}", w.app);
    let model = TagsModel::builder().tags("team", "growth").build();
    w.c.tag_resource().resource_arn(&arn).tags_model(model).send().await.unwrap();
    let got = w.c.get_journey().application_id(&w.app).journey_id(&id).send().await.unwrap();
    assert_eq!(
        got.journey_response().unwrap().tags().unwrap().get("team").map(String::as_str),
        Some("growth")
    );
    let listed = w.c.list_tags_for_resource().resource_arn(&arn).send().await.unwrap();
    assert_eq!(listed.tags_model().unwrap().tags().unwrap().len(), 1);
    w.c.untag_resource().resource_arn(&arn).tag_keys("team").send().await.unwrap();
    let got = w.c.get_journey().application_id(&w.app).journey_id(&id).send().await.unwrap();
    assert!(got.journey_response().unwrap().tags().is_none_or(std::collections::HashMap::is_empty));
    let other =
        format!("arn:aws:mobiletargeting:us-east-1:000000000000:apps/{}/journeys/nope", w.app);
    let err = w.c.list_tags_for_resource().resource_arn(other).send().await.unwrap_err();
    assert_eq!(err.code(), Some("NotFoundException"));
}

#[tokio::test]
async fn splits_on_segment_dimensions_and_events_round_trip() {
    use aws_sdk_pinpoint::types::{
        ConditionalSplitActivity, ContactCenterActivity, EventCondition, MultiConditionalBranch,
        MultiConditionalSplitActivity, Operator, SegmentDemographics, SimpleCondition,
    };
    let w = world().await;
    let ios = SegmentDimensions::builder()
        .demographic(
            SegmentDemographics::builder()
                .platform(SetDimension::builder().values("iOS").build())
                .build(),
        )
        .build();
    let bought = EventCondition::builder()
        .dimensions(
            EventDimensions::builder()
                .event_type(SetDimension::builder().values("purchase").build())
                .build(),
        )
        .build();
    let multi = MultiConditionalSplitActivity::builder()
        .branches(
            MultiConditionalBranch::builder()
                .condition(SimpleCondition::builder().segment_dimensions(ios).build())
                .next_activity("done")
                .build(),
        )
        .default_activity("check")
        .build();
    let check = ConditionalSplitActivity::builder()
        .condition(
            aws_sdk_pinpoint::types::Condition::builder()
                .conditions(SimpleCondition::builder().event_condition(bought).build())
                .operator(Operator::Any)
                .build(),
        )
        .evaluation_wait_time(WaitTime::builder().wait_for("PT1H").build())
        .true_activity("done")
        .false_activity("done")
        .build();
    let request = WriteJourneyRequest::builder()
        .name("Splits")
        .start_activity("multi")
        .start_condition(event_start("signup"))
        .activities("multi", Activity::builder().multi_condition(multi).build())
        .activities("check", Activity::builder().conditional_split(check).build())
        .activities(
            "done",
            Activity::builder().contact_center(ContactCenterActivity::builder().build()).build(),
        )
        .build();
    let id = create(&w, request).await.unwrap();
    let got = w.c.get_journey().application_id(&w.app).journey_id(&id).send().await.unwrap();
    let activities = got.journey_response().unwrap().activities().unwrap();
    let branch = &activities["multi"].multi_condition().unwrap().branches()[0];
    let platform = branch.condition().unwrap().segment_dimensions().unwrap();
    assert_eq!(platform.demographic().unwrap().platform().unwrap().values(), ["iOS"]);
    let check = activities["check"].conditional_split().unwrap();
    assert_eq!(check.evaluation_wait_time().unwrap().wait_for(), Some("PT1H"));
    let metrics =
        w.c.get_journey_execution_activity_metrics()
            .application_id(&w.app)
            .journey_id(&id)
            .journey_activity_id("multi")
            .send()
            .await
            .unwrap();
    let metrics = metrics.journey_execution_activity_metrics_response().unwrap();
    assert_eq!(metrics.activity_type(), Some("MULTI_CONDITIONAL_SPLIT"));
}
