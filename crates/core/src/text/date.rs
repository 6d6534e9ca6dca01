//! Calendar dates as Draftwatch stores them (`YYYY-MM-DD`).

/// Checks a `YYYY-MM-DD` calendar date; the error is a sentence saying how to write one.
pub fn check_date(d: &str) -> Result<(), String> {
    let bad = || format!("\"{d}\" is not a date: write it as YYYY-MM-DD, e.g. 2019-01-14");
    let parts: Vec<&str> = d.split('-').collect();
    if parts.len() != 3 || parts[0].len() != 4 || parts[1].len() != 2 || parts[2].len() != 2 {
        return Err(bad());
    }
    let y: u32 = parts[0].parse().map_err(|_| bad())?;
    let m: u32 = parts[1].parse().map_err(|_| bad())?;
    let day: u32 = parts[2].parse().map_err(|_| bad())?;
    let leap = y.is_multiple_of(4) && (!y.is_multiple_of(100) || y.is_multiple_of(400));
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return Err(bad()),
    };
    if day == 0 || day > days {
        return Err(bad());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::check_date;

    #[test]
    fn calendar_dates_only() {
        for ok in ["2019-01-14", "2024-02-29", "2000-02-29", "1999-12-31"] {
            assert_eq!(check_date(ok), Ok(()), "{ok}");
        }
        for bad in ["2019-13-01", "2023-02-29", "1900-02-29", "2019-1-14", "14/01/2019", "២០១៩-០១-១៤", "", "2019-04-31"] {
            assert!(check_date(bad).unwrap_err().contains("is not a date"), "{bad}");
        }
    }
}
