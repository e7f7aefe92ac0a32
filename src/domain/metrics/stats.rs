//! Rates with their uncertainty, and the one rule that says whether a
//! difference is within noise.
//!
//! A rate of `k` out of `n` gets a 95% Wilson score interval: unlike
//! `p ± 1.96·√(p(1−p)/n)` it stays inside 0–100% and stays honest for small
//! samples and for rates near 0% or 100%. Two rates differ beyond noise
//! only when their intervals do not overlap; otherwise the difference is
//! flagged as within noise (too few rows to tell). Non-overlap is a strict
//! test (stricter than a two-proportion z-test at 5%), which suits a tool
//! that tells people to rewrite a persona's messaging.

use serde::Serialize;

/// z for a two-sided 95% interval.
const Z: f64 = 1.959_963_984_540_054;

/// `count` out of `n`, with its 95% Wilson interval.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Rate {
    pub count: u64,
    pub n: u64,
    /// `count / n`, or `None` when `n` is 0.
    pub value: Option<f64>,
    pub low: f64,
    pub high: f64,
}

impl Rate {
    pub fn new(count: u64, n: u64) -> Rate {
        let count = count.min(n);
        if n == 0 {
            return Rate {
                count,
                n,
                value: None,
                low: 0.0,
                high: 1.0,
            };
        }
        let (low, high) = wilson(count, n);
        Rate {
            count,
            n,
            value: Some(count as f64 / n as f64),
            low,
            high,
        }
    }

    /// Whether this rate and `other` cannot be told apart: their intervals
    /// overlap (or either has no sample).
    pub fn overlaps(&self, other: &Rate) -> bool {
        self.n == 0 || other.n == 0 || (self.low <= other.high && other.low <= self.high)
    }

    /// Whether this rate is below `earlier` beyond noise.
    pub fn fell_from(&self, earlier: &Rate) -> bool {
        match (self.value, earlier.value) {
            (Some(now), Some(before)) => now < before && !self.overlaps(earlier),
            _ => false,
        }
    }
}

impl std::fmt::Display for Rate {
    /// `12.5% (n=200)`, or `– (n=0)` when there is no sample.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.value {
            Some(v) => write!(f, "{} (n={})", percent(v), self.n),
            None => write!(f, "– (n={})", self.n),
        }
    }
}

/// A share as a percentage with one decimal (`12.5%`).
pub fn percent(share: f64) -> String {
    format!("{:.1}%", share * 100.0)
}

/// The 95% Wilson score interval of `k` successes in `n` trials.
pub fn wilson(k: u64, n: u64) -> (f64, f64) {
    if n == 0 {
        return (0.0, 1.0);
    }
    let n_f = n as f64;
    let p = k as f64 / n_f;
    let z2 = Z * Z;
    let denominator = 1.0 + z2 / n_f;
    let centre = (p + z2 / (2.0 * n_f)) / denominator;
    let half = Z * (p * (1.0 - p) / n_f + z2 / (4.0 * n_f * n_f)).sqrt() / denominator;
    ((centre - half).max(0.0), (centre + half).min(1.0))
}

/// The median of sorted values, `None` when there are none.
pub fn median(sorted: &[u32]) -> Option<f64> {
    match sorted.len() {
        0 => None,
        n if n % 2 == 1 => Some(f64::from(sorted[n / 2])),
        n => Some((f64::from(sorted[n / 2 - 1]) + f64::from(sorted[n / 2])) / 2.0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 5e-4
    }

    #[test]
    fn wilson_matches_the_closed_forms() {
        // 81 of 263, cross-checked with the formula in Python: 0.2553 to
        // 0.3662.
        let (low, high) = wilson(81, 263);
        assert!(close(low, 0.2553) && close(high, 0.3662), "{low} {high}");
        // At 0 and n successes the bounds are z²/(n+z²) and n/(n+z²).
        let (low, high) = wilson(0, 10);
        assert_eq!(low, 0.0);
        assert!(close(high, 0.2775), "{high}");
        let (low, high) = wilson(10, 10);
        assert!(close(low, 0.7225) && close(high, 1.0), "{low}");
    }

    #[test]
    fn small_samples_are_within_noise() {
        // 2 of 10 against 5 of 10: a big gap, but too few rows to tell.
        assert!(Rate::new(2, 10).overlaps(&Rate::new(5, 10)));
        // 20 of 1000 against 100 of 1000: told apart.
        assert!(!Rate::new(20, 1000).overlaps(&Rate::new(100, 1000)));
        assert!(Rate::new(20, 1000).fell_from(&Rate::new(100, 1000)));
        assert!(!Rate::new(100, 1000).fell_from(&Rate::new(20, 1000)));
        assert!(Rate::new(1, 0).value.is_none());
    }

    #[test]
    fn medians() {
        assert_eq!(median(&[]), None);
        assert_eq!(median(&[7]), Some(7.0));
        assert_eq!(median(&[10, 20, 40, 90]), Some(30.0));
    }
}
