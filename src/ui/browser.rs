//! The few browser calls event handlers make (copying, downloading and
//! reading files, the page's address). Each fails quietly or returns an
//! error string: the page never depends on them.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// The page's address without its fragment.
pub fn page_url() -> String {
    web_sys::window()
        .and_then(|w| w.location().href().ok())
        .map(|h| h.split('#').next().unwrap_or("").to_string())
        .unwrap_or_default()
}

/// Puts text on the clipboard; false when the browser refuses.
pub async fn copy(text: String) -> bool {
    let Some(w) = web_sys::window() else {
        return false;
    };
    let promise = w.navigator().clipboard().write_text(&text);
    JsFuture::from(promise).await.is_ok()
}

/// Offers `text` as a file download.
pub fn download(name: &str, text: &str, mime: &str) -> Result<(), String> {
    let url = blob_url(text, mime)?;
    let offered = offer(&url, name);
    let _ = web_sys::Url::revoke_object_url(&url);
    offered
}

/// A blob URL holding `text` typed `mime`; the caller revokes it.
fn blob_url(text: &str, mime: &str) -> Result<String, String> {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts)
        .map_err(|_| "the browser refused to build the file".to_string())?;
    web_sys::Url::create_object_url_with_blob(&blob)
        .map_err(|_| "the browser refused to offer the file".to_string())
}

/// Clicks a download link to `href` saving as `name`.
fn offer(href: &str, name: &str) -> Result<(), String> {
    let a: web_sys::HtmlAnchorElement = gloo::utils::document()
        .create_element("a")
        .map_err(|_| "no document".to_string())?
        .unchecked_into();
    a.set_href(href);
    a.set_download(name);
    a.click();
    Ok(())
}

/// Offers an SVG picture as a PNG file, `scale` times its size (sharp on
/// projectors). The browser rasterises it: the SVG goes into an image from
/// a blob URL (the page's policy allows `img-src blob:` for this alone),
/// the image onto a canvas, the canvas out as PNG. The picture is drawn by
/// the page itself and has no foreign content, so the canvas stays
/// readable.
pub async fn download_png(name: &str, svg: &str, scale: f64) -> Result<(), String> {
    let url = blob_url(svg, "image/svg+xml")?;
    let drawn = rasterise(&url, scale).await;
    let _ = web_sys::Url::revoke_object_url(&url);
    offer(&drawn?, name)
}

/// The PNG data URL of the picture at `url`, drawn `scale` times its size.
async fn rasterise(url: &str, scale: f64) -> Result<String, String> {
    let doc = gloo::utils::document();
    let img: web_sys::HtmlImageElement = doc
        .create_element("img")
        .map_err(|_| "no document".to_string())?
        .unchecked_into();
    img.set_src(url);
    JsFuture::from(img.decode())
        .await
        .map_err(|_| "the browser could not draw the picture".to_string())?;
    let (w, h) = (img.natural_width(), img.natural_height());
    if w == 0 || h == 0 {
        return Err("the picture is empty".into());
    }
    // Canvases larger than about 16k pixels a side fail in browsers.
    let scale = scale.min(16_000.0 / f64::from(w.max(h))).max(0.1);
    let canvas: web_sys::HtmlCanvasElement = doc
        .create_element("canvas")
        .map_err(|_| "no document".to_string())?
        .unchecked_into();
    canvas.set_width((f64::from(w) * scale).round() as u32);
    canvas.set_height((f64::from(h) * scale).round() as u32);
    let ctx: web_sys::CanvasRenderingContext2d = canvas
        .get_context("2d")
        .ok()
        .flatten()
        .ok_or_else(|| "the browser has no canvas".to_string())?
        .unchecked_into();
    ctx.scale(scale, scale)
        .map_err(|_| "the browser could not scale the picture".to_string())?;
    ctx.draw_image_with_html_image_element(&img, 0.0, 0.0)
        .map_err(|_| "the browser could not draw the picture".to_string())?;
    canvas
        .to_data_url_with_type("image/png")
        .map_err(|_| "the browser refused to export the picture".to_string())
}

/// The text of the first file chosen in a file input.
pub async fn read_chosen(input: web_sys::HtmlInputElement) -> Result<(String, String), String> {
    let file = input
        .files()
        .and_then(|f| f.get(0))
        .ok_or_else(|| "no file chosen".to_string())?;
    if file.size() > 8.0 * 1024.0 * 1024.0 {
        return Err("the file is larger than 8 MB".into());
    }
    let name = file.name();
    let text = JsFuture::from(file.text())
        .await
        .map_err(|_| "the file could not be read".to_string())?;
    input.set_value("");
    Ok((name, text.as_string().unwrap_or_default()))
}
