//! [`Settings`] -> the aws-sdk-iam client, and where it will send requests.
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
use aws_types::app_name::AppName;

use crate::config::Settings;
use crate::recorder::CallRecorder;
use crate::request::{EndpointPathVerbatim, UserAgentExtra};
use crate::retry::UnreadableServerError;

/// IAM is global: with no region anywhere it is signed for us-east-1, as botocore does.
const GLOBAL_REGION: &str = "us-east-1";

/// What `client.meta` reports.
#[derive(Clone, Debug)]
pub struct Meta {
    pub region_name: Option<String>,
    pub endpoint_url: String,
}

pub async fn build(
    settings: Settings,
    http_client: SharedHttpClient,
) -> Result<(aws_sdk_iam::Client, Meta), String> {
    let region = Region::new(settings.region.clone().unwrap_or(GLOBAL_REGION.into()));
    let partition = resolve_partition_endpoint(&region, &settings).await?;
    // use_ssl=False without endpoint_url: the partition's endpoint over plain HTTP.
    let endpoint_url = settings
        .endpoint_url
        .clone()
        .or_else(|| (!settings.use_ssl).then(|| partition.url.replacen("https://", "http://", 1)));
    let meta = Meta {
        region_name: match &settings.endpoint_url {
            Some(_) => settings.region.clone(),
            None => Some(partition_global_region(&partition.signing_region)),
        },
        endpoint_url: endpoint_url.clone().unwrap_or(partition.url),
    };

    let mut loader = aws_config::defaults(BehaviorVersion::latest())
        .http_client(http_client.clone())
        .region(region.clone())
        .retry_config(settings.retry_config())
        .timeout_config(settings.timeout_config())
        .use_fips(settings.use_fips)
        .use_dual_stack(settings.use_dualstack);
    if let Some(profile) = &settings.profile_name {
        loader = loader.profile_name(profile);
    }
    if let Some(app_id) = &settings.user_agent_appid {
        loader = loader.app_name(app_name(app_id));
    }
    if let Some(provider) = credentials_provider(&settings, &http_client, &region) {
        loader = loader.credentials_provider(provider);
    }
    let sdk_config = loader.load().await;

    let mut config = aws_sdk_iam::config::Builder::from(&sdk_config)
        // Each client gets its own retry quota, as in botocore; the SDK's default
        // partition shares one quota among every IAM client of the process.
        .retry_partition(RetryPartition::custom("fastiam-client").build())
        .interceptor(CallRecorder)
        .retry_classifier(UnreadableServerError);
    // The endpoint was chosen by botocore's rules (fastiam.session), including
    // "none": override what aws-config found in the environment on its own.
    config.set_endpoint_url(endpoint_url.clone());
    if let Some(extra) = settings.user_agent_extra.clone() {
        config = config.interceptor(UserAgentExtra(extra));
    }
    if let Some(path) = endpoint_url
        .as_deref()
        .and_then(EndpointPathVerbatim::for_endpoint)
    {
        config = config.interceptor(path);
    }
    Ok((aws_sdk_iam::Client::from_conf(config.build()), meta))
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
/// cannot hold become `-`, and it is cut to 50 characters.
fn app_name(app_id: &str) -> AppName {
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
        .take(50)
        .collect();
    AppName::new(sanitized).unwrap_or_else(|_| AppName::new("-").expect("a valid app name"))
}

struct PartitionEndpoint {
    url: String,
    signing_region: String,
}

/// IAM's endpoint for the region, from the SDK's endpoint rules.
async fn resolve_partition_endpoint(
    region: &Region,
    settings: &Settings,
) -> Result<PartitionEndpoint, String> {
    let params = Params::builder()
        .region(region.as_ref())
        .use_fips(settings.use_fips)
        .use_dual_stack(settings.use_dualstack)
        .build()
        .map_err(|e| e.to_string())?;
    let endpoint = DefaultResolver::new()
        .resolve_endpoint(&params)
        .await
        .map_err(|e| e.to_string())?;
    let signing_region = endpoint
        .properties()
        .get("authSchemes")
        .and_then(|schemes| {
            schemes
                .as_array()?
                .first()?
                .as_object()?
                .get("signingRegion")
        })
        .and_then(|name| name.as_string())
        .unwrap_or(region.as_ref())
        .to_owned();
    Ok(PartitionEndpoint {
        url: endpoint.url().trim_end_matches('/').to_owned(),
        signing_region,
    })
}

/// botocore reports a global service's region as its partition's pseudo-region.
fn partition_global_region(signing_region: &str) -> String {
    match signing_region {
        "us-east-1" => "aws-global",
        "cn-north-1" => "aws-cn-global",
        "us-gov-west-1" => "aws-us-gov-global",
        "us-iso-east-1" => "aws-iso-global",
        "us-isob-east-1" => "aws-iso-b-global",
        other => other,
    }
    .to_owned()
}
