//! The shared config/credentials files, read with aws-config's own loader so
//! that fastiam sees exactly the profiles the SDK's providers see.

use std::borrow::Cow;
use std::collections::HashMap;

use aws_runtime::env_config::file::EnvConfigFiles;
use aws_types::os_shim_internal::{Env, Fs};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;

/// `(selected profile, whether it exists, {key: value} for the wanted keys)`.
///
/// The selected profile is `profile_name` when given, else `AWS_PROFILE`, else
/// `default`, as aws-config chooses it.
#[pyfunction]
#[pyo3(signature = (profile_name, keys))]
pub fn load_profile(
    py: Python<'_>,
    profile_name: Option<String>,
    keys: Vec<String>,
) -> PyResult<(String, bool, HashMap<String, String>)> {
    super::panics::guarded(py, "load_profile", || {
        let generation = crate::runtime::current()?;
        let profiles = crate::runtime::wait(py, &generation, async move {
            aws_config::profile::load(
                &Fs::real(),
                &Env::real(),
                &EnvConfigFiles::default(),
                profile_name.map(Cow::Owned),
            )
            .await
        })?
        .map_err(|e| PyValueError::new_err(format!("could not read the AWS config files: {e}")))?;
        let selected = profiles.selected_profile().to_owned();
        let Some(profile) = profiles.get_profile(&selected) else {
            return Ok((selected, false, HashMap::new()));
        };
        let values = keys
            .into_iter()
            .filter_map(|key| profile.get(&key).map(|value| (key, value.to_owned())))
            .collect();
        Ok((selected, true, values))
    })
}
