//! A best customer's value for the rule they were picked by, so a list of
//! them can be shown in that order (highest first).

use crate::domain::icp::BestCustomer;
use crate::domain::normalise;

/// The customer's value for `by` (`lifetime_value`, `orders`,
/// `average_order_value`, `retention` in days, `revenue`, `employees`, or a
/// column kept under `more`), when it can be read as a number.
pub fn rank_value(c: &BestCustomer, by: &str) -> Option<f64> {
    let currency = Some(c.currency.as_str()).filter(|s| !s.is_empty());
    let money = |text: &str| normalise::money(text, 1.0, currency).map(|m| m.value());
    match normalise::fold(by).as_str() {
        "lifetimevalue" | "ltv" | "totalspent" => money(&c.lifetime_value),
        "orders" => normalise::number(&c.orders),
        "averageordervalue" | "aov" => money(&c.average_order_value).or_else(|| {
            let orders = normalise::number(&c.orders).filter(|n| *n >= 1.0)?;
            Some(money(&c.lifetime_value)? / orders)
        }),
        "retention" | "tenure" => {
            let first = normalise::date(&c.first_order).or_else(|| normalise::date(&c.since))?;
            let last = normalise::date(&c.last_order)?;
            (last >= first).then(|| (last - first).get_days() as f64)
        }
        "revenue" => money(&c.revenue),
        "employees" | "size" => normalise::number(&c.size).or_else(|| {
            let band = if c.size_band.is_empty() {
                normalise::employee_band(&c.size)?
            } else {
                c.size_band.as_str()
            };
            normalise::bands::rank(band).map(|r| r as f64)
        }),
        _ => c
            .more
            .iter()
            .find(|(k, _)| normalise::fold(k) == normalise::fold(by))
            .and_then(|(_, v)| normalise::number(v).or_else(|| money(v))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_by_the_rule() {
        let c = BestCustomer {
            lifetime_value: "$1,240.50".into(),
            orders: "5".into(),
            first_order: "2023-01-10".into(),
            last_order: "2024-01-10".into(),
            size: "51-200".into(),
            ..Default::default()
        };
        assert_eq!(rank_value(&c, "lifetime_value"), Some(1240.5));
        assert_eq!(rank_value(&c, "orders"), Some(5.0));
        assert_eq!(rank_value(&c, "average_order_value"), Some(248.1));
        assert_eq!(rank_value(&c, "retention"), Some(365.0));
        assert!(rank_value(&c, "employees").is_some());
        assert_eq!(rank_value(&c, "revenue"), None);
    }
}
