//! An in-app message as the forms edit it, for an in-app template and for a campaign's (or a
//! treatment's) `InAppMessage` alike: the layout, one to five content blocks (header, body,
//! image, background and two buttons, each with its colours and its iOS, Android and web
//! overrides), the custom configuration and, in a campaign, the message's `Body`. The rules the
//! service (and the mock) apply are checked here; `sdk` is the one place the draft meets the
//! SDK's shapes.

mod sdk;

use serde::{Deserialize, Serialize};

use super::FieldErrors;

/// Values of `Layout`.
pub const LAYOUTS: [&str; 6] =
    ["BOTTOM_BANNER", "CAROUSEL", "MIDDLE_BANNER", "MOBILE_FEED", "OVERLAYS", "TOP_BANNER"];
/// Values of `Alignment`.
pub const ALIGNMENTS: [&str; 3] = ["LEFT", "CENTER", "RIGHT"];
/// Values of a button's `ButtonAction`.
pub const BUTTON_ACTIONS: [&str; 3] = ["LINK", "DEEP_LINK", "CLOSE"];
/// Most blocks in a message (a carousel's pages).
pub const MAX_BLOCKS: usize = 5;
/// Most characters in a header.
pub const MAX_HEADER: usize = 64;
/// Most characters in a body.
pub const MAX_BODY: usize = 150;

/// A button's platform override (`OverrideButtonConfiguration`); no action: none.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct OverrideDraft {
    /// `ButtonAction`.
    pub action: String,
    /// `Link`.
    pub link: String,
}

/// The platform overrides of a button: (label, member) in the order the form shows them.
pub const PLATFORMS: [(&str, &str); 3] = [("iOS", "IOS"), ("Android", "Android"), ("Web", "Web")];

/// One button (`InAppMessageButton`): its `DefaultConfig` and its overrides.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ButtonDraft {
    /// `Text`; a button with no text is left out.
    pub text: String,
    /// `ButtonAction`.
    pub action: String,
    /// `Link`.
    pub link: String,
    /// `BackgroundColor`.
    pub background: String,
    /// `TextColor`.
    pub text_color: String,
    /// `BorderRadius`, as typed.
    pub radius: String,
    /// `IOS`, `Android`, `Web` (the order of [`PLATFORMS`]).
    pub overrides: [OverrideDraft; 3],
}

/// One content block (`InAppMessageContent`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct InAppBlock {
    /// `BackgroundColor`.
    pub background: String,
    /// `HeaderConfig.Header`.
    pub header: String,
    /// `HeaderConfig.TextColor`.
    pub header_color: String,
    /// `HeaderConfig.Alignment`.
    pub header_align: String,
    /// `BodyConfig.Body`.
    pub body: String,
    /// `BodyConfig.TextColor`.
    pub body_color: String,
    /// `BodyConfig.Alignment`.
    pub body_align: String,
    /// `ImageUrl`.
    pub image_url: String,
    /// `PrimaryBtn`.
    pub primary: ButtonDraft,
    /// `SecondaryBtn`.
    pub secondary: ButtonDraft,
}

impl Default for InAppBlock {
    fn default() -> Self {
        Self {
            background: "#FFFFFF".to_owned(),
            header: String::new(),
            header_color: "#000000".to_owned(),
            header_align: "CENTER".to_owned(),
            body: String::new(),
            body_color: "#333333".to_owned(),
            body_align: "CENTER".to_owned(),
            image_url: String::new(),
            primary: ButtonDraft {
                action: "CLOSE".to_owned(),
                background: "#0066CC".to_owned(),
                text_color: "#FFFFFF".to_owned(),
                ..ButtonDraft::default()
            },
            secondary: ButtonDraft::default(),
        }
    }
}

/// A whole in-app message. The default is no message at all (no blocks); [`Self::starter`]
/// is what a new one starts from.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct InAppDraft {
    /// `Layout`.
    pub layout: String,
    /// `Content`.
    pub blocks: Vec<InAppBlock>,
    /// `CustomConfig` as rows.
    pub custom_config: Vec<(String, String)>,
    /// `Body` (a campaign's message only: templates have none).
    pub body: String,
}

impl InAppDraft {
    /// A middle banner with one empty block.
    #[must_use]
    pub fn starter() -> Self {
        Self {
            layout: "MIDDLE_BANNER".to_owned(),
            blocks: vec![InAppBlock::default()],
            ..Self::default()
        }
    }

    /// True when there is no message.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self == &Self::default()
    }

    /// The first `{{…}}` placeholder in what the app draws (headers, bodies, button texts).
    /// Apps show an in-app message as it was written: they do not fill placeholders, so this
    /// one would reach the person as it is typed.
    #[must_use]
    pub fn first_placeholder(&self) -> Option<&str> {
        let placeholder = |text: &str| -> Option<(usize, usize)> {
            let start = text.find("{{")?;
            let end = text[start..].find("}}")? + start + 2;
            Some((start, end))
        };
        self.blocks
            .iter()
            .flat_map(|b| [&b.header, &b.body, &b.primary.text, &b.secondary.text])
            .find_map(|text| placeholder(text).map(|(start, end)| &text[start..end]))
    }

    /// Checks the message as the service would, messages under `{prefix}Layout`,
    /// `{prefix}blocks`, `{prefix}blocks.{i}.{member}` and `{prefix}custom.{i}`.
    pub fn validate(&self, prefix: &str, errors: &mut FieldErrors) {
        if !LAYOUTS.contains(&self.layout.as_str()) {
            errors.add(format!("{prefix}Layout"), "Choose a layout.");
        }
        match self.blocks.len() {
            0 => errors.add(format!("{prefix}blocks"), "Add a content block."),
            n if n > MAX_BLOCKS => errors
                .add(format!("{prefix}blocks"), format!("At most {MAX_BLOCKS} blocks ({n} now).")),
            n if n > 1 && self.layout != "CAROUSEL" => errors.add(
                format!("{prefix}blocks"),
                format!("Only a CAROUSEL shows more than one block ({n} now)."),
            ),
            _ => {}
        }
        for (i, b) in self.blocks.iter().enumerate() {
            validate_block(b, &format!("{prefix}blocks.{i}."), errors);
        }
        for (i, (key, _)) in self.custom_config.iter().enumerate() {
            if key.trim().is_empty() {
                errors.add(format!("{prefix}custom.{i}"), "Name the value, or remove the row.");
            }
        }
    }
}

/// A colour as `#RRGGBB` (or `#RGB`), as `[r, g, b]`.
#[must_use]
pub fn parse_color(text: &str) -> Option<[u8; 3]> {
    let hex = text.trim().strip_prefix('#')?;
    let digit = |i: usize, len: usize| u8::from_str_radix(hex.get(i..i + len)?, 16).ok();
    match hex.len() {
        6 => Some([digit(0, 2)?, digit(2, 2)?, digit(4, 2)?]),
        3 => Some([digit(0, 1)? * 17, digit(1, 1)? * 17, digit(2, 1)? * 17]),
        _ => None,
    }
}

/// A link action with no link, or why not.
fn check_link(action: &str, link: &str, key: String, errors: &mut FieldErrors) {
    if matches!(action, "LINK" | "DEEP_LINK") && link.trim().is_empty() {
        errors.add(key, format!("A {action} button needs its link."));
    }
}

/// Checks a block's colours, lengths and buttons (keys under `at`, e.g. `blocks.0.`).
fn validate_block(b: &InAppBlock, at: &str, errors: &mut FieldErrors) {
    for (member, value) in [
        ("background", &b.background),
        ("header_color", &b.header_color),
        ("body_color", &b.body_color),
        ("primary.background", &b.primary.background),
        ("primary.text_color", &b.primary.text_color),
        ("secondary.background", &b.secondary.background),
        ("secondary.text_color", &b.secondary.text_color),
    ] {
        if !value.trim().is_empty() && parse_color(value).is_none() {
            errors.add(format!("{at}{member}"), "A colour is written #RRGGBB.");
        }
    }
    if b.header.trim().is_empty() && b.body.trim().is_empty() {
        errors.add(format!("{at}body"), "Give the block a header or a body.");
    }
    for (member, text, most) in [("header", &b.header, MAX_HEADER), ("body", &b.body, MAX_BODY)] {
        let n = text.trim().chars().count();
        if n > most {
            errors.add(format!("{at}{member}"), format!("{n} characters; at most {most}."));
        }
    }
    for (which, button) in [("primary", &b.primary), ("secondary", &b.secondary)] {
        if button.text.trim().is_empty() {
            continue;
        }
        check_link(&button.action, &button.link, format!("{at}{which}.link"), errors);
        for (i, o) in button.overrides.iter().enumerate() {
            check_link(&o.action, &o.link, format!("{at}{which}.{}.link", PLATFORMS[i].1), errors);
        }
        if !button.radius.trim().is_empty() && button.radius.trim().parse::<i32>().is_err() {
            errors.add(format!("{at}{which}.radius"), "The radius is a whole number.");
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A message with every member set, overrides and custom values included.
    pub(crate) fn full() -> InAppDraft {
        let mut first = InAppBlock {
            background: "#FAFAFA".into(),
            header: "Spring sale".into(),
            header_color: "#111111".into(),
            header_align: "LEFT".into(),
            body: "Half off, {{User.UserAttributes.FirstName}}".into(),
            body_color: "#222222".into(),
            body_align: "RIGHT".into(),
            image_url: "https://example.com/sale.png".into(),
            ..InAppBlock::default()
        };
        first.primary = ButtonDraft {
            text: "Shop".into(),
            action: "LINK".into(),
            link: "https://example.com/shop".into(),
            background: "#0066CC".into(),
            text_color: "#FFFFFF".into(),
            radius: "6".into(),
            overrides: [
                OverrideDraft { action: "DEEP_LINK".into(), link: "shop://sale".into() },
                OverrideDraft { action: "DEEP_LINK".into(), link: "shop://android".into() },
                OverrideDraft { action: "LINK".into(), link: "https://example.com/web".into() },
            ],
        };
        first.secondary = ButtonDraft {
            text: "Later".into(),
            action: "CLOSE".into(),
            background: "#EEEEEE".into(),
            text_color: "#000000".into(),
            radius: "0".into(),
            ..ButtonDraft::default()
        };
        // A blank header has no colour or alignment to keep, nor a button without text.
        let second = InAppBlock {
            body: "Page two".into(),
            header_color: String::new(),
            header_align: String::new(),
            primary: ButtonDraft::default(),
            ..InAppBlock::default()
        };
        InAppDraft {
            layout: "CAROUSEL".into(),
            blocks: vec![first, second],
            custom_config: vec![
                ("campaign".into(), "spring".into()),
                ("tier".into(), "gold".into()),
            ],
            body: "Fallback text".into(),
        }
    }

    #[test]
    fn the_services_rules_are_checked_inline() {
        assert_eq!(parse_color("#0066cc"), Some([0, 0x66, 0xcc]));
        assert_eq!(parse_color("#fff"), Some([255, 255, 255]));
        assert_eq!(parse_color("red"), None);
        let mut d = InAppDraft::starter();
        d.blocks[0].background = "blue".into();
        d.blocks[0].header = "x".repeat(65);
        d.blocks[0].primary.text = "Go".into();
        d.blocks[0].primary.action = "LINK".into();
        d.blocks[0].secondary.text = "Web".into();
        d.blocks[0].secondary.overrides[2].action = "DEEP_LINK".into();
        d.blocks.push(InAppBlock { body: "b".into(), ..InAppBlock::default() });
        let mut errors = FieldErrors::default();
        d.validate("InAppMessage.", &mut errors);
        for key in [
            "InAppMessage.blocks.0.background",
            "InAppMessage.blocks.0.header",
            "InAppMessage.blocks.0.primary.link",
            "InAppMessage.blocks.0.secondary.Web.link",
            "InAppMessage.blocks",
        ] {
            assert!(errors.get(key).is_some(), "{key}: {errors:?}");
        }
        d.layout = "CAROUSEL".into();
        d.blocks = vec![InAppBlock { body: "b".into(), ..InAppBlock::default() }; 6];
        let mut errors = FieldErrors::default();
        d.validate("", &mut errors);
        assert!(errors.get("blocks").is_some_and(|m| m.contains("At most 5")));
        assert!(InAppDraft::default().is_empty() && !InAppDraft::starter().is_empty());
    }
}
