//! Journeys through `aws-sdk-pinpoint`, running: an event-started journey's runs and its
//! execution metrics (journey, activity, run, run activity) and their 404s, tags on a
//! journey's ARN, splits on segment dimensions and events.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::large_futures)]

use crate::sdk_journey_world;

use std::sync::Arc;

use aws_sdk_pinpoint::error::ProvideErrorMetadata;
use aws_sdk_pinpoint::types::{
    Activity, ChannelType, Event, EventDimensions, EventsBatch, EventsRequest, PublicEndpoint,
    SegmentDimensions, SetDimension, SmsChannelRequest, State, TagsModel, WaitTime,
    WriteJourneyRequest,
};
use pinpoint_console::mock::backend::OutboxFilter;
use sdk_journey_world::{create, event_start, journey, sms, world};

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
