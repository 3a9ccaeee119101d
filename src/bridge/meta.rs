//! `client.meta`, as boto3 users read it: the region and endpoint the client
//! uses, its config and its service.

use pyo3::prelude::*;

use crate::transport::iam_sdk::Endpoint;

#[pyclass(module = "fastiam.client", frozen, get_all)]
pub struct ClientMeta {
    /// The region requests are signed for, or IAM's partition pseudo-region
    /// (`aws-global`, ...) when the partition's endpoint is used, as in botocore.
    region_name: Option<String>,
    endpoint_url: String,
    config: Py<PyAny>,
    service_name: &'static str,
}

impl ClientMeta {
    pub fn new(py: Python<'_>, endpoint: Endpoint, config: Option<Py<PyAny>>) -> Self {
        Self {
            region_name: endpoint.region_name,
            endpoint_url: endpoint.endpoint_url,
            config: config.unwrap_or_else(|| py.None()),
            service_name: "iam",
        }
    }
}

#[pymethods]
impl ClientMeta {
    /// Python's reprs of the values: `'us-east-1'` or `None`, not Rust's `Some(..)`.
    fn __repr__(&self) -> String {
        let region = match &self.region_name {
            // Region names are checked ([A-Za-z0-9-]): nothing to escape.
            Some(name) => format!("'{name}'"),
            None => "None".to_owned(),
        };
        format!(
            "<fastiam ClientMeta region_name={region} endpoint_url='{}'>",
            self.endpoint_url
        )
    }
}
