//! TOTP (RFC 6238: HMAC-SHA1, 30 s step, 6 digits) for the virtual MFA devices that
//! `create_virtual_mfa_device` returns, and the timing of the two consecutive codes
//! that `enable_mfa_device` wants.
//!
//! The seed is a secret, and so is a code while it is valid: no error text here
//! contains either. Plain Rust: `bridge/totp.rs` offers it to Python, and
//! `operations/virtual_codes.rs` uses it for the virtual devices' calls.

use std::fmt;
use std::sync::OnceLock;
use std::time::Duration;

use data_encoding::{Encoding, Specification};
use hmac::{Hmac, KeyInit, Mac};
use sha1::Sha1;

/// Seconds per TOTP window (RFC 6238's default, and what AWS virtual MFA devices use).
pub const STEP: u64 = 30;

/// How much of the later window must still remain for a pair to be sent now.
///
/// A late pair is worse than a slow one: if the later window has ended by the time
/// IAM checks the codes, the device may be associated but out of sync. Five seconds
/// covers a request's latency (retries and a cold TLS handshake included) and a
/// modest skew between our clock and AWS's, and costs at most five seconds of
/// waiting in one call out of six.
pub const MIN_REMAINING: Duration = Duration::from_secs(5);

const DIGITS: u32 = 6;

/// Why a seed could not be decoded. Its text never contains the seed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SeedError {
    Empty,
    NotBase32,
}

impl fmt::Display for SeedError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            SeedError::Empty => "the seed is empty",
            SeedError::NotBase32 => "the seed is not valid base32",
        })
    }
}

impl std::error::Error for SeedError {}

fn base32() -> &'static Encoding {
    static BASE32: OnceLock<Encoding> = OnceLock::new();
    BASE32.get_or_init(|| {
        let mut spec = Specification::new();
        spec.symbols.push_str("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567");
        spec.translate.from.push_str("abcdefghijklmnopqrstuvwxyz");
        spec.translate.to.push_str("ABCDEFGHIJKLMNOPQRSTUVWXYZ");
        // Seeds are copied by hand in groups of four ("ABCD EFGH ..."), and pyotp,
        // Python's base64 and authenticator apps ignore the unused low bits of the
        // last symbol, so a seed one of them accepts must decode to the same key here.
        spec.ignore.push_str(" \t\r\n");
        spec.check_trailing_bits = false;
        spec.encoding().expect("a valid base32 specification")
    })
}

/// Decodes a base32 seed (`Base32StringSeed`): upper or lower case, with or without
/// `=` padding, spaces allowed.
pub fn decode_seed(seed: &[u8]) -> Result<Vec<u8>, SeedError> {
    // Padding only at the end: data-encoding's unpadded decoder rejects it anywhere.
    let mut end = seed.len();
    while end > 0 && (seed[end - 1] == b'=' || seed[end - 1].is_ascii_whitespace()) {
        end -= 1;
    }
    let secret = base32()
        .decode(&seed[..end])
        .map_err(|_| SeedError::NotBase32)?;
    if secret.is_empty() {
        return Err(SeedError::Empty);
    }
    Ok(secret)
}

/// The 6-digit code, zero padded, for the window that contains `unix_seconds`.
pub fn code(secret: &[u8], unix_seconds: u64) -> String {
    let counter = unix_seconds / STEP;
    let mut mac = Hmac::<Sha1>::new_from_slice(secret).expect("HMAC takes a key of any length");
    mac.update(&counter.to_be_bytes());
    let digest = mac.finalize().into_bytes();
    // RFC 4226 section 5.3, dynamic truncation.
    let offset = usize::from(digest[digest.len() - 1] & 0x0f);
    let bytes = [
        digest[offset],
        digest[offset + 1],
        digest[offset + 2],
        digest[offset + 3],
    ];
    let value = u32::from_be_bytes(bytes) & 0x7fff_ffff;
    format!(
        "{:0width$}",
        value % 10u32.pow(DIGITS),
        width = DIGITS as usize
    )
}

/// When to send a pair and which: the codes of windows `window - 1` and `window`,
/// after waiting `wait`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PairPlan {
    pub wait: Duration,
    pub window: u64,
}

/// Plans a pair at `now_unix` (unix seconds, finite and not negative).
///
/// AWS accepts the codes of the previous and the current window, so normally there
/// is nothing to wait for; only when the current window has less than
/// [`MIN_REMAINING`] left is it better to wait for the next one.
pub fn plan_pair(now_unix: f64) -> PairPlan {
    let now = now_unix.max(0.0);
    let window = (now / STEP as f64).floor() as u64;
    let remaining = ((window + 1) * STEP) as f64 - now;
    // Window 0 has no previous window to pair it with.
    if window == 0 || remaining < MIN_REMAINING.as_secs_f64() {
        PairPlan {
            wait: Duration::from_secs_f64(remaining.max(0.0)),
            window: window + 1,
        }
    } else {
        PairPlan {
            wait: Duration::ZERO,
            window,
        }
    }
}

/// The codes of windows `window - 1` and `window` (`window` from [`plan_pair`], so
/// at least 1).
pub fn pair_codes(secret: &[u8], window: u64) -> (String, String) {
    let previous = window.saturating_sub(1);
    (code(secret, previous * STEP), code(secret, window * STEP))
}

#[cfg(test)]
mod tests {
    use super::*;

    const RFC_SECRET: &[u8] = b"12345678901234567890";

    #[test]
    fn rfc6238_sha1_vectors() {
        // RFC 6238 appendix B, SHA-1: the 6-digit code is the 8-digit code's last 6.
        let vectors: [(u64, &str); 6] = [
            (59, "94287082"),
            (1111111109, "07081804"),
            (1111111111, "14050471"),
            (1234567890, "89005924"),
            (2000000000, "69279037"),
            (20000000000, "65353130"),
        ];
        for (time, eight) in vectors {
            assert_eq!(code(RFC_SECRET, time), eight[2..], "at {time}");
        }
    }

    #[test]
    fn seed_forms_decode_to_the_same_secret() {
        let canonical = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
        for form in [
            canonical,
            "gezdgnbvgy3tqojqgezdgnbvgy3tqojq",
            "GEZD GNBV GY3T QOJQ GEZD GNBV GY3T QOJQ",
            " GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ\n",
        ] {
            assert_eq!(
                decode_seed(form.as_bytes()).unwrap(),
                RFC_SECRET,
                "{form:?}"
            );
        }
        // 10 bytes: padded to 16 symbols, or not.
        assert_eq!(decode_seed(b"GEZDGNBVGY3TQOJQ").unwrap(), b"1234567890");
        assert_eq!(decode_seed(b"MFRGG===").unwrap(), b"abc");
        assert_eq!(decode_seed(b"mfrgg").unwrap(), b"abc");
    }

    #[test]
    fn bad_seeds_are_rejected_without_quoting_them() {
        for bad in [
            &b"GEZD1GNB"[..],
            b"GEZ=DGNB",
            b"A",
            b"ABC",
            "ÉCOLE234".as_bytes(),
        ] {
            let error = decode_seed(bad).unwrap_err();
            assert_eq!(error, SeedError::NotBase32, "{bad:?}");
            let text = error.to_string();
            assert!(!text.contains(std::str::from_utf8(bad).unwrap()), "{text}");
        }
        for empty in [&b""[..], b"====", b"   "] {
            assert_eq!(decode_seed(empty).unwrap_err(), SeedError::Empty);
        }
    }

    /// `(seconds to wait, window)`, the wait rounded to the microsecond.
    fn plan(now: f64) -> (f64, u64) {
        let plan = plan_pair(now);
        ((plan.wait.as_secs_f64() * 1e6).round() / 1e6, plan.window)
    }

    #[test]
    fn plan_at_window_boundaries() {
        let window = 56_666_667; // starts at 1_700_000_010
        let start = (window * STEP) as f64;
        // The first instant of a window: 30 s remain.
        assert_eq!(plan(start), (0.0, window));
        assert_eq!(plan(start + 10.0), (0.0, window));
        // Exactly MIN_REMAINING left is still enough.
        assert_eq!(plan(start + 25.0), (0.0, window));
        // Less than that: wait for the next window, and pair it with this one.
        assert_eq!(plan(start + 25.5), (4.5, window + 1));
        assert_eq!(plan(start + 28.0), (2.0, window + 1));
        assert_eq!(plan(start + 29.999), (0.001, window + 1));
        // After waiting, the next window is planned with nothing more to wait for.
        assert_eq!(plan(start + 30.0), (0.0, window + 1));
    }

    #[test]
    fn plan_never_pairs_window_zero() {
        assert_eq!(plan(0.0), (30.0, 1));
        assert_eq!(plan(-5.0), (30.0, 1));
        assert_eq!(plan(12.0), (18.0, 1));
        assert_eq!(plan(30.0), (0.0, 1));
    }

    #[test]
    fn pair_codes_are_consecutive_windows() {
        // 59 s (an RFC vector) is in window 1.
        let (first, second) = pair_codes(RFC_SECRET, 1);
        assert_eq!(first, code(RFC_SECRET, 0));
        assert_eq!(second, "287082");
        assert_ne!(first, second);
        assert_eq!(pair_codes(RFC_SECRET, 2), (second, code(RFC_SECRET, 60)));
    }
}
