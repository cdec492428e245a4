//! Journeys through `aws-sdk-pinpoint`: the six journey operations (create, get, update,
//! list, delete, state), their success answers and their errors (validation naming the
//! activity and member at fault, state moves the service refuses, unknown journeys).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::large_futures)]

use crate::sdk_journey_world;

use aws_sdk_pinpoint::error::ProvideErrorMetadata;
use aws_sdk_pinpoint::types::{
    Activity, JourneyLimits, RandomSplitActivity, RandomSplitEntry, SegmentCondition,
    SmsMessageActivity, StartCondition, State, WaitActivity, WaitTime, WriteJourneyRequest,
};
use sdk_journey_world::{
    create, event_start, journey, refused, segment, set_state, sms, wait, world,
};

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
