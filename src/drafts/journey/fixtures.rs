//! Journeys for the tests: the one the issue builds, and one with every member set.

use super::{
    ActivityDraft, Channel, ClosedDayRow, ConditionDraft, Entry, EventDraft, JourneyDraft, Kind,
    LimitsDraft, MessageDraft, MultiPath, OpenHoursRow, SimpleDraft, SplitPath, WaitDraft,
};
use crate::drafts::segment::{Criterion, Kind as CriterionKind};

fn add(d: &mut JourneyDraft, id: &str, kind: Kind) {
    d.activities.insert(id.to_owned(), ActivityDraft { description: String::new(), kind });
}

/// Segment entry → random split → SMS on one path, a wait then an email on the other.
#[must_use]
pub fn built() -> JourneyDraft {
    let mut d = JourneyDraft::named("Welcome");
    d.entry = Entry::Segment("seg1".into());
    d.start_activity = "split1".into();
    add(
        &mut d,
        "split1",
        Kind::RandomSplit(vec![
            SplitPath { percentage: "50".into(), next: "sms1".into() },
            SplitPath { percentage: "50".into(), next: "wait1".into() },
        ]),
    );
    add(
        &mut d,
        "sms1",
        Kind::Message(MessageDraft {
            template_name: "hello-sms".into(),
            ..MessageDraft::new(Channel::Sms)
        }),
    );
    add(
        &mut d,
        "wait1",
        Kind::Wait {
            wait: WaitDraft { wait_for: "P1D".into(), wait_until: String::new() },
            next: "email1".into(),
        },
    );
    add(
        &mut d,
        "email1",
        Kind::Message(MessageDraft {
            template_name: "hello-email".into(),
            ..MessageDraft::new(Channel::Email)
        }),
    );
    d
}

/// Every member of `WriteJourneyRequest` and of every activity kind set.
#[must_use]
pub fn full() -> JourneyDraft {
    let mut d = built();
    d.entry = Entry::Event {
        event: EventDraft {
            types: "purchase, signup".into(),
            exclusive: false,
            attributes: "plan = gold; silver".into(),
            metrics: "total >= 10".into(),
        },
        filter_type: "ENDPOINT".into(),
        segment: "seg1".into(),
    };
    d.entry_description = "Buyers".into();
    d.start_time = "2026-12-01T09:00:00Z".into();
    d.end_time = "2026-12-31T09:00:00Z".into();
    d.timezone = "UTC+01".into();
    d.limits = LimitsDraft {
        daily_cap: "2".into(),
        total_cap: "10".into(),
        reentry_cap: "3".into(),
        reentry_interval: "P7D".into(),
        messages_per_second: "50".into(),
        timeframe_cap: "5".into(),
        timeframe_days: "7".into(),
    };
    d.quiet_start = "21:00".into();
    d.quiet_end = "08:00".into();
    d.wait_for_quiet_time = Some(true);
    d.local_time = Some(false);
    d.refresh_frequency = "PT12H".into();
    d.refresh_on_segment_update = Some(true);
    d.sending_schedule = Some(true);
    d.open_hours = vec![OpenHoursRow {
        channel: "EMAIL".into(),
        day: "MONDAY".into(),
        start: "09:00".into(),
        end: "17:00".into(),
    }];
    d.closed_days = vec![ClosedDayRow {
        channel: "SMS".into(),
        name: "Holiday".into(),
        start: "2026-12-25T00:00:00Z".into(),
        end: "2026-12-26T00:00:00Z".into(),
    }];
    d.timezone_estimation = vec!["PHONE_NUMBER".into(), "POSTAL_CODE".into()];
    d.connect_campaign_arn = "arn:aws:connect:us-east-1:111122223333:campaign/x".into();
    d.connect_role_arn = "arn:aws:iam::111122223333:role/connect".into();
    d.state = "DRAFT".into();
    d.creation_date = "2026-11-01T00:00:00Z".into();
    d.last_modified_date = "2026-11-02T00:00:00Z".into();
    if let Some(a) = d.activities.get_mut("sms1") {
        a.description = "Say hello".into();
        if let Kind::Message(m) = &mut a.kind {
            m.next = "yesno1".into();
            m.template_version = "2".into();
            m.message_type = "TRANSACTIONAL".into();
            m.origination_number = "+12065550100".into();
            m.sender_id = "Shop".into();
            m.entity_id = "e1".into();
            m.template_id = "t1".into();
        }
    }
    if let Some(Kind::Message(m)) = d.activities.get_mut("email1").map(|a| &mut a.kind) {
        m.from_address = "shop@example.com".into();
        m.next = "holdout1".into();
    }
    let dims = vec![Criterion { values: "US".into(), ..Criterion::new(CriterionKind::Country) }];
    add(
        &mut d,
        "yesno1",
        Kind::ConditionalSplit {
            condition: ConditionDraft {
                operator: "ANY".into(),
                conditions: vec![
                    SimpleDraft::Segment("seg1".into()),
                    SimpleDraft::Dimensions(dims.clone()),
                    SimpleDraft::Event {
                        event: EventDraft { types: "_email.open".into(), ..EventDraft::default() },
                        message_activity: "sms1".into(),
                    },
                ],
            },
            wait: Some(WaitDraft { wait_for: "PT6H".into(), wait_until: String::new() }),
            yes: "push1".into(),
            no: "multi1".into(),
        },
    );
    add(
        &mut d,
        "push1",
        Kind::Message(MessageDraft {
            template_name: "p".into(),
            time_to_live: "3600".into(),
            ..MessageDraft::new(Channel::Push)
        }),
    );
    add(
        &mut d,
        "multi1",
        Kind::MultiCondition {
            paths: vec![
                MultiPath { condition: SimpleDraft::Dimensions(dims), next: "custom1".into() },
                MultiPath {
                    condition: SimpleDraft::Segment("seg1".into()),
                    next: "contact1".into(),
                },
            ],
            default: "contact1".into(),
            wait: Some(WaitDraft {
                wait_for: String::new(),
                wait_until: "2026-12-05T10:00:00Z".into(),
            }),
        },
    );
    add(
        &mut d,
        "custom1",
        Kind::Message(MessageDraft {
            delivery_uri: "https://hooks.example.com/j".into(),
            endpoint_types: vec!["SMS".into(), "EMAIL".into()],
            data: "{\"a\":1}".into(),
            ..MessageDraft::new(Channel::Custom)
        }),
    );
    add(&mut d, "contact1", Kind::ContactCenter { next: String::new() });
    add(&mut d, "holdout1", Kind::Holdout { percentage: "10".into(), next: String::new() });
    d
}
