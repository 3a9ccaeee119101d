//! Adjustments to the outgoing request so that it is the one botocore sends.

use aws_smithy_runtime_api::box_error::BoxError;
use aws_smithy_runtime_api::client::interceptors::context::BeforeTransmitInterceptorContextMut;
use aws_smithy_runtime_api::client::interceptors::Intercept;
use aws_smithy_runtime_api::client::runtime_components::RuntimeComponents;
use aws_smithy_types::config_bag::ConfigBag;

/// `Config(user_agent_extra=...)`: appended to the User-Agent, as botocore does.
#[derive(Debug)]
pub struct UserAgentExtra(pub String);

impl Intercept for UserAgentExtra {
    fn name(&self) -> &'static str {
        "fastiam::UserAgentExtra"
    }

    fn modify_before_signing(
        &self,
        context: &mut BeforeTransmitInterceptorContextMut<'_>,
        _: &RuntimeComponents,
        _: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        let headers = context.request_mut().headers_mut();
        let agent = match headers.get("user-agent") {
            Some(current) => format!("{current} {}", self.0),
            None => self.0.clone(),
        };
        headers.try_insert("user-agent", agent)?;
        Ok(())
    }
}

/// botocore posts to an `endpoint_url`'s path as given (`http://h/prefix`); the
/// SDK appends the operation's `/` (`http://h/prefix/`). Holds the given path.
#[derive(Debug)]
pub struct EndpointPathVerbatim(pub String);

impl EndpointPathVerbatim {
    /// Needed only for a path that is not empty and has no trailing slash.
    pub fn for_endpoint(endpoint_url: &str) -> Option<Self> {
        let after_scheme = endpoint_url.split_once("://")?.1;
        let path = &after_scheme[after_scheme.find('/')?..];
        (path.len() > 1 && !path.ends_with('/')).then(|| Self(path.to_owned()))
    }
}

impl Intercept for EndpointPathVerbatim {
    fn name(&self) -> &'static str {
        "fastiam::EndpointPathVerbatim"
    }

    fn modify_before_signing(
        &self,
        context: &mut BeforeTransmitInterceptorContextMut<'_>,
        _: &RuntimeComponents,
        _: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        let request = context.request_mut();
        let uri = request.uri();
        if uri.ends_with('/') && uri[..uri.len() - 1].ends_with(&self.0) {
            let trimmed = uri[..uri.len() - 1].to_owned();
            request.set_uri(trimmed)?;
        }
        Ok(())
    }
}
