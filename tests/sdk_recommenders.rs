//! Recommender model configurations through the real `aws-sdk-pinpoint` client against the
//! mock: create, get, list (paged), update, delete, and the service's validation.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::large_futures)]

use crate::common;

use aws_sdk_pinpoint::error::ProvideErrorMetadata;
use aws_sdk_pinpoint::types::{
    CreateRecommenderConfigurationShape, UpdateRecommenderConfigurationShape,
};
use common::{sdk_client, start_mock};
use pinpoint_console::mock::demo::Seed;

const CAMPAIGN: &str = "arn:aws:personalize:us-east-1:000000000000:campaign/picks";
const ROLE: &str = "arn:aws:iam::000000000000:role/personalize";

/// The error code and message of a failed call.
macro_rules! fails {
    ($call:expr) => {{
        let e = $call.await.expect_err("the call should fail").into_service_error();
        (e.code().unwrap_or_default().to_owned(), e.message().unwrap_or_default().to_owned())
    }};
}

fn plain() -> aws_sdk_pinpoint::types::builders::CreateRecommenderConfigurationShapeBuilder {
    CreateRecommenderConfigurationShape::builder()
        .name("Top picks")
        .description("Picks for you")
        .recommendation_provider_uri(CAMPAIGN)
        .recommendation_provider_role_arn(ROLE)
        .recommendations_display_name("Top picks")
}

#[tokio::test]
async fn recommender_configurations_round_trip() {
    let server = start_mock(Seed::Empty).await;
    let c = sdk_client(&server).await;
    let created = c
        .create_recommender_configuration()
        .create_recommender_configuration(plain().build())
        .send()
        .await
        .unwrap();
    let r = created.recommender_configuration_response().unwrap();
    let id = r.id().unwrap().to_owned();
    assert_eq!(id.len(), 32);
    assert_eq!(r.recommendation_provider_uri(), Some(CAMPAIGN));
    assert_eq!(r.recommendation_provider_id_type(), Some("PINPOINT_ENDPOINT_ID"), "the default");
    assert_eq!(r.recommendations_per_message(), Some(5), "the default");
    assert!(r.creation_date().is_some() && r.last_modified_date().is_some());

    let got = c.get_recommender_configuration().recommender_id(&id).send().await.unwrap();
    assert_eq!(got.recommender_configuration_response().unwrap().name(), Some("Top picks"));

    let with_lambda = c
        .create_recommender_configuration()
        .create_recommender_configuration(
            CreateRecommenderConfigurationShape::builder()
                .recommendation_provider_uri(CAMPAIGN)
                .recommendation_provider_role_arn(ROLE)
                .recommendation_provider_id_type("PINPOINT_USER_ID")
                .recommendation_transformer_uri(
                    "arn:aws:lambda:us-east-1:000000000000:function:shape",
                )
                .recommendations_per_message(3)
                .attributes("Recommendations.Title", "Title")
                .attributes("Price", "Price")
                .build(),
        )
        .send()
        .await
        .unwrap();
    let second = with_lambda.recommender_configuration_response().unwrap();
    assert_eq!(second.attributes().unwrap().len(), 2);

    let first_page = c.get_recommender_configurations().page_size("1").send().await.unwrap();
    let page = first_page.list_recommender_configurations_response().unwrap();
    assert_eq!(page.item().len(), 1);
    assert_eq!(page.item()[0].id(), Some(id.as_str()), "oldest first");
    let token = page.next_token().expect("a second page").to_owned();
    let rest = c.get_recommender_configurations().page_size("1").token(token).send().await.unwrap();
    let rest = rest.list_recommender_configurations_response().unwrap();
    assert_eq!(rest.item()[0].id(), second.id());
    assert!(rest.next_token().is_none());

    let updated = c
        .update_recommender_configuration()
        .recommender_id(&id)
        .update_recommender_configuration(
            UpdateRecommenderConfigurationShape::builder()
                .name("Renamed")
                .recommendation_provider_uri(CAMPAIGN)
                .recommendation_provider_role_arn(ROLE)
                .recommendations_display_name("Picks")
                .recommendations_per_message(2)
                .build(),
        )
        .send()
        .await
        .unwrap();
    let u = updated.recommender_configuration_response().unwrap();
    assert_eq!((u.name(), u.recommendations_per_message()), (Some("Renamed"), Some(2)));
    assert_eq!(u.description(), None, "an update replaces every writable member");
    assert_eq!(u.creation_date(), r.creation_date());

    let deleted = c.delete_recommender_configuration().recommender_id(&id).send().await.unwrap();
    assert_eq!(deleted.recommender_configuration_response().unwrap().name(), Some("Renamed"));
    let (code, _) = fails!(c.get_recommender_configuration().recommender_id(&id).send());
    assert_eq!(code, "NotFoundException");
    let (code, _) = fails!(c.delete_recommender_configuration().recommender_id(&id).send());
    assert_eq!(code, "NotFoundException");
}

#[tokio::test]
async fn recommender_configurations_are_validated_as_the_service_does() {
    let server = start_mock(Seed::Empty).await;
    let c = sdk_client(&server).await;
    let lambda = "arn:aws:lambda:us-east-1:000000000000:function:shape";
    let cases = [
        ("not a Personalize campaign", plain().recommendation_provider_uri("arn:aws:s3:::bucket")),
        (
            "a Personalize solution",
            plain().recommendation_provider_uri(
                "arn:aws:personalize:us-east-1:000000000000:solution/s",
            ),
        ),
        ("not a role", plain().recommendation_provider_role_arn("arn:aws:iam::0:user/u")),
        ("zero per message", plain().recommendations_per_message(0)),
        ("six per message", plain().recommendations_per_message(6)),
        ("an unknown id type", plain().recommendation_provider_id_type("PINPOINT_DEVICE_ID")),
        ("no display name without a Lambda", plain().set_recommendations_display_name(None)),
        ("attributes without a Lambda", plain().attributes("Title", "Title")),
        ("a Lambda without attributes", plain().recommendation_transformer_uri(lambda)),
        (
            "a bad attribute name",
            plain().recommendation_transformer_uri(lambda).attributes("has space", "x"),
        ),
        ("a long display name", plain().recommendations_display_name("x".repeat(26))),
        ("a bad Lambda", plain().recommendation_transformer_uri("not a function!")),
    ];
    for (what, request) in cases {
        let (code, message) = fails!(
            c.create_recommender_configuration()
                .create_recommender_configuration(request.build())
                .send()
        );
        assert_eq!(code, "BadRequestException", "{what}: {message}");
    }
    let (code, message) = fails!(
        c.create_recommender_configuration()
            .create_recommender_configuration(
                CreateRecommenderConfigurationShape::builder()
                    .recommendation_provider_uri(CAMPAIGN)
                    .recommendations_display_name("x")
                    .build()
            )
            .send()
    );
    assert_eq!(code, "BadRequestException", "the role is required: {message}");
    assert!(message.contains("RecommendationProviderRoleArn"), "{message}");
    let (code, _) = fails!(
        c.update_recommender_configuration()
            .recommender_id("0123456789abcdef0123456789abcdef")
            .update_recommender_configuration(
                UpdateRecommenderConfigurationShape::builder()
                    .recommendation_provider_uri(CAMPAIGN)
                    .recommendation_provider_role_arn(ROLE)
                    .recommendations_display_name("x")
                    .build()
            )
            .send()
    );
    assert_eq!(code, "NotFoundException");
}
