//! A value that belongs to the process that made it, made anew after `fork()`.

use std::sync::Mutex;

/// One slot per process. After `fork()` the child finds the parent's value and
/// leaks it: dropping it could join worker threads or close connections that
/// exist only in the parent, and hang. The child then makes its own.
pub struct PerProcess<T>(Mutex<Option<(u32, T)>>);

impl<T> PerProcess<T> {
    pub const fn new() -> Self {
        Self(Mutex::new(None))
    }

    /// Runs `use_value` on this process's value, made by `make` when there is none.
    pub fn with<R, E>(
        &self,
        make: impl FnOnce() -> Result<T, E>,
        use_value: impl FnOnce(&mut T) -> Result<R, E>,
    ) -> Result<R, E> {
        let mut slot = self
            .0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        use_value(of_this_process(&mut slot, make)?)
    }
}

/// The value in `slot` if this process made it, else one made by `make` and
/// stamped with this process. A value a forked child finds is its parent's and
/// is leaked (see [`PerProcess`]); thread-local slots use this too.
pub fn of_this_process<T, E>(
    slot: &mut Option<(u32, T)>,
    make: impl FnOnce() -> Result<T, E>,
) -> Result<&mut T, E> {
    let pid = std::process::id();
    if slot.as_ref().is_some_and(|(made_by, _)| *made_by != pid) {
        std::mem::forget(slot.take());
    }
    let (_, value) = match slot.take() {
        Some(kept) => slot.insert(kept),
        None => slot.insert((pid, make()?)),
    };
    Ok(value)
}
