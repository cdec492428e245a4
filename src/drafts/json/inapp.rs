//! The in-app shapes as wire JSON: `CampaignInAppMessage` (a campaign's and a treatment's
//! `InAppMessage`), `InAppMessageContent` and `InAppMessageButton` with its configurations. The
//! campaign serializer and the in-app template's body both write content through here.

use aws_sdk_pinpoint::types::{
    Alignment, ButtonAction, CampaignInAppMessage, DefaultButtonConfiguration,
    InAppMessageBodyConfig, InAppMessageButton, InAppMessageContent, InAppMessageHeaderConfig,
    Layout, OverrideButtonConfiguration,
};
use serde_json::Value;

use super::{Object, strings};

/// A campaign's `InAppMessage`.
#[must_use]
pub fn campaign_in_app_message(m: &CampaignInAppMessage) -> Value {
    Object::new()
        .string("Body", m.body.as_deref())
        .list("Content", m.content.as_ref(), content)
        .member("CustomConfig", m.custom_config.as_ref(), strings)
        .string("Layout", m.layout.as_ref().map(Layout::as_str))
        .done()
}

/// One `InAppMessageContent`.
#[must_use]
pub fn content(c: &InAppMessageContent) -> Value {
    Object::new()
        .string("BackgroundColor", c.background_color.as_deref())
        .member("BodyConfig", c.body_config.as_ref(), body_config)
        .member("HeaderConfig", c.header_config.as_ref(), header_config)
        .string("ImageUrl", c.image_url.as_deref())
        .member("PrimaryBtn", c.primary_btn.as_ref(), button)
        .member("SecondaryBtn", c.secondary_btn.as_ref(), button)
        .done()
}

fn body_config(b: &InAppMessageBodyConfig) -> Value {
    Object::new()
        .string("Alignment", b.alignment.as_ref().map(Alignment::as_str))
        .string("Body", b.body.as_deref())
        .string("TextColor", b.text_color.as_deref())
        .done()
}

fn header_config(h: &InAppMessageHeaderConfig) -> Value {
    Object::new()
        .string("Alignment", h.alignment.as_ref().map(Alignment::as_str))
        .string("Header", h.header.as_deref())
        .string("TextColor", h.text_color.as_deref())
        .done()
}

fn button(b: &InAppMessageButton) -> Value {
    Object::new()
        .member("Android", b.android.as_ref(), override_config)
        .member("DefaultConfig", b.default_config.as_ref(), default_config)
        .member("IOS", b.ios.as_ref(), override_config)
        .member("Web", b.web.as_ref(), override_config)
        .done()
}

fn default_config(c: &DefaultButtonConfiguration) -> Value {
    Object::new()
        .string("BackgroundColor", c.background_color.as_deref())
        .integer("BorderRadius", c.border_radius)
        .string("ButtonAction", c.button_action.as_ref().map(ButtonAction::as_str))
        .string("Link", c.link.as_deref())
        .string("Text", c.text.as_deref())
        .string("TextColor", c.text_color.as_deref())
        .done()
}

fn override_config(c: &OverrideButtonConfiguration) -> Value {
    Object::new()
        .string("ButtonAction", c.button_action.as_ref().map(ButtonAction::as_str))
        .string("Link", c.link.as_deref())
        .done()
}
