//! Logos and photos: checked, decoded and re-encoded on the server, so what we serve is always
//! a picture we made ourselves (a small PNG logo, a JPEG photo of a best practice), never the
//! uploaded bytes (which could be anything with an image name). Both follow the same rules.

use crate::error::AppError;
use crate::i18n::Key;
use image::{ImageFormat, ImageReader, Limits};
use sha2::{Digest, Sha256};
use std::io::Cursor;

/// Largest upload accepted.
pub const MAX_UPLOAD_BYTES: usize = 2 * 1024 * 1024;
/// Logos are scaled down to fit this box (pixels), keeping their proportions.
pub const MAX_SIDE: u32 = 320;
/// Photos of a best practice are scaled down to fit this box: sharp across a page, small
/// enough for a phone.
pub const PHOTO_MAX_SIDE: u32 = 1200;
/// Larger pictures are refused before decoding: a logo never needs more, and decoding a
/// 6000×6000 picture takes ~150 MB.
pub const MAX_UPLOAD_SIDE: u32 = 2000;
/// Logos decoded at once in this process; more wait their turn (see [`process_limited`]).
const DECODING_SLOTS: usize = 2;
static DECODING: tokio::sync::Semaphore = tokio::sync::Semaphore::const_new(DECODING_SLOTS);

/// [`process`] on the blocking pool, at most [`DECODING_SLOTS`] at once, so a burst of uploads
/// cannot take the memory of many decodes at the same time; `Busy` after 10 s of waiting.
pub async fn process_limited(bytes: Vec<u8>) -> Result<Logo, AppError> {
    let wait = std::time::Duration::from_secs(10);
    crate::context::run_in_slot(&DECODING, wait, move || process(&bytes)).await?
}

/// A photo, as [`process_limited`] a logo: scaled to [`PHOTO_MAX_SIDE`] and re-encoded as JPEG
/// (a photo as PNG would be several times larger).
pub async fn process_photo_limited(bytes: Vec<u8>) -> Result<Logo, AppError> {
    let wait = std::time::Duration::from_secs(10);
    crate::context::run_in_slot(&DECODING, wait, move || process_as(&bytes, Shape::PHOTO)).await?
}

/// What a picture becomes, and what the messages call it.
#[derive(Clone, Copy)]
struct Shape {
    field: &'static str,
    max_side: u32,
    format: ImageFormat,
    too_large: Key,
    wrong_type: Key,
    unreadable: Key,
    too_many_pixels: Key,
}

impl Shape {
    const LOGO: Shape = Shape {
        field: "logo",
        max_side: MAX_SIDE,
        format: ImageFormat::Png,
        too_large: Key::ErrLogoTooLarge,
        wrong_type: Key::ErrLogoType,
        unreadable: Key::ErrLogoUnreadable,
        too_many_pixels: Key::ErrLogoTooManyPixels,
    };
    const PHOTO: Shape = Shape {
        field: "photo",
        max_side: PHOTO_MAX_SIDE,
        format: ImageFormat::Jpeg,
        too_large: Key::ErrPhotoTooLarge,
        wrong_type: Key::ErrPhotoType,
        unreadable: Key::ErrPhotoUnreadable,
        too_many_pixels: Key::ErrPhotoTooManyPixels,
    };
}

pub struct Logo {
    pub png: Vec<u8>,
    /// SHA-256 of `png`, hex: the logo's name, so a changed logo gets a new address.
    pub hash: String,
}

/// Accepts PNG and JPEG up to 2 MB and 2000×2000 pixels (read from the header, before any
/// decoding); anything else is refused with a message that says why. CPU-heavy: call it from
/// a blocking task.
pub fn process(bytes: &[u8]) -> Result<Logo, AppError> {
    process_as(bytes, Shape::LOGO)
}

fn process_as(bytes: &[u8], shape: Shape) -> Result<Logo, AppError> {
    let refuse = |key: Key| AppError::field(shape.field, key);
    if bytes.len() > MAX_UPLOAD_BYTES {
        return Err(refuse(shape.too_large));
    }
    let format = image::guess_format(bytes)
        .ok()
        .filter(|f| matches!(f, ImageFormat::Png | ImageFormat::Jpeg))
        .ok_or_else(|| refuse(shape.wrong_type))?;
    let (width, height) = ImageReader::with_format(Cursor::new(bytes), format)
        .into_dimensions()
        .map_err(|_| refuse(shape.unreadable))?;
    if width > MAX_UPLOAD_SIDE || height > MAX_UPLOAD_SIDE {
        return Err(refuse(shape.too_many_pixels));
    }
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    // A small file can declare an enormous picture ("decompression bomb"): the header was
    // checked above, and decoding is capped as well in case it lies.
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_UPLOAD_SIDE);
    limits.max_image_height = Some(MAX_UPLOAD_SIDE);
    limits.max_alloc = Some(64 * 1024 * 1024);
    reader.limits(limits);
    let picture = reader.decode().map_err(|_| refuse(shape.unreadable))?;
    let picture = if picture.width() > shape.max_side || picture.height() > shape.max_side {
        picture.resize(
            shape.max_side,
            shape.max_side,
            image::imageops::FilterType::Lanczos3,
        )
    } else {
        picture
    };
    // JPEG has no transparency: a photo with an alpha channel is flattened first.
    let picture = if shape.format == ImageFormat::Jpeg {
        image::DynamicImage::ImageRgb8(picture.to_rgb8())
    } else {
        picture
    };
    let mut png = Vec::new();
    picture
        .write_to(&mut Cursor::new(&mut png), shape.format)
        .map_err(|_| refuse(shape.unreadable))?;
    let hash = Sha256::digest(&png)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    Ok(Logo { png, hash })
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::{DynamicImage, RgbImage};

    fn encoded(width: u32, height: u32, format: ImageFormat) -> Vec<u8> {
        let picture = DynamicImage::ImageRgb8(RgbImage::from_fn(width, height, |x, y| {
            image::Rgb([(x % 255) as u8, (y % 255) as u8, 90])
        }));
        let mut out = Vec::new();
        picture
            .write_to(&mut Cursor::new(&mut out), format)
            .unwrap();
        out
    }

    #[test]
    fn large_logos_are_scaled_down_and_become_png() {
        let logo = process(&encoded(1200, 600, ImageFormat::Jpeg)).unwrap();
        let back = image::load_from_memory(&logo.png).unwrap();
        assert_eq!((back.width(), back.height()), (320, 160));
        assert_eq!(image::guess_format(&logo.png).unwrap(), ImageFormat::Png);
        assert_eq!(logo.hash.len(), 64);
    }

    #[test]
    fn pictures_over_2000_pixels_are_refused_from_their_header() {
        // A PNG of 2001 × 10 is tiny on disk; the refusal comes before decoding.
        let wide = encoded(MAX_UPLOAD_SIDE + 1, 10, ImageFormat::Png);
        assert_eq!(
            process(&wide).err().map(|e| e.key()),
            Some(Key::ErrLogoTooManyPixels)
        );
        assert!(process(&encoded(MAX_UPLOAD_SIDE, 10, ImageFormat::Png)).is_ok());
    }

    #[test]
    fn photos_become_jpeg_of_at_most_1200_pixels_and_are_refused_as_photos() {
        let photo = process_as(&encoded(1800, 900, ImageFormat::Png), Shape::PHOTO).unwrap();
        assert_eq!(image::guess_format(&photo.png).unwrap(), ImageFormat::Jpeg);
        let back = image::load_from_memory(&photo.png).unwrap();
        assert_eq!((back.width(), back.height()), (1200, 600));
        let refused = process_as(b"GIF89a......", Shape::PHOTO).err();
        assert_eq!(refused, Some(AppError::field("photo", Key::ErrPhotoType)));
    }

    #[test]
    fn small_logos_keep_their_size() {
        let logo = process(&encoded(100, 40, ImageFormat::Png)).unwrap();
        let back = image::load_from_memory(&logo.png).unwrap();
        assert_eq!((back.width(), back.height()), (100, 40));
    }

    #[test]
    fn other_files_are_refused_with_a_reason() {
        let key = |bytes: &[u8]| process(bytes).err().map(|e| e.key());
        assert_eq!(key(b"<svg onload=alert(1)></svg>"), Some(Key::ErrLogoType));
        assert_eq!(key(b"GIF89a......"), Some(Key::ErrLogoType));
        // A PNG signature followed by rubbish.
        assert_eq!(
            key(b"\x89PNG\r\n\x1a\n this is not an image"),
            Some(Key::ErrLogoUnreadable)
        );
        let mut huge = encoded(10, 10, ImageFormat::Png);
        huge.resize(MAX_UPLOAD_BYTES + 1, 0);
        assert_eq!(key(&huge), Some(Key::ErrLogoTooLarge));
    }
}
