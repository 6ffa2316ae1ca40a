//! Signed, expiring tokens for links in e-mails (server only).
//!
//! A token is `base64url(payload) . base64url(hmac)`, payload `purpose|user|expires|binding`.
//! The binding ties a token to the state it was made for: the e-mail address for verification,
//! a fingerprint of the password hash for a reset, so a used reset link stops working.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};

type HmacSha256 = Hmac<Sha256>;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Purpose {
    VerifyEmail,
    ResetPassword,
    /// Confirms an event sign-up made without an account (the id is the registration's).
    EventConfirm,
    /// Cancels an event registration without logging in.
    EventCancel,
}

impl Purpose {
    fn tag(self) -> &'static str {
        match self {
            Purpose::VerifyEmail => "verify",
            Purpose::ResetPassword => "reset",
            Purpose::EventConfirm => "event-confirm",
            Purpose::EventCancel => "event-cancel",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TokenError {
    Malformed,
    BadSignature,
    WrongPurpose,
    Expired,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TokenClaims {
    pub user_id: i64,
    pub expires_at: i64,
    pub binding: String,
}

pub fn sign(key: &[u8], purpose: Purpose, user_id: i64, expires_at: i64, binding: &str) -> String {
    let payload = format!(
        "{}|{user_id}|{expires_at}|{}",
        purpose.tag(),
        fingerprint(binding)
    );
    let mut mac = HmacSha256::new_from_slice(key).expect("HMAC accepts keys of any length");
    mac.update(payload.as_bytes());
    let sig = mac.finalize().into_bytes();
    format!(
        "{}.{}",
        URL_SAFE_NO_PAD.encode(payload.as_bytes()),
        URL_SAFE_NO_PAD.encode(sig)
    )
}

/// Checks signature, purpose and expiry. The caller compares `binding` with
/// [`fingerprint`] of the current state.
pub fn verify(
    key: &[u8],
    purpose: Purpose,
    token: &str,
    now: i64,
) -> Result<TokenClaims, TokenError> {
    let (payload_b64, sig_b64) = token.trim().split_once('.').ok_or(TokenError::Malformed)?;
    let payload = URL_SAFE_NO_PAD
        .decode(payload_b64)
        .map_err(|_| TokenError::Malformed)?;
    let sig = URL_SAFE_NO_PAD
        .decode(sig_b64)
        .map_err(|_| TokenError::Malformed)?;
    let mut mac = HmacSha256::new_from_slice(key).expect("HMAC accepts keys of any length");
    mac.update(&payload);
    // verify_slice compares in constant time.
    mac.verify_slice(&sig)
        .map_err(|_| TokenError::BadSignature)?;
    let payload = String::from_utf8(payload).map_err(|_| TokenError::Malformed)?;
    let mut parts = payload.split('|');
    let (Some(tag), Some(user), Some(expires), Some(binding), None) = (
        parts.next(),
        parts.next(),
        parts.next(),
        parts.next(),
        parts.next(),
    ) else {
        return Err(TokenError::Malformed);
    };
    if tag != purpose.tag() {
        return Err(TokenError::WrongPurpose);
    }
    let user_id = user.parse().map_err(|_| TokenError::Malformed)?;
    let expires_at: i64 = expires.parse().map_err(|_| TokenError::Malformed)?;
    if expires_at < now {
        return Err(TokenError::Expired);
    }
    Ok(TokenClaims {
        user_id,
        expires_at,
        binding: binding.to_string(),
    })
}

/// A short, one-way summary of a value a token is bound to.
pub fn fingerprint(value: &str) -> String {
    let digest = Sha256::digest(value.as_bytes());
    URL_SAFE_NO_PAD.encode(&digest[..12])
}

/// Hex SHA-256, used to store session ids and invitation tokens without storing the secret.
pub fn hash_secret(secret: &str) -> String {
    let digest = Sha256::digest(secret.as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// A random, unguessable secret (256 bits) for cookies and invitation links.
pub fn random_secret() -> String {
    use rand::RngCore;
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    URL_SAFE_NO_PAD.encode(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEY: &[u8] = b"test-key-test-key-test-key-test!";

    #[test]
    fn a_signed_token_verifies_and_carries_its_claims() {
        let t = sign(KEY, Purpose::VerifyEmail, 42, 1_000, "anna@bedrijf.nl");
        let claims = verify(KEY, Purpose::VerifyEmail, &t, 999).unwrap();
        assert_eq!(claims.user_id, 42);
        assert_eq!(claims.binding, fingerprint("anna@bedrijf.nl"));
    }

    #[test]
    fn expired_tokens_are_refused() {
        let t = sign(KEY, Purpose::ResetPassword, 1, 1_000, "x");
        assert_eq!(
            verify(KEY, Purpose::ResetPassword, &t, 1_001),
            Err(TokenError::Expired)
        );
    }

    #[test]
    fn tokens_for_another_purpose_or_key_are_refused() {
        let t = sign(KEY, Purpose::VerifyEmail, 1, 1_000, "x");
        assert_eq!(
            verify(KEY, Purpose::ResetPassword, &t, 0),
            Err(TokenError::WrongPurpose)
        );
        assert_eq!(
            verify(b"another-key", Purpose::VerifyEmail, &t, 0),
            Err(TokenError::BadSignature)
        );
    }

    #[test]
    fn tampered_or_garbage_tokens_are_refused() {
        let t = sign(KEY, Purpose::VerifyEmail, 1, 1_000, "x");
        let (payload, sig) = t.split_once('.').unwrap();
        let forged_payload = URL_SAFE_NO_PAD.encode("verify|2|1000|abc");
        assert_eq!(
            verify(
                KEY,
                Purpose::VerifyEmail,
                &format!("{forged_payload}.{sig}"),
                0
            ),
            Err(TokenError::BadSignature)
        );
        assert!(verify(KEY, Purpose::VerifyEmail, payload, 0).is_err());
        assert!(verify(KEY, Purpose::VerifyEmail, "", 0).is_err());
        assert!(verify(KEY, Purpose::VerifyEmail, "%%%.###", 0).is_err());
    }

    #[test]
    fn secrets_are_random_and_hashes_stable() {
        assert_ne!(random_secret(), random_secret());
        assert_eq!(hash_secret("a"), hash_secret("a"));
        assert_eq!(hash_secret("a").len(), 64);
    }
}
