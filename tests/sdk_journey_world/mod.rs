//! The SDK journey tests' world: a mock on a socket whose backend the test keeps (to run
//! the engine's tick), an SDK client, a project, and builders for journeys.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::net::{Ipv4Addr, SocketAddr};
use std::sync::Arc;

use aws_sdk_pinpoint::Client;
use aws_sdk_pinpoint::error::ProvideErrorMetadata;
use aws_sdk_pinpoint::types::{
    Activity, CreateApplicationRequest, DimensionType, EventDimensions, EventFilter,
    EventStartCondition, FilterType, JourneySmsMessage, JourneyStateRequest, SegmentDimensions,
    SetDimension, SmsMessageActivity, StartCondition, State, WaitActivity, WaitTime,
    WriteJourneyRequest, WriteSegmentRequest,
};
use pinpoint_console::mock::MockServer;
use pinpoint_console::mock::backend::Backend;

use crate::common::sdk_client;

/// A mock on a socket (its backend kept, to run the tick), an SDK client and a project.
pub struct World {
    pub _server: MockServer,
    pub backend: Arc<Backend>,
    pub c: Client,
    pub app: String,
}

pub async fn world() -> World {
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
    // The template every SMS activity of these tests names (`sms` below).
    let template = aws_sdk_pinpoint::types::SmsTemplateRequest::builder().body("Welcome!").build();
    c.create_sms_template()
        .template_name("welcome")
        .sms_template_request(template)
        .send()
        .await
        .unwrap();
    World { _server: server, backend, c, app }
}

pub fn sms(next: Option<&str>) -> Activity {
    let message = JourneySmsMessage::builder().sender_id("Shop").build();
    let activity = SmsMessageActivity::builder()
        .template_name("welcome")
        .message_config(message)
        .set_next_activity(next.map(str::to_owned));
    Activity::builder().sms(activity.build()).build()
}

pub fn wait(for_: &str, next: &str) -> Activity {
    let wait = WaitActivity::builder()
        .wait_time(WaitTime::builder().wait_for(for_).build())
        .next_activity(next);
    Activity::builder().wait(wait.build()).build()
}

pub fn event_start(event_type: &str) -> StartCondition {
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
pub fn journey(name: &str, start: StartCondition) -> WriteJourneyRequest {
    WriteJourneyRequest::builder()
        .name(name)
        .start_activity("wait")
        .start_condition(start)
        .activities("wait", wait("P1D", "sms"))
        .activities("sms", sms(None))
        .build()
}

pub async fn create(w: &World, request: WriteJourneyRequest) -> Result<String, (String, String)> {
    match w.c.create_journey().application_id(&w.app).write_journey_request(request).send().await {
        Ok(out) => Ok(out.journey_response().unwrap().id().unwrap().to_owned()),
        Err(e) => Err((
            e.code().unwrap_or_default().to_owned(),
            e.message().unwrap_or_default().to_owned(),
        )),
    }
}

pub async fn set_state(w: &World, id: &str, state: State) -> Result<String, (String, String)> {
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

pub fn refused(result: Result<String, (String, String)>, code: &str, words: &str) {
    let (got_code, message) = result.expect_err("expected an error");
    assert_eq!(got_code, code, "{message}");
    assert!(message.contains(words), "{message:?} should say {words:?}");
}

pub async fn segment(w: &World) -> String {
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
