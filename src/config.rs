//! `fastiam.client(...)` arguments -> an `aws-sdk-iam` client.
//!
//! The Python layer has already resolved botocore's precedence rules (Config vs
//! environment, `max_attempts` vs `total_max_attempts`) and validated the values,
//! so what arrives here is plain and final; only the credential chain and the
//! region chain are left to aws-config.

use std::time::Duration;

use aws_config::environment::region::EnvironmentVariableRegionProvider;
use aws_config::meta::region::RegionProviderChain;
use aws_config::profile::ProfileFileRegionProvider;
use aws_config::BehaviorVersion;
use aws_credential_types::Credentials;
use aws_sdk_iam::config::retry::RetryPartition;
use aws_sdk_iam::config::Region;
use aws_smithy_runtime_api::client::http::SharedHttpClient;
use aws_smithy_types::retry::{RetryConfig, RetrySpec};
use aws_smithy_types::timeout::TimeoutConfig;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;

use crate::recorder::CallRecorder;
use crate::request::{EndpointPathVerbatim, UserAgentExtra};
use crate::retry::UnreadableServerError;

/// IAM is a global service: with no region anywhere it is signed for us-east-1,
/// as botocore does.
const GLOBAL_REGION: &str = "us-east-1";

/// Retry backoff as botocore's standard mode: random(0, 1) x base x 2^retry,
/// base 1 s for throttling and 50 ms otherwise (the SDK's v2.1 spec), capped at 20 s.
const RETRY_INITIAL_BACKOFF: Duration = Duration::from_secs(1);
const RETRY_MAX_BACKOFF: Duration = Duration::from_secs(20);

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RetryMode {
    /// botocore's legacy mode: its attempt count, on the SDK's standard strategy.
    Legacy,
    Standard,
    Adaptive,
}

/// When botocore marks a result `MaxAttemptsReached`: standard and adaptive
/// modes once the last allowed attempt ran, whatever its outcome; legacy mode
/// only when that attempt failed in a way it would have retried.
#[derive(Clone, Copy, Debug)]
pub struct RetryBudget {
    pub mode: RetryMode,
    pub max_attempts: u32,
}

impl RetryBudget {
    pub fn exhausted(&self, attempts: u32, last_status: Option<u16>) -> bool {
        let wanted_retry = match self.mode {
            RetryMode::Legacy => last_status.is_none_or(|s| s >= 500 || s == 429),
            RetryMode::Standard | RetryMode::Adaptive => true,
        };
        attempts >= self.max_attempts && wanted_retry
    }
}

#[derive(Clone)]
pub struct StaticCredentials {
    pub access_key_id: String,
    pub secret_access_key: String,
    pub session_token: Option<String>,
}

// Written by hand so that a stray `{:?}` can never print the secret parts.
impl std::fmt::Debug for StaticCredentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StaticCredentials")
            .field("access_key_id", &self.access_key_id)
            .finish_non_exhaustive()
    }
}

/// The settings `fastiam._create` hands to the native client, as a dict.
#[derive(FromPyObject)]
#[pyo3(from_item_all)]
pub struct ClientArgs {
    region_name: Option<String>,
    endpoint_url: Option<String>,
    aws_access_key_id: Option<String>,
    aws_secret_access_key: Option<String>,
    aws_session_token: Option<String>,
    connect_timeout: f64,
    read_timeout: f64,
    retry_mode: String,
    max_attempts: u32,
    parameter_validation: bool,
    user_agent_extra: Option<String>,
}

impl TryFrom<ClientArgs> for Settings {
    type Error = PyErr;

    fn try_from(args: ClientArgs) -> PyResult<Self> {
        let retry_mode = match args.retry_mode.as_str() {
            "legacy" => RetryMode::Legacy,
            "standard" => RetryMode::Standard,
            "adaptive" => RetryMode::Adaptive,
            other => {
                return Err(PyValueError::new_err(format!(
                    "unknown retry mode {other:?}"
                )))
            }
        };
        let credentials = match (args.aws_access_key_id, args.aws_secret_access_key) {
            (Some(access_key_id), Some(secret_access_key)) => Some(StaticCredentials {
                access_key_id,
                secret_access_key,
                session_token: args.aws_session_token,
            }),
            _ => None,
        };
        Ok(Settings {
            region: args.region_name,
            endpoint_url: args.endpoint_url,
            credentials,
            connect_timeout: seconds(args.connect_timeout)?,
            read_timeout: seconds(args.read_timeout)?,
            retry_mode,
            max_attempts: args.max_attempts.max(1),
            parameter_validation: args.parameter_validation,
            user_agent_extra: args.user_agent_extra,
        })
    }
}

fn seconds(value: f64) -> PyResult<Duration> {
    Duration::try_from_secs_f64(value)
        .map_err(|_| PyValueError::new_err(format!("invalid timeout: {value}")))
}

#[derive(Clone, Debug)]
pub struct Settings {
    pub region: Option<String>,
    pub endpoint_url: Option<String>,
    pub credentials: Option<StaticCredentials>,
    pub connect_timeout: Duration,
    pub read_timeout: Duration,
    pub retry_mode: RetryMode,
    pub max_attempts: u32,
    pub parameter_validation: bool,
    pub user_agent_extra: Option<String>,
}

impl Settings {
    pub fn retry_budget(&self) -> RetryBudget {
        RetryBudget {
            mode: self.retry_mode,
            max_attempts: self.max_attempts,
        }
    }

    fn retry_config(&self) -> RetryConfig {
        let base = match self.retry_mode {
            RetryMode::Legacy | RetryMode::Standard => RetryConfig::standard(),
            RetryMode::Adaptive => RetryConfig::adaptive(),
        };
        base.with_max_attempts(self.max_attempts)
            .with_initial_backoff(RETRY_INITIAL_BACKOFF)
            .with_max_backoff(RETRY_MAX_BACKOFF)
            .with_retry_spec(RetrySpec::v2_1())
    }

    fn timeout_config(&self) -> TimeoutConfig {
        TimeoutConfig::builder()
            .connect_timeout(self.connect_timeout)
            .read_timeout(self.read_timeout)
            .build()
    }

    /// Secret values that must never be shown in an error message.
    pub fn secrets(&self) -> Vec<String> {
        self.credentials
            .iter()
            .flat_map(|c| [Some(c.secret_access_key.clone()), c.session_token.clone()])
            .flatten()
            .filter(|s| !s.is_empty())
            .collect()
    }
}

/// Builds the SDK client; runs on the runtime because the region and
/// credential chains may read files.
pub async fn build_client(
    settings: Settings,
    http_client: SharedHttpClient,
) -> aws_sdk_iam::Client {
    // Environment and profile only: botocore never asks instance metadata for a
    // region, and creating a client must not wait on it.
    let region = RegionProviderChain::first_try(settings.region.clone().map(Region::new))
        .or_else(EnvironmentVariableRegionProvider::new())
        .or_else(ProfileFileRegionProvider::new())
        .or_else(Region::from_static(GLOBAL_REGION));
    let mut loader = aws_config::defaults(BehaviorVersion::latest())
        .http_client(http_client)
        .region(region)
        .retry_config(settings.retry_config())
        .timeout_config(settings.timeout_config());
    if let Some(url) = &settings.endpoint_url {
        loader = loader.endpoint_url(url);
    }
    if let Some(c) = &settings.credentials {
        loader = loader.credentials_provider(Credentials::new(
            &c.access_key_id,
            &c.secret_access_key,
            c.session_token.clone(),
            None,
            "explicit",
        ));
    }
    let sdk_config = loader.load().await;
    let mut config = aws_sdk_iam::config::Builder::from(&sdk_config)
        // Each client gets its own retry quota, as in botocore; the SDK's default
        // partition shares one quota among every IAM client of the process.
        .retry_partition(RetryPartition::custom("fastiam-client").build())
        .interceptor(CallRecorder)
        .retry_classifier(UnreadableServerError);
    if let Some(extra) = settings.user_agent_extra.clone() {
        config = config.interceptor(UserAgentExtra(extra));
    }
    if let Some(path) = settings
        .endpoint_url
        .as_deref()
        .and_then(EndpointPathVerbatim::for_endpoint)
    {
        config = config.interceptor(path);
    }
    aws_sdk_iam::Client::from_conf(config.build())
}
