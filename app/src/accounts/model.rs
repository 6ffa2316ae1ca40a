//! Account rules shared by browser and server: roles, e-mail addresses, password policy.

use crate::codes::code_enum;
use crate::error::AppError;
use crate::i18n::Key;
use serde::{Deserialize, Serialize};

code_enum! {
    pub enum Role {
        CompanyMember = "company_member" => RoleCompanyMember,
        ProviderMember = "provider_member" => RoleProviderMember,
        Consultant = "consultant" => RoleConsultant,
        Staff = "staff" => RoleStaff,
        Admin = "admin" => RoleAdmin,
    }
}

impl Role {
    /// Where a user of this role starts after logging in (unless the log-in came from a page
    /// they wanted to reach): a company on its own overview (assessments, requests, sign-ups),
    /// a provider or consultant on their profile and requests, staff on the dashboard.
    pub fn landing_path(self) -> &'static str {
        match self {
            Role::CompanyMember => "/account",
            Role::ProviderMember | Role::Consultant => "/profile",
            Role::Staff | Role::Admin => "/staff/dashboard",
        }
    }

    /// Hub staff; admins are staff with the extra right to manage accounts.
    pub fn is_staff(self) -> bool {
        matches!(self, Role::Staff | Role::Admin)
    }

    pub fn is_admin(self) -> bool {
        self == Role::Admin
    }

    /// Roles whose users belong to an organisation and may invite colleagues into it.
    pub fn has_organisation(self) -> bool {
        matches!(self, Role::CompanyMember | Role::ProviderMember)
    }
}

code_enum! {
    /// The kind of account someone registers for themselves. Staff and admin are never self-chosen.
    pub enum AccountKind {
        Company = "company",
        Provider = "provider",
        Consultant = "consultant",
    }
}

impl AccountKind {
    pub fn role(self) -> Role {
        match self {
            AccountKind::Company => Role::CompanyMember,
            AccountKind::Provider => Role::ProviderMember,
            AccountKind::Consultant => Role::Consultant,
        }
    }

    /// The organisation kind stored for this account, if it has one.
    pub fn organisation_kind(self) -> Option<&'static str> {
        match self {
            AccountKind::Company => Some("company"),
            AccountKind::Provider => Some("provider"),
            AccountKind::Consultant => None,
        }
    }
}

/// A syntactically plausible, normalised (trimmed, lower-case) e-mail address.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Email(String);

impl Email {
    pub fn parse(input: &str) -> Result<Email, AppError> {
        let email = input.trim().to_lowercase();
        let bad = || AppError::field("email", Key::ErrEmailInvalid);
        if email.len() > 254 || email.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err(bad());
        }
        let (local, domain) = email.rsplit_once('@').ok_or_else(bad)?;
        let domain_ok = domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !domain.contains("..")
            && domain
                .chars()
                .all(|c| c.is_alphanumeric() || c == '.' || c == '-');
        if local.is_empty() || local.len() > 64 || local.contains('@') || !domain_ok {
            return Err(bad());
        }
        // The mailer takes addresses as `lettre::Address`: what it would refuse at send time
        // is refused here, at sign-up, where the person can still correct it. (The browser's
        // module keeps only the checks above; the server decides.)
        #[cfg(feature = "ssr")]
        if lettre::Address::new(local, domain).is_err() {
            return Err(bad());
        }
        Ok(Email(email))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

pub const PASSWORD_MIN_LEN: usize = 12;
pub const PASSWORD_MAX_LEN: usize = 128;

/// Base words of the passwords that top every breach list (Dutch and English). A password that
/// is one of these, give or take digits and symbols around it, is refused.
const COMMON_PASSWORD_WORDS: &[&str] = &[
    "password",
    "wachtwoord",
    "welkom",
    "welcome",
    "qwerty",
    "azerty",
    "qwertyuiop",
    "letmein",
    "admin",
    "administrator",
    "geheim",
    "secret",
    "iloveyou",
    "monkey",
    "dragon",
    "football",
    "voetbal",
    "baseball",
    "master",
    "sunshine",
    "princess",
    "shadow",
    "superman",
    "trustno",
    "abc",
    "abcdef",
    "abcdefgh",
    "asdf",
    "asdfgh",
    "zxcvbn",
    "passw0rd",
    "p@ssword",
    "p@ssw0rd",
    "changeme",
    "default",
    "login",
    "starwars",
    "whatever",
    "hallo",
    "hello",
    "test",
    "tester",
    "zomer",
    "summer",
    "winter",
    "lente",
    "herfst",
    "ajax",
    "feyenoord",
    "groningen",
    "nederland",
    "holland",
    "amsterdam",
    "friesland",
    "drenthe",
    "company",
    "bedrijf",
    "fabriek",
    "factory",
    "smartindustry",
    "industry",
    "computer",
    "internet",
    "michael",
    "jordan",
    "charlie",
    "liefde",
    "schatje",
    "loveyou",
    "lovely",
    "freedom",
    "ninja",
    "mustang",
    "access",
    "flower",
    "hunter",
    "killer",
    "batman",
    "pokemon",
    "cheese",
    "banana",
    "chocolate",
    "zaq",
    "qazwsx",
    "aaaaaa",
    "111111",
    "123123",
    "654321",
    "666666",
    "121212",
    "000000",
    "987654321",
    "1234567890",
    "0987654321",
    "1q2w3e4r",
    "1qaz2wsx",
];

/// Checks a new password against the policy. Returns the message key for the first problem.
///
/// Length alone does not stop "password123" or "welkom2024!", which are the first guesses of
/// any attacker, so common words padded with digits and symbols are refused as well.
pub fn check_password(password: &str, email: Option<&str>) -> Result<(), AppError> {
    let err = |key| Err(AppError::field("password", key));
    let len = password.chars().count();
    if len < PASSWORD_MIN_LEN {
        return err(Key::ErrPasswordTooShort);
    }
    if len > PASSWORD_MAX_LEN {
        return err(Key::ErrPasswordTooLong);
    }
    let lower = password.to_lowercase();
    let distinct: std::collections::HashSet<char> = lower.chars().collect();
    if distinct.len() < 5 {
        return err(Key::ErrPasswordCommon);
    }
    if is_sequence(&lower) {
        return err(Key::ErrPasswordCommon);
    }
    let core = lower.trim_matches(|c: char| !c.is_alphabetic());
    let core_no_digits: String = core.chars().filter(|c| c.is_alphabetic()).collect();
    if COMMON_PASSWORD_WORDS
        .iter()
        .any(|w| lower == *w || core == *w || core_no_digits == *w)
    {
        return err(Key::ErrPasswordCommon);
    }
    if let Some(email) = email {
        let local = email.split('@').next().unwrap_or_default().to_lowercase();
        if local.len() >= 4 && (core == local || core_no_digits == local) {
            return err(Key::ErrPasswordLikeEmail);
        }
    }
    #[cfg(feature = "ssr")]
    if !is_hard_to_guess(password, email) {
        return err(Key::ErrPasswordWeak);
    }
    Ok(())
}

/// Words an attacker of this platform would try first, on top of zxcvbn's English lists:
/// the Dutch common words above, and the platform's and region's own names.
#[cfg(feature = "ssr")]
const GUESSED_HERE: &[&str] = &[
    "smart",
    "industry",
    "hub",
    "smartindustry",
    "fabriek",
    "slimme",
    "noord",
    "noorden",
    "drenthe",
    "assessment",
    "bedrijf",
    "productie",
    "welkom01",
];

/// zxcvbn's estimate (dictionaries, keyboard walks, dates, repeats, l33t): at least score 3,
/// "safely unguessable" against an offline attack on a slow hash. The user's own address and
/// the words above count as known to the attacker.
#[cfg(feature = "ssr")]
fn is_hard_to_guess(password: &str, email: Option<&str>) -> bool {
    let mut known: Vec<String> = COMMON_PASSWORD_WORDS
        .iter()
        .chain(GUESSED_HERE)
        .map(|w| w.to_string())
        .collect();
    if let Some(email) = email {
        let words: Vec<&str> = email
            .split(['@', '.', '-', '_'])
            .filter(|w| w.len() >= 3)
            .collect();
        // "anna@bedrijf.nl" also as "annabedrijf".
        known.push(words.concat());
        known.extend(words.iter().map(|w| w.to_string()));
    }
    let known: Vec<&str> = known.iter().map(String::as_str).collect();
    zxcvbn::zxcvbn(password, &known).score() >= zxcvbn::Score::Three
}

/// "1234567890", "abcdefghij", "9876543210": each next character one up or one down.
fn is_sequence(s: &str) -> bool {
    let chars: Vec<u32> = s.chars().map(u32::from).collect();
    if chars.len() < 2 {
        return true;
    }
    let steps: Vec<i64> = chars
        .windows(2)
        .map(|w| i64::from(w[1]) - i64::from(w[0]))
        .collect();
    steps.iter().all(|s| *s == 1) || steps.iter().all(|s| *s == -1)
}

/// Display names: trimmed, 1 to 120 characters, no control characters.
pub fn parse_display_name(input: &str) -> Result<String, AppError> {
    crate::text::name(input, 1, 120).ok_or_else(|| AppError::field("name", Key::ErrNameInvalid))
}

/// Organisation names follow the same rule as display names, with their own message.
pub fn parse_organisation_name(input: &str) -> Result<String, AppError> {
    crate::text::name(input, 1, 200)
        .ok_or_else(|| AppError::field("organisation", Key::ErrOrganisationInvalid))
}

/// Only local paths are accepted as a place to go after logging in; anything else would let a
/// link on another site send our users to a look-alike page after they logged in.
pub fn safe_next_path(next: &str) -> String {
    let ok = next.starts_with('/')
        && !next.starts_with("//")
        && !next.starts_with("/\\")
        && next.len() < 512
        && next
            .chars()
            .all(|c| c.is_ascii_graphic() && c != '\\' && c != '"' && c != '<' && c != '>');
    if ok {
        next.to_string()
    } else {
        "/".to_string()
    }
}

/// Who is logged in, as the pages see it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CurrentUser {
    pub id: i64,
    pub email: String,
    pub name: String,
    pub role: Role,
    pub organisation_id: Option<i64>,
    pub organisation_name: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key_of(r: Result<(), AppError>) -> Option<Key> {
        r.err().map(|e| e.key())
    }

    #[test]
    fn breached_looking_passwords_are_refused() {
        for pw in [
            "password12345",
            "Password123!",
            "welkom2024!!",
            "Wachtwoord01",
            "qwertyuiop12",
            "111122223333",
            "abcdefghijkl",
            "aaaaaaaaaaaa",
            "!!Feyenoord1908",
        ] {
            assert_eq!(
                key_of(check_password(pw, None)),
                Some(Key::ErrPasswordCommon),
                "{pw} should be refused"
            );
        }
    }

    #[test]
    fn short_and_long_passwords_are_refused() {
        assert_eq!(
            key_of(check_password("kort1!", None)),
            Some(Key::ErrPasswordTooShort)
        );
        let long = "x1y2z3".repeat(30);
        assert_eq!(
            key_of(check_password(&long, None)),
            Some(Key::ErrPasswordTooLong)
        );
    }

    #[test]
    fn password_equal_to_email_name_is_refused() {
        assert_eq!(
            key_of(check_password(
                "jandevries99",
                Some("jandevries@bedrijf.nl")
            )),
            Some(Key::ErrPasswordLikeEmail)
        );
    }

    #[test]
    fn guessable_passwords_of_full_length_are_refused() {
        for pw in [
            "wachtwoord2026",
            "Welkom123456!",
            "qwertyuiop123",
            "smartindustry1",
            "annabedrijf2026",
            "Groningen2025!",
        ] {
            let refused = key_of(check_password(pw, Some("anna@bedrijf.nl")));
            assert!(
                matches!(refused, Some(Key::ErrPasswordWeak | Key::ErrPasswordCommon)),
                "{pw}: {refused:?}"
            );
        }
    }

    #[test]
    fn reasonable_passwords_pass() {
        for pw in [
            "kaasschaaf-fiets-42",
            "Melkveehouderij!7",
            "correct horse battery",
            "koffie-en-kaas-2026",
            "lange-nieuwe-zin-77",
            "nieuwe-zomer-fiets-9",
            "demo-wachtwoord-2026",
            "e2e-beheer-wachtwoord-2026",
            "tandwiel-koffie-molen-8",
            "nog-een-ander-wachtwoord",
        ] {
            assert!(check_password(pw, Some("anna@bedrijf.nl")).is_ok(), "{pw}");
        }
    }

    #[test]
    fn emails_are_normalised_and_checked() {
        assert_eq!(
            Email::parse("  Anna@Bedrijf.NL ").unwrap().as_str(),
            "anna@bedrijf.nl"
        );
        for bad in [
            "",
            "anna",
            "anna@",
            "@bedrijf.nl",
            "anna@bedrijf",
            "an na@b.nl",
            "a@b..nl",
        ] {
            assert!(Email::parse(bad).is_err(), "{bad}");
        }
    }

    /// What the mailer would refuse is refused at sign-up (the server's check).
    #[cfg(feature = "ssr")]
    #[test]
    fn addresses_the_mailer_cannot_send_to_are_refused() {
        for bad in [
            "an(na)@bedrijf.nl",
            "anna\\x@bedrijf.nl",
            "anna,x@bedrijf.nl",
        ] {
            assert!(Email::parse(bad).is_err(), "{bad}");
            assert!(bad.parse::<lettre::Address>().is_err(), "{bad}");
        }
        for good in ["anna.de-vries+sih@bedrijf.nl", "info@zuivel-fabriek.frl"] {
            let email = Email::parse(good).expect(good);
            assert!(email.as_str().parse::<lettre::Address>().is_ok(), "{good}");
        }
    }

    #[test]
    fn roles_round_trip_and_staff_check() {
        for role in Role::ALL {
            assert_eq!(Role::parse(role.code()), Some(role));
        }
        assert!(Role::Admin.is_staff() && Role::Staff.is_staff());
        assert!(!Role::CompanyMember.is_staff() && !Role::Consultant.is_staff());
        assert!(Role::Admin.is_admin() && !Role::Staff.is_admin());
        assert_eq!(Role::parse("root"), None);
    }

    #[test]
    fn next_path_only_allows_local_paths() {
        assert_eq!(safe_next_path("/account"), "/account");
        assert_eq!(safe_next_path("//evil.example"), "/");
        assert_eq!(safe_next_path("https://evil.example"), "/");
        assert_eq!(safe_next_path("/\\evil.example"), "/");
        assert_eq!(safe_next_path("/a b"), "/");
    }
}
