//! Signed, expiring tokens for links in e-mails (server only).
//!
//! A token is `base64url(payload) . base64url(hmac) . key-id`, payload
//! `purpose|user|expires|binding`. The binding ties a token to the state it was made for: the
//! e-mail address for verification, a fingerprint of the password hash for a reset, so a used
//! reset link stops working.
//!
//! Key ids make the key replaceable: tokens are signed with the current key and name it; the
//! previous key (`SECRET_KEY_PREVIOUS`) still verifies the tokens it signed until it is
//! retired. A key id is derived from the key (a hash prefix), so there is nothing extra to
//! configure and no id can point at the wrong key.

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
    /// Turns off a plan's follow-up mails without logging in (the id is the plan's).
    PlanRemindersOff,
}

impl Purpose {
    fn tag(self) -> &'static str {
        match self {
            Purpose::VerifyEmail => "verify",
            Purpose::ResetPassword => "reset",
            Purpose::EventConfirm => "event-confirm",
            Purpose::EventCancel => "event-cancel",
            Purpose::PlanRemindersOff => "plan-reminders-off",
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

/// One signing key and its id.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SigningKey {
    pub id: String,
    secret: Vec<u8>,
}

impl SigningKey {
    pub fn new(secret: &[u8]) -> SigningKey {
        let digest = Sha256::digest(secret);
        SigningKey {
            id: URL_SAFE_NO_PAD.encode(&digest[..6]),
            secret: secret.to_vec(),
        }
    }
}

/// The key that signs, and the keys that still verify.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SigningKeys {
    pub current: SigningKey,
    pub previous: Option<SigningKey>,
}

impl SigningKeys {
    pub fn new(current: &[u8], previous: Option<&[u8]>) -> SigningKeys {
        SigningKeys {
            current: SigningKey::new(current),
            previous: previous.map(SigningKey::new),
        }
    }

    /// The key a token names; a token from before key ids (no id) is checked with both.
    fn for_id(&self, id: Option<&str>) -> Vec<&SigningKey> {
        let all = std::iter::once(&self.current).chain(self.previous.as_ref());
        match id {
            Some(id) => all.filter(|k| k.id == id).collect(),
            None => all.collect(),
        }
    }

    /// Signs with the current key; see [`sign_with`].
    pub fn sign(&self, purpose: Purpose, user_id: i64, expires_at: i64, binding: &str) -> String {
        sign_with(&self.current, purpose, user_id, expires_at, binding)
    }

    /// Checks signature (with the key the token names), purpose and expiry. The caller
    /// compares `binding` with [`fingerprint`] of the current state.
    pub fn verify(
        &self,
        purpose: Purpose,
        token: &str,
        now: i64,
    ) -> Result<TokenClaims, TokenError> {
        let mut parts = token.trim().split('.');
        let (Some(payload), Some(sig), id, None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(TokenError::Malformed);
        };
        let keys = self.for_id(id);
        if keys.is_empty() {
            return Err(TokenError::BadSignature);
        }
        let mut last = TokenError::BadSignature;
        for key in keys {
            match verify_parts(&key.secret, purpose, payload, sig, now) {
                Err(TokenError::BadSignature) => last = TokenError::BadSignature,
                other => return other,
            }
        }
        Err(last)
    }
}

/// `base64url(payload).base64url(hmac).key-id`.
pub fn sign_with(
    key: &SigningKey,
    purpose: Purpose,
    user_id: i64,
    expires_at: i64,
    binding: &str,
) -> String {
    format!(
        "{}.{}",
        sign_unnamed(&key.secret, purpose, user_id, expires_at, binding),
        key.id
    )
}

fn sign_unnamed(
    key: &[u8],
    purpose: Purpose,
    user_id: i64,
    expires_at: i64,
    binding: &str,
) -> String {
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

fn verify_parts(
    key: &[u8],
    purpose: Purpose,
    payload_b64: &str,
    sig_b64: &str,
    now: i64,
) -> Result<TokenClaims, TokenError> {
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

    fn keys() -> SigningKeys {
        SigningKeys::new(b"test-key-test-key-test-key-test!", None)
    }

    #[test]
    fn a_signed_token_verifies_and_carries_its_claims() {
        let t = keys().sign(Purpose::VerifyEmail, 42, 1_000, "anna@bedrijf.nl");
        let claims = keys().verify(Purpose::VerifyEmail, &t, 999).unwrap();
        assert_eq!(claims.user_id, 42);
        assert_eq!(claims.binding, fingerprint("anna@bedrijf.nl"));
        assert!(
            t.ends_with(&format!(".{}", keys().current.id)),
            "names its key"
        );
    }

    #[test]
    fn expired_tokens_are_refused() {
        let t = keys().sign(Purpose::ResetPassword, 1, 1_000, "x");
        assert_eq!(
            keys().verify(Purpose::ResetPassword, &t, 1_001),
            Err(TokenError::Expired)
        );
    }

    #[test]
    fn tokens_for_another_purpose_or_key_are_refused() {
        let t = keys().sign(Purpose::VerifyEmail, 1, 1_000, "x");
        assert_eq!(
            keys().verify(Purpose::ResetPassword, &t, 0),
            Err(TokenError::WrongPurpose)
        );
        let other = SigningKeys::new(b"another-key", None);
        assert_eq!(
            other.verify(Purpose::VerifyEmail, &t, 0),
            Err(TokenError::BadSignature)
        );
    }

    #[test]
    fn a_new_key_still_accepts_the_previous_keys_tokens_until_it_is_retired() {
        let old = keys();
        let t = old.sign(Purpose::EventCancel, 7, 1_000, "x");
        let legacy = sign_unnamed(
            b"test-key-test-key-test-key-test!",
            Purpose::EventCancel,
            7,
            1_000,
            "x",
        );
        let rotated = SigningKeys::new(
            b"a-brand-new-key-of-32-characters",
            Some(b"test-key-test-key-test-key-test!"),
        );
        assert_eq!(
            rotated.verify(Purpose::EventCancel, &t, 0).unwrap().user_id,
            7
        );
        assert_eq!(
            rotated
                .verify(Purpose::EventCancel, &legacy, 0)
                .unwrap()
                .user_id,
            7,
            "tokens from before key ids"
        );
        let fresh = rotated.sign(Purpose::EventCancel, 8, 1_000, "x");
        assert_ne!(
            fresh.rsplit('.').next(),
            t.rsplit('.').next(),
            "signed with the new key"
        );
        let retired = SigningKeys::new(b"a-brand-new-key-of-32-characters", None);
        assert_eq!(
            retired.verify(Purpose::EventCancel, &t, 0),
            Err(TokenError::BadSignature)
        );
        assert_eq!(
            retired
                .verify(Purpose::EventCancel, &fresh, 0)
                .unwrap()
                .user_id,
            8
        );
    }

    #[test]
    fn tampered_or_garbage_tokens_are_refused() {
        let t = keys().sign(Purpose::VerifyEmail, 1, 1_000, "x");
        let mut parts = t.split('.');
        let (payload, sig, id) = (
            parts.next().unwrap(),
            parts.next().unwrap(),
            parts.next().unwrap(),
        );
        let forged_payload = URL_SAFE_NO_PAD.encode("verify|2|1000|abc");
        assert_eq!(
            keys().verify(
                Purpose::VerifyEmail,
                &format!("{forged_payload}.{sig}.{id}"),
                0
            ),
            Err(TokenError::BadSignature)
        );
        assert_eq!(
            keys().verify(Purpose::VerifyEmail, &format!("{payload}.{sig}.unknown"), 0),
            Err(TokenError::BadSignature)
        );
        assert!(keys().verify(Purpose::VerifyEmail, payload, 0).is_err());
        assert!(keys().verify(Purpose::VerifyEmail, "", 0).is_err());
        assert!(keys().verify(Purpose::VerifyEmail, "%%%.###", 0).is_err());
        assert!(keys().verify(Purpose::VerifyEmail, "a.b.c.d", 0).is_err());
    }

    #[test]
    fn secrets_are_random_and_hashes_stable() {
        assert_ne!(random_secret(), random_secret());
        assert_eq!(hash_secret("a"), hash_secret("a"));
        assert_eq!(hash_secret("a").len(), 64);
    }
}
