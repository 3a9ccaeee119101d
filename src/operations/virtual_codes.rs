//! The two consecutive TOTP codes a virtual device's call sends, computed from
//! its seed at the moment of sending.

use crate::transport::failure::Failure;

/// Two consecutive codes of a virtual device's seed that are safe to send now,
/// waiting (asynchronously) for the next window when the current one is about
/// to end. The codes join `secrets`, to be kept out of error texts.
pub async fn fresh_pair(
    seed: Option<Vec<u8>>,
    secrets: &mut Vec<String>,
) -> Result<(String, String), Failure> {
    let secret = crate::totp::decode_seed(&seed.unwrap_or_default()).map_err(|error| {
        Failure::Parameter(format!(
            "Invalid value for parameter Base32StringSeed: {error}"
        ))
    })?;
    // Planned again after each sleep: the wall clock decides the window, and it
    // can drift from tokio's monotonic sleep (or jump, after a suspend).
    let plan = loop {
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap_or_default()
            .as_secs_f64();
        let plan = crate::totp::plan_pair(now);
        if plan.wait.is_zero() {
            break plan;
        }
        tokio::time::sleep(plan.wait).await;
    };
    let (first, second) = crate::totp::pair_codes(&secret, plan.window);
    secrets.extend([first.clone(), second.clone()]);
    Ok((first, second))
}
