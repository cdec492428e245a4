//! The console's campaign, segment and job calls (`api::engagement`) through the real SDK
//! against the mock: lists longer than one page are read to the end, saves create then
//! update, histories come newest first, and a draft round-trips through the service.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::large_futures)]

use crate::common;

use aws_sdk_pinpoint::types::CreateApplicationRequest;
use common::{sdk_client, start_mock};
use pinpoint_console::api::engagement;
use pinpoint_console::api::jobs::{self, ImportSpec};
use pinpoint_console::drafts::campaign::{CampaignDraft, TreatmentDraft};
use pinpoint_console::drafts::segment::{Criterion, GroupDraft, Kind, SegmentDraft};
use pinpoint_console::mock::demo::Seed;

#[tokio::test]
async fn long_lists_are_read_to_the_end_and_drafts_round_trip() {
    let server = start_mock(Seed::Empty).await;
    let client = sdk_client(&server).await;
    let app = client
        .create_app()
        .create_application_request(CreateApplicationRequest::builder().name("Paging").build())
        .send()
        .await
        .unwrap();
    let app = app.application_response().unwrap().id().unwrap().to_owned();

    // A segment from the builder's draft, then a second version.
    let mut segment = SegmentDraft {
        name: "Paged audience".into(),
        groups: vec![GroupDraft {
            sets: vec![vec![Criterion { values: "iOS".into(), ..Criterion::new(Kind::Platform) }]],
            ..GroupDraft::default()
        }],
        ..SegmentDraft::default()
    };
    let v1 =
        engagement::save_segment(&client, &app, None, segment.to_request().unwrap()).await.unwrap();
    let segment_id = v1.id().unwrap().to_owned();
    assert_eq!(SegmentDraft::from(&v1), segment);
    segment.groups[0].sets[0][0].values = "iOS, Android".into();
    let v2 =
        engagement::save_segment(&client, &app, Some(&segment_id), segment.to_request().unwrap())
            .await
            .unwrap();
    assert_eq!(v2.version(), Some(2));
    let versions = engagement::segment_versions(&client, &app, &segment_id).await.unwrap();
    assert_eq!(versions.iter().map(|v| v.version().unwrap()).collect::<Vec<_>>(), [2, 1]);

    // 130 campaigns: two pages of 100.
    let mut draft = CampaignDraft {
        segment_id: segment_id.clone(),
        holdout: "5".into(),
        treatments: vec![TreatmentDraft {
            name: "B".into(),
            size: "45".into(),
            ..Default::default()
        }],
        ..CampaignDraft::default()
    };
    draft.messages.sms.body = "Hello".into();
    for i in 0..130 {
        draft.name = format!("Campaign {i:03}");
        engagement::save_campaign(&client, &app, None, draft.to_request().unwrap()).await.unwrap();
    }
    let all = engagement::list_campaigns(&client, &app).await.unwrap();
    assert_eq!(all.len(), 130);
    let mut names: Vec<_> = all.iter().map(|c| c.name().unwrap().to_owned()).collect();
    names.sort();
    names.dedup();
    assert_eq!(names.len(), 130);

    // What the service stored reads back as the same draft (plus the version it chose).
    let stored = all.iter().find(|c| c.name() == Some("Campaign 007")).unwrap();
    let mut expected = draft.clone();
    expected.name = "Campaign 007".into();
    expected.segment_version = "2".into();
    assert_eq!(CampaignDraft::from(stored), expected);

    // Update: version 2, history newest first.
    let id = stored.id().unwrap().to_owned();
    expected.limits.daily = "3".into();
    let updated =
        engagement::save_campaign(&client, &app, Some(&id), expected.to_request().unwrap())
            .await
            .unwrap();
    assert_eq!(updated.version(), Some(2));
    let (versions, activities) = engagement::campaign_history(&client, &app, &id).await.unwrap();
    assert_eq!(versions.iter().map(|v| v.version().unwrap()).collect::<Vec<_>>(), [2, 1]);
    assert!(activities.iter().all(|a| a.campaign_id() == Some(id.as_str())));

    // A local file imported into the mock, listed with the jobs.
    let csv = std::env::temp_dir().join(format!("pp-engagement-{}.csv", uuid::Uuid::new_v4()));
    std::fs::write(&csv, "Id,ChannelType,Address\ne-1,EMAIL,e1@example.com\n").unwrap();
    let spec = ImportSpec {
        local_file: Some(csv.clone()),
        s3_url: String::new(),
        role_arn: "arn:aws:iam::1:role/import".into(),
        json: false,
        segment_name: "From a file".into(),
        segment_id: String::new(),
    };
    let job = jobs::start_import(&client, Some(&server.endpoint_url()), &app, spec.clone())
        .await
        .unwrap();
    assert!(job.import && job.url.starts_with("s3://pinpoint-console-uploads/"));
    // Without a mock, a local file is refused before anything is sent.
    let refused = jobs::start_import(&client, None, &app, spec).await.unwrap_err();
    assert_eq!(refused.kind, "NotAMock");
    let jobs = jobs::list_jobs(&client, &app).await.unwrap();
    assert!(jobs.iter().any(|j| j.id == job.id));
    let _ = std::fs::remove_file(csv);
}
