//! Drafts the campaign tests share.

use super::{CampaignDraft, EmailDraft, TreatmentDraft};

/// An A/B campaign: SMS and email for the control, two treatments, a limit, a hook and a tag.
pub fn ab() -> CampaignDraft {
    let mut d = CampaignDraft {
        name: "Spring sale".into(),
        segment_id: "seg-1".into(),
        holdout: "10".into(),
        treatment_name: "Control".into(),
        ..CampaignDraft::default()
    };
    d.messages.sms.body = "Hello {{User.UserAttributes.FirstName}}".into();
    d.messages.sms.message_type = "PROMOTIONAL".into();
    d.messages.email = EmailDraft {
        subject: "Sale".into(),
        html_body: "<p>Hi</p>".into(),
        text_body: "Hi".into(),
        from_address: "shop@example.com".into(),
        headers: String::new(),
    };
    d.treatments.push(TreatmentDraft { name: "B".into(), size: "30".into(), ..Default::default() });
    d.treatments.push(TreatmentDraft { name: "C".into(), size: "20".into(), ..Default::default() });
    d.treatments[0].messages.sms.body = "Variant B".into();
    d.limits.daily = "3".into();
    d.hook.web_url = "https://example.com/hook".into();
    d.tags = "team=growth".into();
    d
}
