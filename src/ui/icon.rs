//! The window and taskbar icon (`assets/icon/pinpoint-console.png`), built into the binary.
//! eframe hands it to the window system: the window and taskbar on Windows and Linux, the Dock
//! on macOS.

/// The icon's PNG, as shipped in `assets/`.
pub const PNG: &[u8] = include_bytes!("../../assets/icon/pinpoint-console.png");

/// The decoded icon; `None` (the system's default icon) if it cannot be decoded.
#[must_use]
pub fn icon() -> Option<egui::IconData> {
    match eframe::icon_data::from_png_bytes(PNG) {
        Ok(icon) => Some(icon),
        Err(error) => {
            tracing::warn!(%error, "the window icon could not be decoded");
            None
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_icon_decodes_to_a_square_image() {
        let icon = super::icon().expect("the shipped icon decodes");
        assert_eq!((icon.width, icon.height), (256, 256));
        assert_eq!(icon.rgba.len(), 256 * 256 * 4);
    }
}
