//! The four nations of the UK, each with its own guidance and pathways: made
//! once where an id is read (a file, `--nation`, the page's request) and
//! carried as a value after that.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// A nation content, contact records and editions can be specific to.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(rename_all = "kebab-case")]
pub enum Nation {
    /// The default edition.
    #[default]
    England,
    Wales,
    Scotland,
    NorthernIreland,
}

impl Nation {
    /// Every nation, in the order `list` and the page show them.
    pub const ALL: [Nation; 4] = [
        Nation::England,
        Nation::Wales,
        Nation::Scotland,
        Nation::NorthernIreland,
    ];

    /// The id used in files, `--nation`, file names and the manifest
    /// (`northern-ireland`).
    pub fn id(self) -> &'static str {
        match self {
            Nation::England => "england",
            Nation::Wales => "wales",
            Nation::Scotland => "scotland",
            Nation::NorthernIreland => "northern-ireland",
        }
    }

    /// The edition a build makes unless told: Wales when every language asked
    /// for is Welsh or a pair with Welsh (`cy`, `cy+en`, `en+cy`), so a Welsh
    /// build carries the Wales definition and Meic; otherwise England.
    pub fn default_for(langs: &[String]) -> Nation {
        let welsh = |l: &String| {
            let l = l.trim().to_ascii_lowercase();
            l == "cy" || (l.contains('+') && l.split('+').any(|c| c.trim() == "cy"))
        };
        if !langs.is_empty() && langs.iter().all(welsh) {
            Nation::Wales
        } else {
            Nation::England
        }
    }

    /// Its name in English (`Northern Ireland`).
    pub fn name(self) -> &'static str {
        match self {
            Nation::England => "England",
            Nation::Wales => "Wales",
            Nation::Scotland => "Scotland",
            Nation::NorthernIreland => "Northern Ireland",
        }
    }
}

impl fmt::Display for Nation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // `pad`, so that `{nation:<17}` lines up in `list`.
        f.pad(self.id())
    }
}

/// An id that names no nation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownNation(pub String);

impl fmt::Display for UnknownNation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "`{}` is not a nation: england, wales, scotland or northern-ireland",
            self.0
        )
    }
}

impl std::error::Error for UnknownNation {}

impl FromStr for Nation {
    type Err = UnknownNation;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Nation::ALL
            .into_iter()
            .find(|n| n.id() == s)
            .ok_or_else(|| UnknownNation(s.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn welsh_builds_default_to_the_wales_edition() {
        let of =
            |l: &[&str]| Nation::default_for(&l.iter().map(|s| s.to_string()).collect::<Vec<_>>());
        assert_eq!(of(&["cy+en"]), Nation::Wales);
        assert_eq!(of(&["cy"]), Nation::Wales);
        assert_eq!(of(&["EN+CY"]), Nation::Wales);
        assert_eq!(of(&["cy", "cy+en"]), Nation::Wales);
        assert_eq!(of(&["cy", "en"]), Nation::England);
        assert_eq!(of(&["all"]), Nation::England);
        assert_eq!(of(&[]), Nation::England);
    }

    #[test]
    fn ids_round_trip_through_text_and_serde() {
        for n in Nation::ALL {
            assert_eq!(n.id().parse::<Nation>(), Ok(n));
            assert_eq!(
                serde_json::to_string(&n).unwrap(),
                format!("\"{}\"", n.id())
            );
            let back: Nation = serde_json::from_str(&format!("\"{n}\"")).unwrap();
            assert_eq!(back, n);
        }
        assert_eq!(Nation::NorthernIreland.name(), "Northern Ireland");
        assert_eq!(format!("{:<8}|", Nation::Wales), "wales   |");
        assert_eq!(
            "cornwall".parse::<Nation>().unwrap_err().to_string(),
            "`cornwall` is not a nation: england, wales, scotland or northern-ireland"
        );
        assert!(serde_json::from_str::<Nation>("\"Wales\"").is_err());
    }
}
