//! The EU DMA's company data (issue 19): what the EDIH report needs beyond the start form's
//! size class and sector. The JRC's questionnaire opens with the enterprise's identifier, its
//! number of persons employed (the EU size category) and its main activity (NACE). A Dutch
//! company finds all three on its Chamber of Commerce extract: the KvK number, and the SBI
//! code, the Dutch extension of NACE whose first two digits are the NACE division.
//!
//! Asked on the start form for a DMA only: the number of employees is needed (the size
//! category is the one the report cannot do without, and our classes straddle the EU's), the
//! SBI code only where our sector says no division ("other"), the identifier never.

use crate::assessment::question_kind::accept::read_number;
use crate::error::AppError;
use crate::i18n::Key;
use serde::{Deserialize, Serialize};

/// The most persons employed we accept: more is a typing error for a programme of SMEs and
/// small mid-caps, and the report's categories end at "large" anyway.
pub const MAX_EMPLOYEES: i64 = 1_000_000;

/// What a company said of itself for the EU report; empty where it said nothing.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompanyData {
    pub employees: Option<i32>,
    /// Digits only, 2-5 of them (the SBI division, group, class or subclass).
    pub sbi_code: String,
    /// A KvK number (8 digits) or an EU VAT number (country code first), as normalised.
    pub enterprise_id: String,
}

impl CompanyData {
    /// Reads the three fields as a DMA's start form sent them (a Smart Factory Assessment
    /// asks none of it, so its form's hidden fields are not read at all). The number of
    /// employees is needed and must fit the size class chosen beside it: two answers that
    /// disagree would make two reports. The SBI code is needed where `sector` has no NACE
    /// division of its own.
    pub fn parse(
        employees: &str,
        sbi_code: &str,
        enterprise_id: &str,
        size_class: &str,
        sector: &str,
    ) -> Result<CompanyData, AppError> {
        let employees = match read_number(employees) {
            Ok(Some(n)) if (1..=MAX_EMPLOYEES).contains(&n) => n,
            Ok(Some(_)) => return Err(AppError::field("employees", Key::ErrEmployeesRange)),
            Ok(None) => return Err(AppError::field("employees", Key::ErrEmployeesMissing)),
            Err(_) => return Err(AppError::field("employees", Key::ErrNumberInvalid)),
        };
        if !fits_size_class(employees, size_class) {
            return Err(AppError::field("employees", Key::ErrEmployeesClass));
        }
        let sbi_code = match sbi_code.trim() {
            "" if sector_nace(sector).is_none() => {
                return Err(AppError::field("sbi_code", Key::ErrSbiMissing))
            }
            "" => String::new(),
            typed => {
                read_sbi(typed).ok_or_else(|| AppError::field("sbi_code", Key::ErrSbiInvalid))?
            }
        };
        let enterprise_id = match enterprise_id.trim() {
            "" => String::new(),
            typed => read_enterprise_id(typed)
                .ok_or_else(|| AppError::field("enterprise_id", Key::ErrEnterpriseIdInvalid))?,
        };
        Ok(CompanyData {
            // At most MAX_EMPLOYEES, so it fits.
            employees: i32::try_from(employees).ok(),
            sbi_code,
            enterprise_id,
        })
    }

    /// The NACE division of the main activity: from the SBI code when given, else from the
    /// sector; `None` where neither says one ("other" without a code).
    pub fn nace(&self, sector: &str) -> Option<String> {
        nace_of_sbi(&self.sbi_code).or_else(|| sector_nace(sector).map(str::to_string))
    }

    /// The EU size category: from the number of employees when given, else from the size
    /// class where that does not straddle two categories.
    pub fn eu_size(&self, size_class: &str) -> Option<&'static str> {
        match self.employees {
            Some(n) => Some(eu_size_of(i64::from(n))),
            None => match size_class {
                "20-49" => Some("small"),
                "50-99" | "100-199" => Some("medium"),
                _ => None,
            },
        }
    }
}

/// Whether `n` persons employed falls in one of the start form's size classes.
pub fn fits_size_class(n: i64, size_class: &str) -> bool {
    match size_class {
        "lt20" => n < 20,
        "20-49" => (20..50).contains(&n),
        "50-99" => (50..100).contains(&n),
        "100-199" => (100..200).contains(&n),
        "200plus" => n >= 200,
        _ => false,
    }
}

/// The EU category by headcount: micro, small and medium as in Recommendation 2003/361/EC
/// (headcount only: we do not ask turnover or balance sheet), small mid-cap up to 499 as
/// EDIH customers are defined (the Digital Europe Programme's work programme), large above.
pub fn eu_size_of(employees: i64) -> &'static str {
    match employees {
        ..10 => "micro",
        10..50 => "small",
        50..250 => "medium",
        250..500 => "small_midcap",
        _ => "large",
    }
}

/// The NACE Rev. 2 division(s) of our sector codes (manufacturing, section C); `None` where
/// our sector spans more than one field ("other").
pub fn sector_nace(sector: &str) -> Option<&'static str> {
    Some(match sector {
        "food" => "C10",
        "wood_paper" => "C16-C17",
        "chemicals" => "C20",
        "plastics" => "C22",
        "building_materials" => "C23",
        "metal" => "C24-C25",
        "electronics" => "C26-C27",
        "machinery" => "C28",
        _ => return None,
    })
}

/// An SBI code as people write it ("2562", "25.62", "25 62 1") as its digits, if it is 2-5
/// digits long and starts with a NACE division.
pub fn read_sbi(typed: &str) -> Option<String> {
    let digits: String = typed
        .chars()
        .filter(|c| !matches!(c, ' ' | '.' | '\u{a0}'))
        .collect();
    let ok = (2..=5).contains(&digits.len())
        && digits.chars().all(|c| c.is_ascii_digit())
        && nace_of_sbi(&digits).is_some();
    ok.then_some(digits)
}

/// The NACE division of an SBI code ("2562" → "C25"): the section letter of its first two
/// digits (NACE Rev. 2, whose divisions SBI 2008 keeps), `None` for a number no division has.
pub fn nace_of_sbi(sbi: &str) -> Option<String> {
    let division: u8 = sbi.get(..2)?.parse().ok()?;
    let section = match division {
        1..=3 => 'A',
        5..=9 => 'B',
        10..=33 => 'C',
        35 => 'D',
        36..=39 => 'E',
        41..=43 => 'F',
        45..=47 => 'G',
        49..=53 => 'H',
        55 | 56 => 'I',
        58..=63 => 'J',
        64..=66 => 'K',
        68 => 'L',
        69..=75 => 'M',
        77..=82 => 'N',
        84 => 'O',
        85 => 'P',
        86..=88 => 'Q',
        90..=93 => 'R',
        94..=96 => 'S',
        97 | 98 => 'T',
        99 => 'U',
        _ => return None,
    };
    Some(format!("{section}{division:02}"))
}

/// A KvK number (8 digits) or an EU VAT number (two letters, then 8-12 letters and digits),
/// without the spaces and dots people type, letters in capitals.
pub fn read_enterprise_id(typed: &str) -> Option<String> {
    let id: String = typed
        .chars()
        .filter(|c| !matches!(c, ' ' | '.' | '-' | '\u{a0}'))
        .map(|c| c.to_ascii_uppercase())
        .collect();
    let kvk = id.len() == 8 && id.chars().all(|c| c.is_ascii_digit());
    // Every EU VAT number has 8 to 12 characters after its country code, digits among them.
    let vat = (10..=14).contains(&id.len())
        && id.chars().take(2).all(|c| c.is_ascii_uppercase())
        && id.chars().all(|c| c.is_ascii_alphanumeric())
        && id.chars().skip(2).any(|c| c.is_ascii_digit());
    (kvk || vat).then_some(id)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refused(r: Result<CompanyData, AppError>) -> (String, Key) {
        match r {
            Err(AppError::Invalid {
                key,
                field: Some(field),
            }) => (field, key),
            other => panic!("expected a field error, got {other:?}"),
        }
    }

    #[test]
    fn a_dma_needs_the_number_of_employees_and_it_must_fit_the_size_class() {
        let ok = CompanyData::parse("1.200", "", "", "200plus", "metal").expect("ok");
        assert_eq!(ok.employees, Some(1200));
        assert_eq!(
            refused(CompanyData::parse("", "", "", "20-49", "metal")),
            ("employees".into(), Key::ErrEmployeesMissing)
        );
        assert_eq!(
            refused(CompanyData::parse("60", "", "", "20-49", "metal")),
            ("employees".into(), Key::ErrEmployeesClass)
        );
        assert_eq!(
            refused(CompanyData::parse("0", "", "", "lt20", "metal")),
            ("employees".into(), Key::ErrEmployeesRange)
        );
        assert_eq!(
            refused(CompanyData::parse("12,5", "", "", "lt20", "metal")),
            ("employees".into(), Key::ErrNumberInvalid)
        );
    }

    #[test]
    fn the_sbi_code_is_needed_only_where_the_sector_names_no_division() {
        assert_eq!(
            refused(CompanyData::parse("30", "", "", "20-49", "other")),
            ("sbi_code".into(), Key::ErrSbiMissing)
        );
        let other = CompanyData::parse("30", "33.12", "", "20-49", "other").expect("ok");
        assert_eq!(other.sbi_code, "3312");
        assert_eq!(other.nace("other").as_deref(), Some("C33"));
        let metal = CompanyData::parse("30", "", "", "20-49", "metal").expect("ok");
        assert_eq!(metal.nace("metal").as_deref(), Some("C24-C25"));
        // The code, when given, is more precise than the sector.
        let code = CompanyData::parse("30", "2562", "", "20-49", "metal").expect("ok");
        assert_eq!(code.nace("metal").as_deref(), Some("C25"));
        for wrong in ["4", "04", "2562123", "25a2", "3400"] {
            assert_eq!(
                refused(CompanyData::parse("30", wrong, "", "20-49", "other")),
                ("sbi_code".into(), Key::ErrSbiInvalid),
                "{wrong}"
            );
        }
    }

    #[test]
    fn sbi_divisions_fall_in_their_nace_sections() {
        let cases = [
            ("0111", Some("A01")),
            ("10", Some("C10")),
            ("3320", Some("C33")),
            ("35", Some("D35")),
            ("4711", Some("G47")),
            ("62010", Some("J62")),
            ("99", Some("U99")),
            ("34", None),
            ("00", None),
            ("x1", None),
            ("7", None),
        ];
        for (sbi, nace) in cases {
            assert_eq!(nace_of_sbi(sbi).as_deref(), nace, "{sbi}");
        }
    }

    #[test]
    fn enterprise_ids_are_kvk_numbers_or_vat_numbers() {
        assert_eq!(read_enterprise_id("1234 5678").as_deref(), Some("12345678"));
        assert_eq!(
            read_enterprise_id("nl 8091.23.456 B01").as_deref(),
            Some("NL809123456B01")
        );
        assert_eq!(
            read_enterprise_id("DE123456789").as_deref(),
            Some("DE123456789")
        );
        for wrong in [
            "1234567",
            "123456789",
            "12 34",
            "NL",
            "NL12",
            "NLABCDEFGHIJ",
            "N1234567X",
            "NL123;456789",
        ] {
            assert_eq!(read_enterprise_id(wrong), None, "{wrong}");
        }
        assert_eq!(
            refused(CompanyData::parse("30", "", "KvK 123", "20-49", "metal")),
            ("enterprise_id".into(), Key::ErrEnterpriseIdInvalid)
        );
    }

    #[test]
    fn the_eu_size_comes_from_the_headcount_else_from_an_unambiguous_class() {
        for (n, size) in [
            (1, "micro"),
            (9, "micro"),
            (10, "small"),
            (49, "small"),
            (50, "medium"),
            (249, "medium"),
            (250, "small_midcap"),
            (499, "small_midcap"),
            (500, "large"),
        ] {
            assert_eq!(eu_size_of(n), size, "{n}");
        }
        let counted = CompanyData {
            employees: Some(12),
            ..Default::default()
        };
        assert_eq!(counted.eu_size("lt20"), Some("small"));
        let uncounted = CompanyData::default();
        assert_eq!(uncounted.eu_size("lt20"), None);
        assert_eq!(uncounted.eu_size("200plus"), None);
        assert_eq!(uncounted.eu_size("20-49"), Some("small"));
        assert_eq!(uncounted.eu_size("100-199"), Some("medium"));
    }

    #[test]
    fn size_classes_take_their_own_numbers_only() {
        assert!(fits_size_class(19, "lt20") && !fits_size_class(20, "lt20"));
        assert!(fits_size_class(20, "20-49") && !fits_size_class(50, "20-49"));
        assert!(fits_size_class(199, "100-199") && !fits_size_class(200, "100-199"));
        assert!(fits_size_class(200, "200plus"));
        assert!(!fits_size_class(30, "unknown"));
    }
}
