//! Tags through `aws-sdk-pinpoint`: TagResource, UntagResource and ListTagsForResource on a
//! project, a segment and a campaign; the `tags` of each `Get*` follow; unknown and malformed
//! ARNs and tags that break AWS's rules are refused.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::large_futures)]

use crate::common;

use std::collections::HashMap;

use aws_sdk_pinpoint::Client;
use aws_sdk_pinpoint::error::ProvideErrorMetadata;
use aws_sdk_pinpoint::types::{
    CampaignSmsMessage, CreateApplicationRequest, Frequency, MessageConfiguration, Schedule,
    SegmentDimensions, TagsModel, WriteCampaignRequest, WriteSegmentRequest,
};
use common::{sdk_client, start_mock};
use pinpoint_console::mock::demo::Seed;

fn tags(pairs: &[(&str, &str)]) -> HashMap<String, String> {
    pairs.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect()
}

async fn list(c: &Client, arn: &str) -> HashMap<String, String> {
    let answer = c.list_tags_for_resource().resource_arn(arn).send().await.unwrap();
    answer.tags_model().unwrap().tags().cloned().unwrap_or_default()
}

async fn tag(c: &Client, arn: &str, pairs: &[(&str, &str)]) {
    let model = TagsModel::builder().set_tags(Some(tags(pairs))).build();
    c.tag_resource().resource_arn(arn).tags_model(model).send().await.unwrap();
}

#[tokio::test]
async fn tags_on_a_project_a_segment_and_a_campaign() {
    let server = start_mock(Seed::Empty).await;
    let c = sdk_client(&server).await;
    let app = c
        .create_app()
        .create_application_request(
            CreateApplicationRequest::builder()
                .name("Tagged")
                .set_tags(Some(tags(&[("team", "growth")])))
                .build(),
        )
        .send()
        .await
        .unwrap();
    let app = app.application_response().unwrap();
    let (app_id, app_arn) = (app.id().unwrap().to_owned(), app.arn().unwrap().to_owned());
    assert_eq!(list(&c, &app_arn).await, tags(&[("team", "growth")]));

    tag(&c, &app_arn, &[("stage", "prod"), ("team", "retention")]).await;
    let got = c.get_app().application_id(&app_id).send().await.unwrap();
    assert_eq!(
        got.application_response().unwrap().tags().unwrap(),
        &tags(&[("stage", "prod"), ("team", "retention")])
    );
    c.untag_resource().resource_arn(&app_arn).tag_keys("stage").send().await.unwrap();
    assert_eq!(list(&c, &app_arn).await, tags(&[("team", "retention")]));
    let listed = c.get_apps().send().await.unwrap();
    let item = &listed.applications_response().unwrap().item()[0];
    assert_eq!(item.tags().unwrap(), &tags(&[("team", "retention")]), "GetApps follows too");

    let segment = c
        .create_segment()
        .application_id(&app_id)
        .write_segment_request(
            WriteSegmentRequest::builder()
                .name("All")
                .dimensions(SegmentDimensions::builder().build())
                .build(),
        )
        .send()
        .await
        .unwrap();
    let segment = segment.segment_response().unwrap();
    let (segment_id, segment_arn) = (segment.id().unwrap(), segment.arn().unwrap());
    assert!(list(&c, segment_arn).await.is_empty());
    tag(&c, segment_arn, &[("owner", "ana")]).await;
    let got = c.get_segment().application_id(&app_id).segment_id(segment_id).send().await.unwrap();
    assert_eq!(got.segment_response().unwrap().tags().unwrap(), &tags(&[("owner", "ana")]));

    let campaign = c
        .create_campaign()
        .application_id(&app_id)
        .write_campaign_request(
            WriteCampaignRequest::builder()
                .name("Hello")
                .segment_id(segment_id)
                .message_configuration(
                    MessageConfiguration::builder()
                        .sms_message(CampaignSmsMessage::builder().body("Hi").build())
                        .build(),
                )
                .schedule(
                    Schedule::builder().start_time("IMMEDIATE").frequency(Frequency::Once).build(),
                )
                .set_tags(Some(tags(&[("kind", "promo")])))
                .build(),
        )
        .send()
        .await
        .unwrap();
    let campaign = campaign.campaign_response().unwrap();
    let campaign_arn = campaign.arn().unwrap();
    assert_eq!(list(&c, campaign_arn).await, tags(&[("kind", "promo")]));
    c.untag_resource().resource_arn(campaign_arn).tag_keys("kind").send().await.unwrap();
    let got = c
        .get_campaign()
        .application_id(&app_id)
        .campaign_id(campaign.id().unwrap())
        .send()
        .await
        .unwrap();
    assert!(got.campaign_response().unwrap().tags().is_none_or(HashMap::is_empty));
}

#[tokio::test]
async fn unknown_and_malformed_arns_and_bad_tags_are_refused() {
    let server = start_mock(Seed::Empty).await;
    let c = sdk_client(&server).await;
    let app = c
        .create_app()
        .create_application_request(CreateApplicationRequest::builder().name("P").build())
        .send()
        .await
        .unwrap();
    let arn = app.application_response().unwrap().arn().unwrap().to_owned();

    let missing = arn.replace(|ch: char| ch.is_ascii_hexdigit() && ch != ':', "0");
    let missing = format!(
        "arn:aws:mobiletargeting:us-east-1:000000000000:apps/{}",
        &missing[missing.len() - 32..]
    );
    let e = c.list_tags_for_resource().resource_arn(&missing).send().await.unwrap_err();
    assert_eq!(e.into_service_error().code(), Some("NotFoundException"));

    let other_region = arn.replace("us-east-1", "eu-west-1");
    let e = c.list_tags_for_resource().resource_arn(&other_region).send().await.unwrap_err();
    assert_eq!(e.into_service_error().code(), Some("NotFoundException"));

    let e = c.list_tags_for_resource().resource_arn("not-an-arn").send().await.unwrap_err();
    assert_eq!(e.into_service_error().code(), Some("BadRequestException"));

    let reserved = TagsModel::builder().set_tags(Some(tags(&[("aws:owner", "x")]))).build();
    let e = c.tag_resource().resource_arn(&arn).tags_model(reserved).send().await.unwrap_err();
    let e = e.into_service_error();
    assert_eq!(e.code(), Some("BadRequestException"));
    assert!(e.message().unwrap().contains("aws:"), "{e:?}");
    assert!(list(&c, &arn).await.is_empty(), "a refused request changes nothing");
}

#[tokio::test]
async fn tags_on_a_template_follow_its_get() {
    use aws_sdk_pinpoint::types::SmsTemplateRequest;
    let server = start_mock(Seed::Empty).await;
    let c = sdk_client(&server).await;
    let created = c
        .create_sms_template()
        .template_name("welcome")
        .sms_template_request(
            SmsTemplateRequest::builder()
                .body("Hi")
                .set_tags(Some(tags(&[("team", "growth")])))
                .build(),
        )
        .send()
        .await
        .unwrap();
    let arn = created.create_template_message_body().unwrap().arn().unwrap().to_owned();
    assert!(arn.ends_with(":templates/welcome/SMS"), "{arn}");
    assert_eq!(list(&c, &arn).await, tags(&[("team", "growth")]));
    tag(&c, &arn, &[("stage", "beta")]).await;
    c.untag_resource().resource_arn(&arn).tag_keys("team").send().await.unwrap();
    let got = c.get_sms_template().template_name("welcome").send().await.unwrap();
    assert_eq!(got.sms_template_response().unwrap().tags().unwrap(), &tags(&[("stage", "beta")]));

    let email_arn = arn.replace("/SMS", "/EMAIL");
    let e = c.list_tags_for_resource().resource_arn(&email_arn).send().await.unwrap_err();
    assert_eq!(e.into_service_error().code(), Some("NotFoundException"), "no such email template");

    let e = c
        .create_sms_template()
        .template_name("reserved")
        .sms_template_request(
            SmsTemplateRequest::builder()
                .body("Hi")
                .set_tags(Some(tags(&[("aws:x", "y")])))
                .build(),
        )
        .send()
        .await
        .unwrap_err();
    assert_eq!(e.into_service_error().code(), Some("BadRequestException"));
}
