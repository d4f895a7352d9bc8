//! Unit tests of the images module.

use super::*;

fn png(img: &DynamicImage) -> Vec<u8> {
    let mut out = Vec::new();
    img.write_to(&mut std::io::Cursor::new(&mut out), image::ImageFormat::Png)
        .unwrap();
    out
}

#[test]
fn junk_and_truncated_images_are_errors_not_panics() {
    assert!(decode_logo(b"not an image").is_err());
    let bytes = png(&DynamicImage::ImageRgba8(RgbaImage::new(4, 4)));
    assert!(decode_logo(&bytes).is_ok());
    assert!(decode_logo(&bytes[..bytes.len() / 2]).is_err());
}

#[test]
fn sixteen_bit_and_grey_images_decode_to_rgba() {
    let deep = DynamicImage::ImageRgb16(image::ImageBuffer::from_pixel(
        5,
        3,
        image::Rgb([65535u16, 0, 32768]),
    ));
    let p = decode_logo(&png(&deep)).unwrap();
    assert_eq!((p.width, p.height), (5, 3));
    assert_eq!(&p.rgba[..4], &[255, 0, 128, 255]);
    let grey = DynamicImage::ImageLumaA8(image::ImageBuffer::from_pixel(
        2,
        2,
        image::LumaA([10u8, 200]),
    ));
    assert_eq!(
        &decode_logo(&png(&grey)).unwrap().rgba[..4],
        &[10, 10, 10, 200]
    );
}

#[test]
fn progressive_jpegs_are_budgeted_for_their_coefficients() {
    let baseline = include_bytes!("../../tests/fixtures/images/cmyk.jpg").to_vec();
    assert_eq!(progressive_extra(&baseline), 0.0);
    // The same file's start-of-frame marker made progressive (SOF2).
    let sof = baseline.windows(2).position(|w| w == [0xFF, 0xC0]).unwrap();
    let mut progressive = baseline.clone();
    progressive[sof + 1] = 0xC2;
    assert_eq!(
        progressive_extra(&progressive),
        8.0,
        "four full-size components"
    );
    assert_eq!(progressive_extra(b"\x89PNG"), 0.0);
    assert_eq!(progressive_extra(&[0xFF, 0xD8, 0xFF]), 0.0);
}

#[test]
fn an_image_is_fitted_to_a_size_once_while_it_is_in_use() {
    let big = Arc::new(Pixels {
        width: 400,
        height: 200,
        rgba: vec![7; 400 * 200 * 4],
    });
    let fitted = Fitted::default();
    let a = big.fit_within(100, 100, Some(&fitted));
    assert_eq!((a.width, a.height), (100, 50));
    assert!(Arc::ptr_eq(&a, &big.fit_within(100, 100, Some(&fitted))));
    let other = Arc::new(Pixels {
        width: 400,
        height: 200,
        rgba: vec![9; 400 * 200 * 4],
    });
    let b = other.fit_within(100, 100, Some(&fitted));
    assert!(!Arc::ptr_eq(&a, &b));
    assert_eq!(b.rgba[0], 9);
    // Another build's copies are its own; without any, a fresh copy.
    let elsewhere = Fitted::default();
    assert!(!Arc::ptr_eq(
        &a,
        &big.fit_within(100, 100, Some(&elsewhere))
    ));
    let fresh = big.fit_within(100, 100, None);
    assert!(!Arc::ptr_eq(&a, &fresh) && fresh.rgba == a.rgba);
}

#[test]
fn a_large_image_is_kept_at_print_size() {
    let big = DynamicImage::ImageRgb8(image::RgbImage::new(3000, 1500));
    let p = decode_logo(&png(&big)).unwrap();
    assert_eq!((p.width, p.height), (MAX_STORED_SIDE, MAX_STORED_SIDE / 2));
}
