//! The transport layer: how a request leaves the process and what comes back.
//! HTTP clients (proxies, CA bundles, `verify=False`, the connection cap, the
//! per-read timeout), the SDK's interceptors that make the request botocore's,
//! the recorder of each call's raw response, retry decisions, failure
//! classification, the aws-sdk-iam handle built from a client's settings, and
//! the in-process responder that answers instead of the network (`mock_aws`).
//!
//! May import: `crate::model`, `crate::runtime` (its per-process slot),
//! `crate::exceptions`. Never operations or the bridge.

pub mod capped;
pub mod failure;
pub mod http_clients;
pub mod iam_sdk;
pub mod in_process;
pub mod insecure;
pub mod read_timeout;
pub mod recorder;
pub mod request;
pub mod retry;
pub mod settings;
pub mod success_body;
pub mod verbatim;
pub mod xml_check;
