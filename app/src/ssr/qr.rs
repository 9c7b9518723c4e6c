//! QR codes drawn on the server: the page needs no script to show one.
/// `text` as a QR code: an SVG image in a `data:` address (the page's policy allows `data:`
/// images), drawn on the server so the page needs no script.
pub fn data_uri(text: &str) -> String {
    use base64::{Engine, engine::general_purpose::STANDARD};
    use qrcode::{QrCode, render::svg};
    match QrCode::new(text.as_bytes()) {
        Ok(code) => {
            let image = code
                .render::<svg::Color>()
                .min_dimensions(220, 220)
                .quiet_zone(true)
                .build();
            format!("data:image/svg+xml;base64,{}", STANDARD.encode(image))
        }
        Err(e) => {
            tracing::error!(error = %e, "cannot draw the two-step QR code");
            String::new()
        }
    }
}
