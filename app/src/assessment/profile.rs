//! The short company profile filled in when an assessment starts.

use crate::error::AppError;
use crate::i18n::Key;
use serde::{Deserialize, Serialize};

/// Codes and labels of the choices, in the order the form shows them.
pub const SIZE_CLASSES: [(&str, Key); 5] = [
    ("lt20", Key::SizeLt20),
    ("20-49", Key::Size20to49),
    ("50-99", Key::Size50to99),
    ("100-199", Key::Size100to199),
    ("200plus", Key::Size200plus),
];

pub const PROVINCES: [(&str, Key); 4] = [
    ("groningen", Key::ProvinceGroningen),
    ("friesland", Key::ProvinceFriesland),
    ("drenthe", Key::ProvinceDrenthe),
    ("other", Key::ProvinceOther),
];

pub const SECTORS: [(&str, Key); 9] = [
    ("metal", Key::SectorMetal),
    ("machinery", Key::SectorMachinery),
    ("plastics", Key::SectorPlastics),
    ("food", Key::SectorFood),
    ("chemicals", Key::SectorChemicals),
    ("wood_paper", Key::SectorWoodPaper),
    ("electronics", Key::SectorElectronics),
    ("building_materials", Key::SectorBuildingMaterials),
    ("other", Key::SectorOther),
];

pub fn label(options: &[(&str, Key)], code: &str) -> Option<Key> {
    options.iter().find(|(c, _)| *c == code).map(|(_, k)| *k)
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompanyProfile {
    pub company_name: String,
    pub sector: String,
    pub size_class: String,
    pub province: String,
    pub respondent_role: String,
}

impl CompanyProfile {
    /// Checks every field against its allowed values; the first problem names its field.
    pub fn parse(
        company_name: &str,
        sector: &str,
        size_class: &str,
        province: &str,
        respondent_role: &str,
    ) -> Result<CompanyProfile, AppError> {
        let name = crate::text::name(company_name, 1, 200)
            .ok_or_else(|| AppError::field("company_name", Key::ErrCompanyNameInvalid))?;
        if label(&SECTORS, sector).is_none() {
            return Err(AppError::field("sector", Key::ErrChoiceInvalid));
        }
        if label(&SIZE_CLASSES, size_class).is_none() {
            return Err(AppError::field("size_class", Key::ErrChoiceInvalid));
        }
        if label(&PROVINCES, province).is_none() {
            return Err(AppError::field("province", Key::ErrChoiceInvalid));
        }
        // Optional, so empty is fine; otherwise a name-like line.
        let role = match respondent_role.trim() {
            "" => String::new(),
            typed => crate::text::name(typed, 1, 120)
                .ok_or_else(|| AppError::field("respondent_role", Key::ErrRoleInvalid))?,
        };
        Ok(CompanyProfile {
            company_name: name,
            sector: sector.to_string(),
            size_class: size_class.to_string(),
            province: province.to_string(),
            respondent_role: role,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn profile_fields_must_be_known_choices() {
        assert!(
            CompanyProfile::parse("Zuivel Noord", "food", "50-99", "friesland", "Directeur")
                .is_ok()
        );
        let e = CompanyProfile::parse("Zuivel Noord", "food", "huge", "friesland", "").unwrap_err();
        assert_eq!(e, AppError::field("size_class", Key::ErrChoiceInvalid));
        let e = CompanyProfile::parse(" ", "food", "50-99", "friesland", "").unwrap_err();
        assert_eq!(e.key(), Key::ErrCompanyNameInvalid);
        assert!(CompanyProfile::parse("X", "food", "50-99", "utrecht", "").is_err());
    }
}
