//! The Python bridge: what `fastiam._native` offers Python. The client class
//! and its one call path (sync and asyncio), result dicts and exceptions, the
//! `fastiam` logger, `client.meta`, the profile reader, TOTP functions and the
//! tables the Python side reads.
//!
//! May import every layer below: `crate::runtime`, `crate::model`,
//! `crate::transport`, `crate::operations`, `crate::exceptions`, `crate::totp`.

pub mod aio;
mod call;
mod call_log;
pub mod client;
mod errors;
mod fast_reader;
mod meta;
mod mock;
pub mod panics;
mod policy;
pub mod profile;
mod results;
mod sys_modules;
pub mod tables;
pub mod totp;
