//! One file per IAM operation: its input members (with the model's
//! constraints), its SDK call and its result shape. Everything else
//! (validation, the runtime, results, errors, paginators) is shared: adding an
//! operation is one file here and one line in [`for_each_operation`].

use std::future::Future;

use pyo3::prelude::*;
use pyo3::types::{PyDict, PyTuple};

use crate::errors::Failure;
use crate::validate::{Args, Member};

mod shapes;

/// Calls `$callback! { module::Type, ... }` with every operation: the one list
/// that declares the modules here and the client's methods in `client.rs`.
/// The module name is the boto3 method name.
macro_rules! for_each_operation {
    ($callback:ident) => {
        $callback! {
            create_virtual_mfa_device::CreateVirtualMfaDevice,
            deactivate_mfa_device::DeactivateMfaDevice,
            delete_virtual_mfa_device::DeleteVirtualMfaDevice,
            enable_mfa_device::EnableMfaDevice,
            get_mfa_device::GetMfaDevice,
            list_mfa_device_tags::ListMfaDeviceTags,
            list_mfa_devices::ListMfaDevices,
            list_virtual_mfa_devices::ListVirtualMfaDevices,
            resync_mfa_device::ResyncMfaDevice,
            tag_mfa_device::TagMfaDevice,
            untag_mfa_device::UntagMfaDevice,
            enable_virtual_mfa_device::EnableVirtualMfaDevice,
            resync_virtual_mfa_device::ResyncVirtualMfaDevice,
        }
    };
}
pub(crate) use for_each_operation;

macro_rules! declare {
    ($($module:ident :: $operation:ident),* $(,)?) => {
        $(mod $module; pub use $module::$operation;)*

        /// Every operation's description, in the order above.
        pub const ALL: &[&Spec] = &[$(&<$operation as Operation>::SPEC),*];
    };
}
for_each_operation!(declare);

pub struct Spec {
    /// The boto3 method name, e.g. `enable_mfa_device`.
    pub method: &'static str,
    /// The wire name boto3 puts in messages, e.g. `EnableMFADevice`.
    pub wire_name: &'static str,
    /// The input shape's members in model order.
    pub members: &'static [Member],
    /// The members of the result (inside `<{wire_name}Result>`), in model order.
    pub output: &'static [(&'static str, Shape)],
    /// For list operations: the result member a paginator collects.
    pub paginated: Option<&'static str>,
}

impl Spec {
    pub const fn new(
        method: &'static str,
        wire_name: &'static str,
        members: &'static [Member],
    ) -> Self {
        Self {
            method,
            wire_name,
            members,
            output: &[],
            paginated: None,
        }
    }

    pub const fn output(self, output: &'static [(&'static str, Shape)]) -> Self {
        Self { output, ..self }
    }

    pub const fn paginated(self, result_key: &'static str) -> Self {
        Self {
            paginated: Some(result_key),
            ..self
        }
    }
}

/// The type of a result member, as botocore's parser reads it from the XML.
pub enum Shape {
    Text,
    Boolean,
    Timestamp,
    Blob,
    List(&'static Shape),
    Map(&'static Shape, &'static Shape),
    Structure(&'static [(&'static str, Shape)]),
}

pub trait Operation {
    const SPEC: Spec;

    /// Sends the request; `args` are in the order of `SPEC.members`. The
    /// result is read from the raw response (see `output.rs`), so the SDK's
    /// output is not needed.
    fn send(
        client: aws_sdk_iam::Client,
        args: Args,
        secrets: Vec<String>,
    ) -> impl Future<Output = Result<(), Failure>> + Send + 'static;
}

/// Declares operation `$name` from its [`Spec`] and a block that builds the
/// SDK request from `$client` and `$args` (`&mut Args`); the block may
/// `.await` and add to `$secrets` (`&mut Vec<String>`, values kept out of
/// error texts).
macro_rules! operation {
    ($name:ident, $spec:expr, |$client:ident, $args:ident, $secrets:ident| $build:block) => {
        pub struct $name;

        impl $crate::operations::Operation for $name {
            const SPEC: $crate::operations::Spec = $spec;

            async fn send(
                client: aws_sdk_iam::Client,
                mut args: $crate::validate::Args,
                mut secrets: Vec<String>,
            ) -> Result<(), $crate::errors::Failure> {
                #[allow(unused_variables)]
                let ($client, $args, $secrets) = (client, &mut args, &mut secrets);
                let request = $build;
                $crate::operations::sent(request.send().await, &secrets)
            }
        }
    };
}
use operation;

/// Maps an SDK call's result to what [`Operation::send`] returns.
pub fn sent<T, E, R>(
    result: Result<T, aws_smithy_runtime_api::client::result::SdkError<E, R>>,
    secrets: &[String],
) -> Result<(), Failure>
where
    E: std::error::Error + Send + Sync + 'static,
    R: std::fmt::Debug + 'static,
{
    result
        .map(|_| ())
        .map_err(|error| Failure::from_sdk(&error, secrets))
}

/// `_native.OUTPUT_SHAPES`: wire name -> the result structure for
/// `fastiam._wire`, as nested tuples (`("structure", ((name, shape), ...))`,
/// `("list", item)`, `("map", key, value)` or a scalar's name).
pub fn output_shapes(py: Python<'_>) -> PyResult<Bound<'_, PyDict>> {
    let shapes = PyDict::new(py);
    for spec in ALL {
        shapes.set_item(spec.wire_name, structure_to_python(py, spec.output)?)?;
    }
    Ok(shapes)
}

/// `_native.PAGINATORS`: method -> botocore's paginator description.
pub fn paginators(py: Python<'_>) -> PyResult<Bound<'_, PyDict>> {
    let paginators = PyDict::new(py);
    for spec in ALL {
        if let Some(result_key) = spec.paginated {
            // IAM's list operations all page the same way.
            let paging = PyDict::new(py);
            paging.set_item("input_token", "Marker")?;
            paging.set_item("output_token", "Marker")?;
            paging.set_item("limit_key", "MaxItems")?;
            paging.set_item("more_results", "IsTruncated")?;
            paging.set_item("result_key", result_key)?;
            paginators.set_item(spec.method, paging)?;
        }
    }
    Ok(paginators)
}

/// `_native.WIRE_NAMES`: method -> the IAM operation it sends (the extras
/// send the operation they are built on).
pub fn wire_names(py: Python<'_>) -> PyResult<Bound<'_, PyDict>> {
    let names = PyDict::new(py);
    for spec in ALL {
        names.set_item(spec.method, spec.wire_name)?;
    }
    Ok(names)
}

/// `_native.INPUT_MEMBERS`: method -> `(name, required, kind, secret)` per
/// input member in model order; kind is `string`, `integer`, `blob`, `strings`
/// (a list of strings) or `structures` (a list of structures).
pub fn input_members(py: Python<'_>) -> PyResult<Bound<'_, PyDict>> {
    let inputs = PyDict::new(py);
    for spec in ALL {
        let members = spec
            .members
            .iter()
            .map(|member| {
                (
                    member.name,
                    member.required,
                    member.kind.name(),
                    member.secret,
                )
            })
            .collect::<Vec<_>>();
        inputs.set_item(spec.method, PyTuple::new(py, members)?)?;
    }
    Ok(inputs)
}

fn structure_to_python<'py>(
    py: Python<'py>,
    members: &[(&str, Shape)],
) -> PyResult<Bound<'py, PyAny>> {
    let members = members
        .iter()
        .map(|(name, shape)| Ok((*name, shape_to_python(py, shape)?)))
        .collect::<PyResult<Vec<_>>>()?;
    Ok(("structure", PyTuple::new(py, members)?)
        .into_pyobject(py)?
        .into_any())
}

fn shape_to_python<'py>(py: Python<'py>, shape: &Shape) -> PyResult<Bound<'py, PyAny>> {
    let scalar = |name: &str| Ok(name.into_pyobject(py)?.into_any());
    match shape {
        Shape::Text => scalar("string"),
        Shape::Boolean => scalar("boolean"),
        Shape::Timestamp => scalar("timestamp"),
        Shape::Blob => scalar("blob"),
        Shape::List(item) => Ok(("list", shape_to_python(py, item)?)
            .into_pyobject(py)?
            .into_any()),
        Shape::Map(key, value) => Ok((
            "map",
            shape_to_python(py, key)?,
            shape_to_python(py, value)?,
        )
            .into_pyobject(py)?
            .into_any()),
        Shape::Structure(members) => structure_to_python(py, members),
    }
}

/// Two consecutive codes of a virtual device's seed that are safe to send now,
/// waiting (asynchronously) for the next window when the current one is about
/// to end. The codes join `secrets`, to be kept out of error texts.
async fn fresh_pair(
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
