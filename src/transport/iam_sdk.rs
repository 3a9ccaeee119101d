//! [`Settings`] -> the aws-sdk-iam handle (the SDK's `Client`, called "the SDK"
//! here: "client" is fastiam's Python class), and where it will send requests.
//!
//! Runs on the runtime: aws-config reads the shared config files, and the
//! credential chain it builds resolves lazily, on the first request.

use aws_config::ecs::EcsCredentialsProvider;
use aws_config::imds::credentials::ImdsCredentialsProvider;
use aws_config::meta::credentials::CredentialsProviderChain;
use aws_config::profile::ProfileFileCredentialsProvider;
use aws_config::provider_config::ProviderConfig;
use aws_config::web_identity_token::WebIdentityTokenCredentialsProvider;
use aws_config::BehaviorVersion;
use aws_credential_types::provider::SharedCredentialsProvider;
use aws_credential_types::Credentials;
use aws_sdk_iam::config::endpoint::{DefaultResolver, Params, ResolveEndpoint};
use aws_sdk_iam::config::retry::RetryPartition;
use aws_sdk_iam::config::Region;
use aws_smithy_runtime_api::client::http::SharedHttpClient;
use aws_smithy_runtime_api::client::interceptors::{Intercept, SharedInterceptor};
use aws_types::app_name::AppName;
use aws_types::service_config::ServiceConfigKey;
use aws_types::SdkConfig;

use super::recorder::CallRecorder;
use super::request::{EndpointPathVerbatim, UserAgentExtra};
use super::retry::{LegacyRetries, UnreadableServerError};
use super::settings::{RetryMode, Settings};

/// IAM is global: with no region anywhere it is signed for us-east-1, as botocore does.
const GLOBAL_REGION: &str = "us-east-1";

/// Where requests go, as `client.meta` reports it.
#[derive(Clone, Debug)]
pub struct Endpoint {
    pub region_name: Option<String>,
    pub endpoint_url: String,
    /// Not the partition's endpoint: requests need a region to be signed for.
    pub custom_endpoint: bool,
}

pub async fn build(
    settings: Settings,
    http_client: SharedHttpClient,
) -> Result<(aws_sdk_iam::Client, Endpoint), String> {
    let given_region = settings.region.as_deref().unwrap_or(GLOBAL_REGION);
    let mut loader = aws_config::defaults(BehaviorVersion::latest())
        .http_client(http_client.clone())
        .region(Region::new(given_region.to_owned()))
        .retry_config(settings.retry_config())
        .timeout_config(settings.timeout_config());
    if let Some(profile) = &settings.profile_name {
        loader = loader.profile_name(profile);
    }
    if let Some(app) = settings.user_agent_appid.as_deref().and_then(app_name) {
        loader = loader.app_name(app);
    }
    let region = Region::new(given_region.to_owned());
    if let Some(provider) = credentials_provider(&settings, &http_client, &region) {
        loader = loader.credentials_provider(provider);
    }
    let sdk_config = loader.load().await;

    // The endpoint: the client's, else (unless ignored) the one configured in
    // the environment or the profile's services section, found by aws-config.
    let custom_endpoint = settings.endpoint_url.clone().or_else(|| {
        (!settings.ignore_configured_endpoint_urls)
            .then(|| configured_endpoint(&sdk_config))
            .flatten()
    });
    let (global_region, pseudo_region) = partition_of(given_region);
    // A custom endpoint is signed for the given region; the partition's
    // endpoint for its global region, whatever region was given. botocore
    // ignores FIPS and dual-stack for a custom endpoint (the SDK's rules reject the mix).
    let (region, use_fips, use_dualstack) = match &custom_endpoint {
        Some(_) => (given_region, false, false),
        None => (global_region, settings.use_fips, settings.use_dualstack),
    };
    let region = Region::new(region.to_owned());
    let partition_url = resolve_partition_endpoint(&region, use_fips, use_dualstack).await?;
    // use_ssl=False without endpoint_url: the partition's endpoint over plain HTTP.
    let endpoint_url = custom_endpoint
        .clone()
        .or_else(|| (!settings.use_ssl).then(|| partition_url.replacen("https://", "http://", 1)));
    let endpoint = Endpoint {
        region_name: match &custom_endpoint {
            Some(_) => settings.region.clone(),
            None => Some(pseudo_region.to_owned()),
        },
        endpoint_url: endpoint_url.clone().unwrap_or(partition_url),
        custom_endpoint: custom_endpoint.is_some(),
    };

    let mut config = aws_sdk_iam::config::Builder::from(&sdk_config)
        // Each client gets its own retry quota, as in botocore; the SDK's default
        // partition shares one quota among every IAM client of the process.
        .retry_partition(RetryPartition::custom("fastiam-client").build())
        .retry_classifier(UnreadableServerError)
        // The upload check's clock starts before a call gets one of the
        // client's connections (max_pool_connections), so calls queued for over
        // 5 s failed unsent. IAM requests are a few hundred bytes; downloads keep
        // the check, under read_timeout's per-read bound (read_timeout.rs).
        .stalled_stream_protection(
            aws_sdk_iam::config::StalledStreamProtectionConfig::enabled()
                .upload_enabled(false)
                .build(),
        );
    config.push_interceptor(permanent(CallRecorder));
    config.push_interceptor(permanent(super::verbatim::Verbatim));
    if settings.retry_mode == RetryMode::Legacy {
        config = config.retry_classifier(LegacyRetries);
    }
    config.set_region(Some(region));
    config.set_endpoint_url(endpoint_url.clone());
    config.set_use_fips(Some(use_fips));
    config.set_use_dual_stack(Some(use_dualstack));
    if let Some(extra) = settings.user_agent_extra.clone() {
        config.push_interceptor(permanent(UserAgentExtra(extra)));
    }
    if let Some(path) = endpoint_url
        .as_deref()
        .and_then(EndpointPathVerbatim::for_endpoint)
    {
        config.push_interceptor(permanent(path));
    }
    Ok((aws_sdk_iam::Client::from_conf(config.build()), endpoint))
}

/// fastiam's interceptors are never disabled: made permanent, the SDK does not
/// look up a `DisableInterceptor` for each of them in the config bag at every
/// hook of every call (~11k instructions a call, measured with callgrind).
fn permanent(interceptor: impl Intercept + 'static) -> SharedInterceptor {
    SharedInterceptor::permanent(interceptor)
}

/// `AWS_ENDPOINT_URL_IAM`, `AWS_ENDPOINT_URL`, or the profile's `endpoint_url`
/// (its own or its services section's), by aws-config's rules.
fn configured_endpoint(sdk_config: &SdkConfig) -> Option<String> {
    let key = ServiceConfigKey::builder()
        .service_id("IAM")
        .env("AWS_ENDPOINT_URL")
        .profile("endpoint_url")
        .build()
        .ok()?;
    sdk_config
        .service_config()
        .and_then(|config| config.load_config(key))
        .or_else(|| sdk_config.endpoint_url().map(str::to_owned))
}

/// Explicit keys; or, for `Session(profile_name=...)`, aws-config's chain
/// without its environment step (botocore skips environment keys then);
/// `None` leaves aws-config's default chain in place.
fn credentials_provider(
    settings: &Settings,
    http_client: &SharedHttpClient,
    region: &Region,
) -> Option<SharedCredentialsProvider> {
    if let Some(keys) = &settings.credentials {
        return Some(SharedCredentialsProvider::new(Credentials::new(
            &keys.access_key_id,
            &keys.secret_access_key,
            keys.session_token.clone(),
            None,
            "explicit",
        )));
    }
    if !settings.skip_environment_credentials {
        return None;
    }
    let provider_config = ProviderConfig::without_region()
        .with_region(Some(region.clone()))
        .with_http_client(http_client.clone());
    let mut profile = ProfileFileCredentialsProvider::builder().configure(&provider_config);
    if let Some(name) = &settings.profile_name {
        profile = profile.profile_name(name);
    }
    let chain = CredentialsProviderChain::first_try("Profile", profile.build())
        .or_else(
            "WebIdentityToken",
            WebIdentityTokenCredentialsProvider::builder()
                .configure(&provider_config)
                .build(),
        )
        .or_else(
            "EcsContainer",
            EcsCredentialsProvider::builder()
                .configure(&provider_config)
                .build(),
        )
        .or_else(
            "Ec2InstanceMetadata",
            ImdsCredentialsProvider::builder()
                .configure(&provider_config)
                .build(),
        );
    Some(SharedCredentialsProvider::new(chain))
}

/// botocore's sanitizing of `user_agent_appid`: characters a User-Agent token
/// cannot hold become `-`.
fn app_name(app_id: &str) -> Option<AppName> {
    const ALLOWED: &str = "!#$%&'*+-.^_`|~";
    let sanitized: String = app_id
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || ALLOWED.contains(c) {
                c
            } else {
                '-'
            }
        })
        .collect();
    AppName::new(sanitized).ok()
}

/// IAM's endpoint URL for the region, from the SDK's endpoint rules.
async fn resolve_partition_endpoint(
    region: &Region,
    use_fips: bool,
    use_dualstack: bool,
) -> Result<String, String> {
    let params = Params::builder()
        .region(region.as_ref())
        .use_fips(use_fips)
        .use_dual_stack(use_dualstack)
        .build()
        .map_err(|e| e.to_string())?;
    let endpoint = DefaultResolver::new()
        .resolve_endpoint(&params)
        .await
        .map_err(|e| e.to_string())?;
    Ok(endpoint.url().trim_end_matches('/').to_owned())
}

/// IAM is global within each partition: botocore sends every region of a
/// partition to the partition's one endpoint, signed for the partition's
/// global region, and reports that as a pseudo-region. Partitions are told
/// apart by region prefix, as in botocore's endpoints data:
/// (prefix or pseudo-region, global signing region, pseudo-region).
const PARTITIONS: &[(&str, &str, &str)] = &[
    ("cn-", "cn-north-1", "aws-cn-global"),
    ("us-gov-", "us-gov-west-1", "aws-us-gov-global"),
    ("us-isob-", "us-isob-east-1", "aws-iso-b-global"),
    ("us-isof-", "us-isof-south-1", "aws-iso-f-global"),
    ("us-iso-", "us-iso-east-1", "aws-iso-global"),
    ("eu-isoe-", "eu-isoe-west-1", "aws-iso-e-global"),
    ("eusc-", "eusc-de-east-1", "aws-eusc-global"),
];
const AWS_PARTITION: (&str, &str, &str) = ("", GLOBAL_REGION, "aws-global");

/// (global signing region, pseudo-region) of the partition `region` is in.
fn partition_of(region: &str) -> (&'static str, &'static str) {
    let (_, signing_region, pseudo_region) = PARTITIONS
        .iter()
        .copied()
        .find(|(prefix, _, pseudo)| region.starts_with(prefix) || region == *pseudo)
        .unwrap_or(AWS_PARTITION);
    (signing_region, pseudo_region)
}
