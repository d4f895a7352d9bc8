//! Which language or languages a document is in: one, or a bilingual pair
//! (`cy+en`, first language first). Parsed once, where a selection or
//! `pack.toml` is read, and carried as a value through plan, layout and the
//! manifest.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// Two languages on one document, by folder name: the first set first and
/// larger (Welsh before English, as the Welsh Language Standards ask).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Pair {
    pub first: String,
    pub second: String,
}

/// The languages of one document.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum LangSel {
    Single(String),
    Pair(Pair),
}

impl LangSel {
    /// The language set first (the only one, if not bilingual).
    pub fn first(&self) -> &str {
        match self {
            LangSel::Single(code) => code,
            LangSel::Pair(p) => &p.first,
        }
    }

    /// The language set second, for a bilingual document.
    pub fn second(&self) -> Option<&str> {
        match self {
            LangSel::Single(_) => None,
            LangSel::Pair(p) => Some(&p.second),
        }
    }

    pub fn is_bilingual(&self) -> bool {
        matches!(self, LangSel::Pair(_))
    }

    /// Every language in it, first first.
    pub fn codes(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.first()).chain(self.second())
    }
}

/// Text that is neither a language nor two different ones joined by `+`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotAPair(pub String);

impl fmt::Display for NotAPair {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "`{}` is not a language pair", self.0)
    }
}

impl std::error::Error for NotAPair {}

impl NotAPair {
    pub const HINT: &str = "write two different languages, first language first: `cy+en`";
}

impl FromStr for Pair {
    type Err = NotAPair;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.parse::<LangSel>()? {
            LangSel::Pair(p) => Ok(p),
            LangSel::Single(_) => Err(NotAPair(s.to_string())),
        }
    }
}

impl FromStr for LangSel {
    type Err = NotAPair;

    /// `en`, or `cy+en`: two different, non-empty folder names.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || NotAPair(s.to_string());
        let Some((first, second)) = s.split_once('+') else {
            return if s.is_empty() {
                Err(bad())
            } else {
                Ok(LangSel::Single(s.to_string()))
            };
        };
        if first.is_empty() || second.is_empty() || second.contains('+') || first == second {
            return Err(bad());
        }
        Ok(LangSel::Pair(Pair {
            first: first.to_string(),
            second: second.to_string(),
        }))
    }
}

impl fmt::Display for Pair {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}+{}", self.first, self.second)
    }
}

impl fmt::Display for LangSel {
    /// As in paths and the manifest: `en`, `cy+en`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LangSel::Single(code) => f.write_str(code),
            LangSel::Pair(p) => p.fmt(f),
        }
    }
}

/// Serialised as its text (`"cy+en"`), as the manifest has always written it.
macro_rules! as_text {
    ($t:ty) => {
        impl Serialize for $t {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.collect_str(self)
            }
        }

        impl<'de> Deserialize<'de> for $t {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let text = String::deserialize(d)?;
                text.parse().map_err(serde::de::Error::custom)
            }
        }
    };
}

as_text!(Pair);
as_text!(LangSel);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_language_or_two_different_ones() {
        let pair: LangSel = "cy+en".parse().unwrap();
        assert_eq!(pair.first(), "cy");
        assert_eq!(pair.second(), Some("en"));
        assert_eq!(pair.codes().collect::<Vec<_>>(), ["cy", "en"]);
        assert_eq!(pair.to_string(), "cy+en");
        let single: LangSel = "ur".parse().unwrap();
        assert_eq!((single.first(), single.second()), ("ur", None));
        assert!(!single.is_bilingual() && pair.is_bilingual());
        for bad in ["", "cy+", "+en", "cy+cy", "cy+en+pl"] {
            assert_eq!(
                bad.parse::<LangSel>(),
                Err(NotAPair(bad.to_string())),
                "{bad}"
            );
        }
        assert!("en".parse::<Pair>().is_err());
    }

    #[test]
    fn serialised_as_the_manifest_writes_it() {
        let pair: LangSel = "cy+en".parse().unwrap();
        assert_eq!(serde_json::to_string(&pair).unwrap(), "\"cy+en\"");
        assert_eq!(serde_json::from_str::<LangSel>("\"cy+en\"").unwrap(), pair);
        let err = serde_json::from_str::<Pair>("\"cy\"").unwrap_err();
        assert!(
            err.to_string().contains("`cy` is not a language pair"),
            "{err}"
        );
    }
}
