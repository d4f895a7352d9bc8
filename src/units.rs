//! Units and colours: lengths that parse from `"210mm"`, and sRGB colours with
//! WCAG contrast.

use serde::{Deserialize, Deserializer};
use std::fmt;

/// Points per millimetre (1 pt = 1/72 in, 1 in = 25.4 mm).
pub const PT_PER_MM: f32 = 72.0 / 25.4;

/// A length in PDF points.
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd, Default)]
pub struct Pt(pub f32);

impl Pt {
    pub fn from_mm(mm: f32) -> Self {
        Pt(mm * PT_PER_MM)
    }

    pub fn to_mm(self) -> f32 {
        self.0 / PT_PER_MM
    }
}

/// A length as written in a template: absolute, or a share of the space around it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Length {
    Abs(Pt),
    /// A fraction (0.0 to 1.0) of the containing box.
    Rel(f32),
}

impl Length {
    /// Resolve against the size of the containing box.
    pub fn resolve(self, whole: f32) -> f32 {
        match self {
            Length::Abs(pt) => pt.0,
            Length::Rel(f) => f * whole,
        }
    }

    /// Parse `"12mm"`, `"30pt"`, `"1in"`, `"2.5cm"` or `"50%"`.
    pub fn parse(s: &str) -> Result<Self, String> {
        let s = s.trim();
        let split = s
            .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == '-'))
            .unwrap_or(s.len());
        let (num, unit) = s.split_at(split);
        let value: f32 = num
            .parse()
            .map_err(|_| format!("`{s}` is not a length; write it like `12mm`, `30pt` or `50%`"))?;
        if !value.is_finite() {
            return Err(format!("`{s}` is not a finite length"));
        }
        match unit.trim() {
            "mm" => Ok(Length::Abs(Pt::from_mm(value))),
            "cm" => Ok(Length::Abs(Pt::from_mm(value * 10.0))),
            "in" => Ok(Length::Abs(Pt(value * 72.0))),
            "pt" => Ok(Length::Abs(Pt(value))),
            "%" => Ok(Length::Rel(value / 100.0)),
            "" if value == 0.0 => Ok(Length::Abs(Pt(0.0))),
            other => Err(format!("`{s}` has unit `{other}`; use mm, cm, in, pt or %")),
        }
    }
}

impl<'de> Deserialize<'de> for Length {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Length::parse(&s).map_err(serde::de::Error::custom)
    }
}

/// An sRGB colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Color {
    pub r: u8,
    pub g: u8,
    pub b: u8,
}

impl Color {
    pub const BLACK: Color = Color::rgb(0, 0, 0);
    pub const WHITE: Color = Color::rgb(255, 255, 255);

    pub const fn rgb(r: u8, g: u8, b: u8) -> Self {
        Self { r, g, b }
    }

    /// Parse `#RRGGBB`.
    pub fn parse(s: &str) -> Result<Self, String> {
        let hex = s.trim().strip_prefix('#').unwrap_or("");
        if hex.len() != 6 || !hex.chars().all(|c| c.is_ascii_hexdigit()) {
            return Err(format!(
                "`{s}` is not a colour; write it as `#RRGGBB`, e.g. `#005EA5`"
            ));
        }
        let byte = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).expect("checked hex digits");
        Ok(Color::rgb(byte(0), byte(2), byte(4)))
    }

    /// WCAG 2 relative luminance.
    pub fn luminance(self) -> f32 {
        fn channel(c: u8) -> f32 {
            let c = c as f32 / 255.0;
            if c <= 0.040_45 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        }
        0.2126 * channel(self.r) + 0.7152 * channel(self.g) + 0.0722 * channel(self.b)
    }

    /// WCAG 2 contrast ratio between two colours (1.0 to 21.0).
    pub fn contrast(self, other: Color) -> f32 {
        let (a, b) = (self.luminance(), other.luminance());
        let (hi, lo) = if a > b { (a, b) } else { (b, a) };
        (hi + 0.05) / (lo + 0.05)
    }
}

impl fmt::Display for Color {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#{:02X}{:02X}{:02X}", self.r, self.g, self.b)
    }
}

impl<'de> Deserialize<'de> for Color {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Color::parse(&s).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lengths_parse_in_every_unit() {
        assert_eq!(
            Length::parse("210mm").unwrap().resolve(0.0),
            210.0 * PT_PER_MM
        );
        assert_eq!(Length::parse("30pt").unwrap(), Length::Abs(Pt(30.0)));
        assert_eq!(Length::parse("1in").unwrap(), Length::Abs(Pt(72.0)));
        assert_eq!(Length::parse("50%").unwrap().resolve(200.0), 100.0);
        assert!(Length::parse("12px").unwrap_err().contains("unit `px`"));
        assert!(Length::parse("mm").is_err());
    }

    #[test]
    fn a4_is_595_by_842_points() {
        assert!((Pt::from_mm(210.0).0 - 595.28).abs() < 0.01);
        assert!((Pt::from_mm(297.0).0 - 841.89).abs() < 0.01);
    }

    #[test]
    fn contrast_matches_wcag() {
        assert!((Color::BLACK.contrast(Color::WHITE) - 21.0).abs() < 0.01);
        let yellow = Color::parse("#FFE600").unwrap();
        assert!(yellow.contrast(Color::WHITE) < 4.5);
        let blue = Color::parse("#005EA5").unwrap();
        assert!(blue.contrast(Color::WHITE) >= 4.5);
        assert!(Color::parse("#12345").is_err());
    }
}
