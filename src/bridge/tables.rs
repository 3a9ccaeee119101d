//! The operation list as the Python side reads it: `_native.OUTPUT_SHAPES`,
//! `WIRE_NAMES` and `INPUT_MEMBERS`, derived from each
//! operation's [`crate::operations::Spec`], the one source of these tables.

use pyo3::prelude::*;
use pyo3::types::{PyDict, PyTuple};

use crate::model::output::Shape;
use crate::operations::ALL;

/// Adds `OPERATIONS` (the boto3 method names) and `WIRE_NAMES` to `_native`;
/// `OUTPUT_SHAPES` and `INPUT_MEMBERS`, which only odd responses, the CLI and
/// tests read, are made on first use (see [`__getattr__`]), not at import.
pub fn add_to(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    let methods: Vec<&str> = ALL.iter().map(|spec| spec.method).collect();
    m.add("OPERATIONS", methods)?;
    m.add("WIRE_NAMES", wire_names(py)?)?;
    m.index()?.append("OUTPUT_SHAPES")?;
    m.index()?.append("INPUT_MEMBERS")?;
    m.add_function(wrap_pyfunction!(__getattr__, m)?)?;
    // `add_function` lists it in `__all__`; it is no public name.
    m.index()?.call_method1("remove", ("__getattr__",))?;
    Ok(())
}

/// The module's `__getattr__` (PEP 562): makes a lazy table the first time it
/// is read and keeps it on the module.
#[pyfunction]
fn __getattr__(py: Python<'_>, name: &str) -> PyResult<Py<PyAny>> {
    let table = match name {
        "OUTPUT_SHAPES" => output_shapes(py)?.into_any(),
        "INPUT_MEMBERS" => input_members(py)?.into_any(),
        _ => {
            return Err(pyo3::exceptions::PyAttributeError::new_err(format!(
                "module 'fastiam._native' has no attribute '{name}'"
            )))
        }
    };
    py.import("fastiam._native")?.setattr(name, &table)?;
    Ok(table.unbind())
}

/// `_native.OUTPUT_SHAPES`: wire name -> the result structure for
/// `fastiam._wire`, as nested tuples (`("structure", ((name, shape), ...))`,
/// `("list", item)`, `("map", key, value)` or a scalar's name).
fn output_shapes(py: Python<'_>) -> PyResult<Bound<'_, PyDict>> {
    let shapes = PyDict::new(py);
    for spec in ALL {
        shapes.set_item(spec.wire_name, structure_to_python(py, spec.output)?)?;
    }
    Ok(shapes)
}

/// `_native.WIRE_NAMES`: method -> the IAM operation it sends (the extras
/// send the operation they are built on).
fn wire_names(py: Python<'_>) -> PyResult<Bound<'_, PyDict>> {
    let names = PyDict::new(py);
    for spec in ALL {
        names.set_item(spec.method, spec.wire_name)?;
    }
    Ok(names)
}

/// `_native.INPUT_MEMBERS`: method -> `(name, required, kind, secret)` per
/// input member in model order; kind is `string`, `integer`, `blob`, `strings`
/// (a list of strings) or `structures` (a list of structures).
fn input_members(py: Python<'_>) -> PyResult<Bound<'_, PyDict>> {
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
        Shape::PolicyDocument => scalar("policy"),
        Shape::Boolean => scalar("boolean"),
        Shape::Integer => scalar("integer"),
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
