//! Auto-fit: the largest size within a template's bounds at which content fits.

/// Why content did not fit at some size.
#[derive(Debug, Clone, PartialEq)]
pub enum Misfit {
    /// It needs more height than the box has.
    TooTall { needed: f32, available: f32 },
    /// A word or number is wider than its measure.
    TooWide { word: String },
}

impl std::fmt::Display for Misfit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Misfit::TooTall { needed, available } => {
                // Whole millimetres, unless they would read the same: then
                // tenths, the need rounded up and the room down.
                let (n, a) = (
                    needed / crate::units::PT_PER_MM,
                    available / crate::units::PT_PER_MM,
                );
                let (n, a, digits) = if n.round() > a.round() {
                    (n.round(), a.round(), 0)
                } else {
                    ((n * 10.0).ceil() / 10.0, (a * 10.0).floor() / 10.0, 1)
                };
                write!(f, "needs {n:.digits$} mm of height but has {a:.digits$} mm")
            }
            Misfit::TooWide { word } => write!(f, "`{word}` is wider than its column"),
        }
    }
}

/// Smallest step between sizes tried, in points.
const PRECISION: f32 = 0.1;

/// Try `attempt` at sizes between `min` and `max` and keep the largest that
/// fits. If even `min` does not fit, return why.
pub fn fit<T>(
    min: f32,
    max: f32,
    mut attempt: impl FnMut(f32) -> Result<T, Misfit>,
) -> Result<(f32, T), Misfit> {
    let at_max = match attempt(max) {
        Ok(done) => return Ok((max, done)),
        Err(m) => m,
    };
    // A layout may change shape with its size (numbers beside their labels
    // when small, under them when large), so the larger size can need less
    // height: report whichever need is smaller.
    let mut best = match attempt(min) {
        Ok(done) => (min, done),
        Err(at_min) => {
            return Err(match (&at_max, &at_min) {
                (Misfit::TooTall { needed: a, .. }, Misfit::TooTall { needed: b, .. }) if a < b => {
                    at_max
                }
                _ => at_min,
            });
        }
    };
    let (mut lo, mut hi) = (min, max);
    while hi - lo > PRECISION {
        let mid = (lo + hi) / 2.0;
        match attempt(mid) {
            Ok(done) => {
                lo = mid;
                best = (mid, done);
            }
            Err(_) => hi = mid,
        }
    }
    Ok(best)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fits_below(limit: f32) -> impl FnMut(f32) -> Result<f32, Misfit> {
        move |size| {
            if size <= limit {
                Ok(size)
            } else {
                Err(Misfit::TooTall {
                    needed: size,
                    available: limit,
                })
            }
        }
    }

    #[test]
    fn picks_the_largest_size_that_fits() {
        let (size, _) = fit(10.0, 30.0, fits_below(17.3)).unwrap();
        assert!(size <= 17.3 && size > 17.3 - PRECISION, "{size}");
    }

    #[test]
    fn uses_max_when_everything_fits() {
        assert_eq!(fit(10.0, 30.0, fits_below(100.0)).unwrap().0, 30.0);
    }

    #[test]
    fn a_need_never_reads_as_the_room_it_lacks() {
        let mm = crate::units::PT_PER_MM;
        let msg = |needed: f32, available: f32| {
            Misfit::TooTall {
                needed: needed * mm,
                available: available * mm,
            }
            .to_string()
        };
        assert_eq!(msg(41.2, 38.9), "needs 41 mm of height but has 39 mm");
        assert_eq!(msg(39.2, 38.9), "needs 39.2 mm of height but has 38.9 mm");
        assert_eq!(msg(39.02, 39.01), "needs 39.1 mm of height but has 39.0 mm");
    }

    #[test]
    fn overflow_at_min_is_an_error() {
        let err = fit(10.0, 30.0, fits_below(5.0)).unwrap_err();
        assert_eq!(
            err,
            Misfit::TooTall {
                needed: 10.0,
                available: 5.0
            }
        );
    }
}
