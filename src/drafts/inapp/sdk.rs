//! The in-app draft and the SDK's shapes: `InAppMessageContent` and `InAppMessageButton` both
//! ways, `CampaignInAppMessage` both ways, and `InAppMessage` (what GetInAppMessages answers)
//! into a draft. Nothing else converts them.

use std::collections::HashMap;

use aws_sdk_pinpoint::types::{
    Alignment, ButtonAction, CampaignInAppMessage, DefaultButtonConfiguration, InAppMessage,
    InAppMessageBodyConfig, InAppMessageButton, InAppMessageContent, InAppMessageHeaderConfig,
    Layout, OverrideButtonConfiguration,
};

use super::{ButtonDraft, InAppBlock, InAppDraft, OverrideDraft};

impl InAppDraft {
    /// The campaign's `InAppMessage`.
    #[must_use]
    pub fn to_campaign(&self) -> CampaignInAppMessage {
        CampaignInAppMessage::builder()
            .set_body(opt(&self.body))
            .set_content(Some(self.content()))
            .set_custom_config(self.custom_map())
            .set_layout(opt(&self.layout).map(|l| Layout::from(l.as_str())))
            .build()
    }

    /// `Content` as the SDK takes it.
    #[must_use]
    pub fn content(&self) -> Vec<InAppMessageContent> {
        self.blocks.iter().map(InAppBlock::to_sdk).collect()
    }

    /// `CustomConfig` (none when there are no rows; blank keys left out).
    #[must_use]
    pub fn custom_map(&self) -> Option<HashMap<String, String>> {
        (!self.custom_config.is_empty()).then(|| {
            self.custom_config
                .iter()
                .filter(|(k, _)| !k.trim().is_empty())
                .map(|(k, v)| (k.trim().to_owned(), v.clone()))
                .collect()
        })
    }

    fn from_parts(
        layout: Option<&Layout>,
        content: &[InAppMessageContent],
        custom: Option<&HashMap<String, String>>,
        body: Option<&str>,
    ) -> Self {
        let mut custom_config: Vec<(String, String)> =
            custom.into_iter().flatten().map(|(k, v)| (k.clone(), v.clone())).collect();
        custom_config.sort();
        Self {
            layout: layout.map(|l| l.as_str().to_owned()).unwrap_or_default(),
            blocks: content.iter().map(InAppBlock::from).collect(),
            custom_config,
            body: body.unwrap_or_default().to_owned(),
        }
    }
}

impl From<&CampaignInAppMessage> for InAppDraft {
    fn from(m: &CampaignInAppMessage) -> Self {
        Self::from_parts(m.layout(), m.content(), m.custom_config(), m.body())
    }
}

impl From<&InAppMessage> for InAppDraft {
    fn from(m: &InAppMessage) -> Self {
        Self::from_parts(m.layout(), m.content(), m.custom_config(), None)
    }
}

fn opt(s: &str) -> Option<String> {
    let t = s.trim();
    (!t.is_empty()).then(|| t.to_owned())
}

fn or(s: &str, fallback: &str) -> String {
    opt(s).unwrap_or_else(|| fallback.to_owned())
}

fn text_of(s: Option<&str>) -> String {
    s.unwrap_or_default().to_owned()
}

impl InAppBlock {
    /// The block as `InAppMessageContent`: a header or body left blank is absent, and a given
    /// one carries its colour and alignment (black and centred when blank, as the model
    /// requires both).
    #[must_use]
    pub fn to_sdk(&self) -> InAppMessageContent {
        let header = opt(&self.header).map(|text| {
            InAppMessageHeaderConfig::builder()
                .header(text)
                .text_color(or(&self.header_color, "#000000"))
                .alignment(Alignment::from(or(&self.header_align, "CENTER").as_str()))
                .build()
        });
        let body = opt(&self.body).map(|text| {
            InAppMessageBodyConfig::builder()
                .body(text)
                .text_color(or(&self.body_color, "#000000"))
                .alignment(Alignment::from(or(&self.body_align, "CENTER").as_str()))
                .build()
        });
        InAppMessageContent::builder()
            .set_background_color(opt(&self.background))
            .set_header_config(header)
            .set_body_config(body)
            .set_image_url(opt(&self.image_url))
            .set_primary_btn(self.primary.to_sdk())
            .set_secondary_btn(self.secondary.to_sdk())
            .build()
    }
}

impl From<&InAppMessageContent> for InAppBlock {
    fn from(c: &InAppMessageContent) -> Self {
        let header = c.header_config();
        let body = c.body_config();
        let align = |a: Option<&Alignment>| a.map(|a| a.as_str().to_owned()).unwrap_or_default();
        Self {
            background: text_of(c.background_color()),
            header: text_of(header.and_then(InAppMessageHeaderConfig::header)),
            header_color: text_of(header.and_then(InAppMessageHeaderConfig::text_color)),
            header_align: align(header.and_then(InAppMessageHeaderConfig::alignment)),
            body: text_of(body.and_then(InAppMessageBodyConfig::body)),
            body_color: text_of(body.and_then(InAppMessageBodyConfig::text_color)),
            body_align: align(body.and_then(InAppMessageBodyConfig::alignment)),
            image_url: text_of(c.image_url()),
            primary: c.primary_btn().map(ButtonDraft::from).unwrap_or_default(),
            secondary: c.secondary_btn().map(ButtonDraft::from).unwrap_or_default(),
        }
    }
}

impl ButtonDraft {
    /// The button as the SDK takes it, or none when it has no text.
    #[must_use]
    pub fn to_sdk(&self) -> Option<InAppMessageButton> {
        let text = opt(&self.text)?;
        let default = DefaultButtonConfiguration::builder()
            .text(text)
            .button_action(ButtonAction::from(or(&self.action, "CLOSE").as_str()))
            .set_link(opt(&self.link))
            .set_background_color(opt(&self.background))
            .set_text_color(opt(&self.text_color))
            .set_border_radius(self.radius.trim().parse().ok())
            .build();
        let o = |i: usize| {
            let o: &OverrideDraft = &self.overrides[i];
            opt(&o.action).map(|action| {
                OverrideButtonConfiguration::builder()
                    .button_action(ButtonAction::from(action.as_str()))
                    .set_link(opt(&o.link))
                    .build()
            })
        };
        Some(
            InAppMessageButton::builder()
                .default_config(default)
                .set_ios(o(0))
                .set_android(o(1))
                .set_web(o(2))
                .build(),
        )
    }
}

impl From<&InAppMessageButton> for ButtonDraft {
    fn from(b: &InAppMessageButton) -> Self {
        let over = |o: Option<&OverrideButtonConfiguration>| OverrideDraft {
            action: o
                .and_then(|o| o.button_action())
                .map(|a| a.as_str().to_owned())
                .unwrap_or_default(),
            link: text_of(o.and_then(OverrideButtonConfiguration::link)),
        };
        let c = b.default_config();
        Self {
            text: text_of(c.and_then(DefaultButtonConfiguration::text)),
            action: c
                .and_then(DefaultButtonConfiguration::button_action)
                .map(|a| a.as_str().to_owned())
                .unwrap_or_default(),
            link: text_of(c.and_then(DefaultButtonConfiguration::link)),
            background: text_of(c.and_then(DefaultButtonConfiguration::background_color)),
            text_color: text_of(c.and_then(DefaultButtonConfiguration::text_color)),
            radius: c
                .and_then(DefaultButtonConfiguration::border_radius)
                .map(|r| r.to_string())
                .unwrap_or_default(),
            overrides: [over(b.ios()), over(b.android()), over(b.web())],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::drafts::FieldErrors;
    use crate::drafts::inapp::tests::full;

    #[test]
    fn a_full_message_round_trips_through_the_campaign_shape() {
        let d = full();
        let mut errors = FieldErrors::default();
        d.validate("", &mut errors);
        assert!(errors.is_empty(), "{errors:?}");
        let sdk = d.to_campaign();
        let button = sdk.content()[0].primary_btn().unwrap();
        assert_eq!(button.ios().unwrap().link(), Some("shop://sale"));
        assert_eq!(button.default_config().unwrap().border_radius(), Some(6));
        assert_eq!(sdk.custom_config().unwrap()["tier"], "gold");
        assert_eq!(InAppDraft::from(&sdk), d);
        let answered = InAppMessage::builder()
            .set_content(Some(d.content()))
            .set_custom_config(d.custom_map())
            .layout(Layout::Carousel)
            .build();
        assert_eq!(InAppDraft::from(&answered), InAppDraft { body: String::new(), ..d });
    }
}
