//! An in-app message's form and its drawing, shared by the in-app template editor and the
//! campaign editor's in-app message: the layout, the content blocks (header, body, image,
//! background, two buttons with their colours and platform overrides), the custom
//! configuration, and the message drawn as a device would show it, with the painter: the
//! layout's position (top, middle, bottom banner; overlay; feed; carousel of the blocks side by
//! side), colours, alignment, and buttons. Apps do not fill `{{…}}` placeholders in in-app
//! messages, so the drawing shows the text as written and says so under the phone.

use egui::{Align2, Color32, CornerRadius, FontId, Pos2, Rect, Stroke, Vec2, pos2, vec2};

use crate::drafts::FieldErrors;
use crate::drafts::inapp::{
    ALIGNMENTS, BUTTON_ACTIONS, ButtonDraft, InAppBlock, InAppDraft, LAYOUTS, MAX_BLOCKS,
    PLATFORMS, parse_color,
};
use crate::ui::theme;
use crate::ui::widgets::{choice_row, form_row, pairs_editor, section, text_area_row};

/// The message's form; messages are read under `prefix` (see `InAppDraft::validate`). `body`:
/// the message has a `Body` (a campaign's does, a template's does not).
pub fn form(ui: &mut egui::Ui, d: &mut InAppDraft, prefix: &str, errors: &FieldErrors, body: bool) {
    let key = |m: &str| format!("{prefix}{m}");
    choice_row(ui, "Layout", &mut d.layout, &LAYOUTS, None, errors.get(&key("Layout")));
    let mut remove = None;
    let count = d.blocks.len();
    for (i, b) in d.blocks.iter_mut().enumerate() {
        let err = |m: &str| errors.get(&key(&format!("blocks.{i}.{m}")));
        section(ui, &format!("Block {}", i + 1));
        ui.push_id(("block", i), |ui| {
            form_row(ui, "Header", &mut b.header, "", err("header"));
            form_row(ui, "Header colour", &mut b.header_color, "#RRGGBB", err("header_color"));
            choice_row(ui, "Header alignment", &mut b.header_align, &ALIGNMENTS, None, None);
            text_area_row(ui, "Body", &mut b.body, 3, err("body"));
            form_row(ui, "Body colour", &mut b.body_color, "#RRGGBB", err("body_color"));
            choice_row(ui, "Body alignment", &mut b.body_align, &ALIGNMENTS, None, None);
            form_row(ui, "Image URL", &mut b.image_url, "https://…", err("image_url"));
            form_row(ui, "Background colour", &mut b.background, "#RRGGBB", err("background"));
            for (which, label, button) in [
                ("primary", "Primary button", &mut b.primary),
                ("secondary", "Secondary button", &mut b.secondary),
            ] {
                button_form(ui, label, button, |m| {
                    errors.get(&key(&format!("blocks.{i}.{which}.{m}")))
                });
            }
            if count > 1 && ui.button(format!("Remove block {}", i + 1)).clicked() {
                remove = Some(i);
            }
        });
    }
    if let Some(i) = remove {
        d.blocks.remove(i);
    }
    crate::ui::widgets::field_error(ui, errors.get(&key("blocks")));
    if d.blocks.len() < MAX_BLOCKS && ui.button("+ Add block").clicked() {
        d.blocks.push(InAppBlock::default());
    }
    if body {
        text_area_row(ui, "Message body", &mut d.body, 2, errors.get(&key("Body")));
    }
    section(ui, "Custom configuration");
    pairs_editor(
        ui,
        "custom value",
        &mut d.custom_config,
        ["key", "value"],
        (&key("custom"), errors),
    );
}

fn button_form<'e>(
    ui: &mut egui::Ui,
    label: &str,
    b: &mut ButtonDraft,
    err: impl Fn(&str) -> Option<&'e str>,
) {
    egui::CollapsingHeader::new(label).default_open(!b.text.is_empty()).show(ui, |ui| {
        form_row(ui, &format!("{label} text"), &mut b.text, "empty: no button", err("text"));
        choice_row(ui, &format!("{label} action"), &mut b.action, &BUTTON_ACTIONS, None, None);
        form_row(ui, &format!("{label} link"), &mut b.link, "https://… or app://…", err("link"));
        form_row(
            ui,
            &format!("{label} background"),
            &mut b.background,
            "#RRGGBB",
            err("background"),
        );
        form_row(
            ui,
            &format!("{label} text colour"),
            &mut b.text_color,
            "#RRGGBB",
            err("text_color"),
        );
        form_row(ui, &format!("{label} corner radius"), &mut b.radius, "0", err("radius"));
        // Short labels (the heading names the button), in the button's own id scope.
        ui.push_id(label, |ui| {
            for ((platform, member), o) in PLATFORMS.iter().zip(&mut b.overrides) {
                let action = format!("{platform} action");
                choice_row(ui, &action, &mut o.action, &BUTTON_ACTIONS, Some("(as above)"), None);
                if !o.action.is_empty() {
                    let link = err(&format!("{member}.link"));
                    form_row(ui, &format!("{platform} link"), &mut o.link, "", link);
                }
            }
        });
    });
}

fn color(text: &str, fallback: Color32) -> Color32 {
    parse_color(text).map_or(fallback, |[r, g, b]| Color32::from_rgb(r, g, b))
}

fn align(text: &str) -> Align2 {
    match text {
        "LEFT" => Align2::LEFT_TOP,
        "RIGHT" => Align2::RIGHT_TOP,
        _ => Align2::CENTER_TOP,
    }
}

/// Lays `text` out wrapped in `width` and paints it at `top` with `alignment` in `area`.
fn paragraph(
    ui: &egui::Ui,
    painter: &egui::Painter,
    area: Rect,
    top: f32,
    text: &str,
    style: (f32, Color32, &str),
) -> f32 {
    let (size, fg, alignment) = style;
    // Each line aligned on its own (a centred paragraph centres every line).
    let (halign, x) = match align(alignment) {
        Align2::LEFT_TOP => (egui::Align::LEFT, area.left()),
        Align2::RIGHT_TOP => (egui::Align::RIGHT, area.right()),
        _ => (egui::Align::Center, area.center().x),
    };
    let mut job = egui::text::LayoutJob::simple(
        text.to_owned(),
        FontId::proportional(size),
        fg,
        area.width(),
    );
    job.halign = halign;
    let galley = ui.fonts_mut(|f| f.layout_job(job));
    let h = galley.size().y;
    painter.galley(pos2(x, top), galley, fg);
    h
}

fn paint_button(ui: &egui::Ui, painter: &egui::Painter, rect: Rect, b: &ButtonDraft) {
    let radius = b.radius.trim().parse::<u8>().unwrap_or(4);
    painter.rect_filled(
        rect,
        CornerRadius::same(radius),
        color(&b.background, Color32::from_gray(220)),
    );
    let fg = color(&b.text_color, Color32::BLACK);
    let galley = ui.fonts_mut(|f| f.layout_no_wrap(b.text.clone(), FontId::proportional(13.0), fg));
    painter.galley(rect.center() - galley.size() / 2.0, galley, fg);
}

/// One block painted in `card`; answers the height it used.
fn paint_block(ui: &egui::Ui, painter: &egui::Painter, card: Rect, b: &InAppBlock) -> f32 {
    painter.rect_filled(card, CornerRadius::same(8), color(&b.background, Color32::WHITE));
    let inner = card.shrink(12.0);
    let mut y = inner.top();
    if !b.image_url.trim().is_empty() {
        let image = Rect::from_min_size(pos2(inner.left(), y), vec2(inner.width(), 48.0));
        painter.rect_filled(image, CornerRadius::same(4), Color32::from_gray(200));
        painter.text(
            image.center(),
            Align2::CENTER_CENTER,
            "image",
            FontId::proportional(11.0),
            Color32::from_gray(90),
        );
        y += 56.0;
    }
    if !b.header.is_empty() {
        y += paragraph(
            ui,
            painter,
            inner,
            y,
            &b.header,
            (16.0, color(&b.header_color, Color32::BLACK), &b.header_align),
        ) + 6.0;
    }
    if !b.body.is_empty() {
        y += paragraph(
            ui,
            painter,
            inner,
            y,
            &b.body,
            (13.0, color(&b.body_color, Color32::DARK_GRAY), &b.body_align),
        ) + 8.0;
    }
    let buttons: Vec<&ButtonDraft> =
        [&b.secondary, &b.primary].into_iter().filter(|b| !b.text.trim().is_empty()).collect();
    if !buttons.is_empty() {
        let w = (inner.width() - 8.0 * (buttons.len() - 1) as f32) / buttons.len() as f32;
        for (i, button) in buttons.iter().enumerate() {
            let rect =
                Rect::from_min_size(pos2(inner.left() + i as f32 * (w + 8.0), y), vec2(w, 30.0));
            paint_button(ui, painter, rect, button);
        }
        y += 38.0;
    }
    y - card.top() + 4.0
}

/// Draws the message on a phone-sized screen as the app shows it (placeholders as written).
pub fn preview(ui: &mut egui::Ui, d: &InAppDraft) {
    preview_sized(ui, d, vec2(260.0, 460.0));
}

/// [`preview`] on a screen of at most `size` (narrower when the space is).
pub fn preview_sized(ui: &mut egui::Ui, d: &InAppDraft, size: Vec2) {
    let size = size.min(vec2(ui.available_width().max(160.0), size.y));
    ui.vertical(|ui| {
        ui.set_max_width(size.x);
        phone(ui, d, size);
        // Under the phone, not on its screen (where a bottom banner covered it).
        let caption = d.layout.to_lowercase().replace('_', " ");
        ui.label(egui::RichText::new(caption).small().color(theme::MUTED));
        if let Some(placeholder) = d.first_placeholder() {
            ui.label(
                egui::RichText::new(format!(
                    "Apps do not fill placeholders in in-app messages: {placeholder} shows as \
                     written, as here."
                ))
                .color(theme::WARN),
            );
        }
    });
}

/// The phone and the message on its screen.
fn phone(ui: &mut egui::Ui, d: &InAppDraft, size: Vec2) {
    let (rect, response) = ui.allocate_exact_size(size, egui::Sense::hover());
    crate::ui::widgets::name_for_a11y(ui, &response, "In-app preview");
    let painter = ui.painter_at(rect);
    painter.rect_filled(rect, CornerRadius::same(18), Color32::from_gray(30));
    let screen = rect.shrink(10.0);
    painter.rect_filled(screen, CornerRadius::same(10), Color32::from_gray(235));
    painter.rect_stroke(
        rect,
        CornerRadius::same(18),
        Stroke::new(1.0, Color32::from_gray(90)),
        egui::StrokeKind::Inside,
    );
    let layout = d.layout.as_str();
    if layout == "OVERLAYS" {
        painter.rect_filled(screen, CornerRadius::same(10), Color32::from_black_alpha(120));
    }
    let carousel = layout == "CAROUSEL";
    let blocks: Vec<&InAppBlock> =
        if carousel { d.blocks.iter().collect() } else { d.blocks.iter().take(1).collect() };
    let card_w = if carousel { screen.width() * 0.8 } else { screen.width() - 16.0 };
    // A first pass measures the block so the banner sits where the layout puts it.
    let probe = ui.painter_at(Rect::NOTHING);
    let heights: Vec<f32> = blocks
        .iter()
        .map(|b| paint_block(ui, &probe, Rect::from_min_size(Pos2::ZERO, vec2(card_w, 400.0)), b))
        .collect();
    let h = heights.iter().copied().fold(0.0, f32::max).min(screen.height() - 16.0);
    let top = match layout {
        "TOP_BANNER" | "MOBILE_FEED" => screen.top() + 8.0,
        "BOTTOM_BANNER" => screen.bottom() - 8.0 - h,
        _ => screen.center().y - h / 2.0,
    };
    for (i, b) in blocks.iter().enumerate() {
        let left = screen.left() + 8.0 + i as f32 * (card_w + 8.0);
        let card = Rect::from_min_size(pos2(left, top), Vec2::new(card_w, h));
        paint_block(ui, &painter.with_clip_rect(screen), card, b);
    }
}

#[cfg(test)]
mod tests {
    use egui::epaint::Shape;
    use egui_kittest::Harness;
    use egui_kittest::kittest::Queryable;

    use crate::drafts::inapp::tests::full;

    /// Every text the last frame painted.
    fn painted_texts(harness: &Harness<'_>) -> Vec<String> {
        fn walk(shape: &Shape, out: &mut Vec<String>) {
            match shape {
                Shape::Vec(shapes) => shapes.iter().for_each(|s| walk(s, out)),
                Shape::Text(t) => out.push(t.galley.text().to_owned()),
                _ => {}
            }
        }
        let mut out = Vec::new();
        harness.output().shapes.iter().for_each(|s| walk(&s.shape, &mut out));
        out
    }

    #[test]
    fn a_placeholder_is_drawn_as_written_and_said_under_the_phone() {
        let draft = full();
        assert_eq!(draft.first_placeholder(), Some("{{User.UserAttributes.FirstName}}"));
        let mut harness = Harness::new_ui(|ui| super::preview(ui, &draft));
        harness.run();
        let note = "Apps do not fill placeholders in in-app messages: \
                    {{User.UserAttributes.FirstName}} shows as written, as here.";
        assert!(harness.query_by_label(note).is_some());
        let texts = painted_texts(&harness);
        assert!(
            texts.iter().any(|t| t == "Half off, {{User.UserAttributes.FirstName}}"),
            "the body as the app shows it: {texts:?}"
        );

        let mut plain = full();
        "Half off".clone_into(&mut plain.blocks[0].body);
        assert_eq!(plain.first_placeholder(), None);
        let mut harness = Harness::new_ui(|ui| super::preview(ui, &plain));
        harness.run();
        assert!(harness.query_by_label_contains("Apps do not fill").is_none());
    }
}
