//! An in-app template's content blocks as the form edits them: header, body, image,
//! background and two buttons, each with its colours (`#RRGGBB`).

use super::FieldErrors;

/// Values of `Layout`.
pub const LAYOUTS: [&str; 6] =
    ["BOTTOM_BANNER", "CAROUSEL", "MIDDLE_BANNER", "MOBILE_FEED", "OVERLAYS", "TOP_BANNER"];
/// Values of `Alignment`.
pub const ALIGNMENTS: [&str; 3] = ["LEFT", "CENTER", "RIGHT"];
/// Values of a button's `ButtonAction`.
pub const BUTTON_ACTIONS: [&str; 3] = ["LINK", "DEEP_LINK", "CLOSE"];

/// One button (its `DefaultConfig`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
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
}

/// One content block (`InAppMessageContent`).
#[derive(Debug, Clone, PartialEq, Eq)]
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

/// Checks each block's colours and buttons.
pub fn validate(blocks: &[InAppBlock], errors: &mut FieldErrors) {
    if blocks.is_empty() {
        errors.add("blocks", "Add a content block.");
    }
    for (i, b) in blocks.iter().enumerate() {
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
                errors.add(format!("blocks.{i}.{member}"), "A colour is written #RRGGBB.");
            }
        }
        if b.header.trim().is_empty() && b.body.trim().is_empty() {
            errors.add(format!("blocks.{i}.body"), "Give the block a header or a body.");
        }
        for (which, button) in [("primary", &b.primary), ("secondary", &b.secondary)] {
            if button.text.trim().is_empty() {
                continue;
            }
            if matches!(button.action.as_str(), "LINK" | "DEEP_LINK")
                && button.link.trim().is_empty()
            {
                errors.add(format!("blocks.{i}.{which}.link"), "A link button needs its link.");
            }
            if !button.radius.trim().is_empty() && button.radius.trim().parse::<i32>().is_err() {
                errors.add(format!("blocks.{i}.{which}.radius"), "The radius is a whole number.");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_and_buttons_are_checked() {
        assert_eq!(parse_color("#0066cc"), Some([0, 0x66, 0xcc]));
        assert_eq!(parse_color("#fff"), Some([255, 255, 255]));
        assert_eq!(parse_color("red"), None);
        let mut block =
            InAppBlock { body: "Hi".into(), background: "blue".into(), ..InAppBlock::default() };
        block.primary.text = "Go".into();
        block.primary.action = "LINK".into();
        let mut errors = FieldErrors::default();
        validate(&[block], &mut errors);
        assert!(errors.get("blocks.0.background").is_some());
        assert!(errors.get("blocks.0.primary.link").is_some());
    }
}
