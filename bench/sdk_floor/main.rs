//! The SDK floor: the bench's call made with aws-sdk-iam alone, no Python, no
//! binding, so the bench can tell the SDK's cost from fastiam's. Built as a cargo
//! example of fastiam's crate (`cargo build --release --example sdk_floor`): the
//! same locked aws-sdk-iam, HTTP stack and tokio as the extension.
//!
//!     sdk_floor URL sequential     [--seconds S] [--warmup W]
//!     sdk_floor URL handoff        [--seconds S] [--warmup W]
//!     sdk_floor URL inflight       --levels 1,16,64,256 [--seconds S] [--warmup W]
//!     sdk_floor URL once
//!     sdk_floor URL/large/OPERATION large [--seconds S] [--warmup W]
//!
//! `--ca FILE` trusts that PEM CA (an HTTPS endpoint with the bench's own CA)
//! instead of the system's roots. `once` is a cold start: the process makes a
//! client and one call, and reports how long each took.
//!
//! `sequential`: one call after another on a current-thread runtime (the SDK
//! at its cheapest). `handoff`: the same, but each call is spawned on a
//! multi-thread runtime (fastiam's worker count) and waited for from the main
//! thread, as a binding's sync call is. `inflight`: K calls always in flight on
//! that runtime, at most `--max-connections` (10, botocore's and fastiam's
//! default `max_pool_connections`) on connections at once. Prints one JSON
//! line in bench/worker.py's shape.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use aws_credential_types::Credentials;
use aws_sdk_iam::config::{BehaviorVersion, Region};
use aws_sdk_iam::Client;
use tokio::sync::Semaphore;

struct Options {
    url: String,
    mode: String,
    seconds: f64,
    warmup: f64,
    levels: Vec<usize>,
    max_connections: usize,
    ca: Option<String>,
}

fn options() -> Result<Options, String> {
    let mut args = std::env::args().skip(1);
    let url = args.next().ok_or("usage: sdk_floor URL MODE [options]")?;
    let mode = args.next().ok_or("usage: sdk_floor URL MODE [options]")?;
    let mut options = Options {
        url,
        mode,
        seconds: 3.0,
        warmup: 0.5,
        levels: vec![1],
        max_connections: 10,
        ca: None,
    };
    while let Some(flag) = args.next() {
        let value = args.next().ok_or(format!("{flag} needs a value"))?;
        let number = || value.parse::<f64>().map_err(|e| format!("{flag}: {e}"));
        match flag.as_str() {
            "--seconds" => options.seconds = number()?,
            "--warmup" => options.warmup = number()?,
            "--max-connections" => options.max_connections = number()? as usize,
            "--ca" => options.ca = Some(value),
            "--levels" => {
                options.levels = value
                    .split(',')
                    .map(|level| level.parse().map_err(|e| format!("--levels: {e}")))
                    .collect::<Result<_, _>>()?
            }
            _ => return Err(format!("unknown option {flag}")),
        }
    }
    Ok(options)
}

/// What every bench client gets: region, dummy keys, the canned endpoint, the
/// SDK's own HTTP client (rustls, as the extension's), trusting `ca` if given.
fn client(options: &Options) -> Client {
    use aws_smithy_http_client::tls::{self, rustls_provider::CryptoMode, TlsContext, TrustStore};
    let mut tls_context = TlsContext::builder();
    if let Some(ca) = &options.ca {
        let pem = std::fs::read(ca).expect("the --ca file");
        tls_context = tls_context.with_trust_store(
            TrustStore::empty()
                .with_native_roots(false)
                .with_pem_certificate(pem),
        );
    }
    let http_client = aws_smithy_http_client::Builder::new()
        .tls_provider(tls::Provider::Rustls(CryptoMode::Ring))
        .tls_context(tls_context.build().expect("a TLS context"))
        .build_https();
    let config = aws_sdk_iam::Config::builder()
        .behavior_version(BehaviorVersion::latest())
        .region(Region::new("us-east-1"))
        .endpoint_url(&options.url)
        .credentials_provider(Credentials::new(
            "AKIDEXAMPLE",
            "example-secret",
            None,
            None,
            "sdk_floor",
        ))
        .http_client(http_client)
        .build();
    Client::from_conf(config)
}

async fn call(client: &Client) {
    client
        .enable_mfa_device()
        .user_name("alice")
        .serial_number("arn:aws:iam::123456789012:mfa/alice")
        .authentication_code1("123456")
        .authentication_code2("654321")
        .send()
        .await
        .expect("the canned endpoint answers every call");
}

/// One call of a large-results operation (bench/large_bodies.py), parsed by the SDK.
async fn call_large(client: &Client, operation: &str) {
    fn answered<T, E: std::fmt::Debug>(result: Result<T, E>) {
        if let Err(error) = result {
            panic!("the canned endpoint answers every call: {error:?}");
        }
    }
    match operation {
        "list-virtual-mfa-devices" => answered(client.list_virtual_mfa_devices().send().await),
        "list-users" => answered(client.list_users().send().await),
        "get-account-authorization-details" => {
            answered(client.get_account_authorization_details().send().await)
        }
        other => panic!("no large-results operation {other}"),
    }
}

/// fastiam's runtime size (src/runtime/mod.rs).
fn worker_threads() -> usize {
    std::thread::available_parallelism()
        .map(|n| n.get().clamp(2, 8))
        .unwrap_or(2)
}

fn current_thread() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime")
}

fn multi_thread() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(worker_threads())
        .enable_all()
        .build()
        .expect("a runtime")
}

/// Calls `one` back to back: warm-up, then timed; calls/s and latencies.
fn sequential(options: &Options, mut one: impl FnMut()) -> String {
    let warm_until = Instant::now() + Duration::from_secs_f64(options.warmup);
    while Instant::now() < warm_until {
        one();
    }
    let mut latencies = Vec::with_capacity(100_000);
    let started = Instant::now();
    let until = started + Duration::from_secs_f64(options.seconds);
    while Instant::now() < until {
        let call_started = Instant::now();
        one();
        latencies.push(call_started.elapsed().as_secs_f64() * 1e6);
    }
    let elapsed = started.elapsed().as_secs_f64();
    latencies.sort_by(f64::total_cmp);
    let at = |pct: f64| latencies[((latencies.len() - 1) as f64 * pct) as usize];
    format!(
        r#"{{"calls_per_s": {:.1}, "p50_us": {:.1}, "p99_us": {:.1}, "calls": {}}}"#,
        latencies.len() as f64 / elapsed,
        at(0.50),
        at(0.99),
        latencies.len()
    )
}

/// K tasks calling back to back for `seconds`, after a warm-up; calls/s.
async fn in_flight(client: Client, level: usize, options: &Options) -> f64 {
    let permits = Arc::new(Semaphore::new(options.max_connections.max(1)));
    let counted = Arc::new(AtomicU64::new(0));
    let counting = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let stop_at = Instant::now() + Duration::from_secs_f64(options.warmup + options.seconds);
    let tasks: Vec<_> = (0..level)
        .map(|_| {
            let (client, permits) = (client.clone(), permits.clone());
            let (counted, counting) = (counted.clone(), counting.clone());
            tokio::spawn(async move {
                while Instant::now() < stop_at {
                    let permit = permits.acquire().await.expect("never closed");
                    call(&client).await;
                    drop(permit);
                    if counting.load(Ordering::Relaxed) {
                        counted.fetch_add(1, Ordering::Relaxed);
                    }
                }
            })
        })
        .collect();
    tokio::time::sleep(Duration::from_secs_f64(options.warmup)).await;
    counting.store(true, Ordering::Relaxed);
    let started = Instant::now();
    for task in tasks {
        task.await.expect("a call task");
    }
    counted.load(Ordering::Relaxed) as f64 / started.elapsed().as_secs_f64()
}

fn main() {
    let options = options().unwrap_or_else(|error| {
        eprintln!("{error}");
        std::process::exit(2)
    });
    let out = match options.mode.as_str() {
        "sequential" => {
            let runtime = current_thread();
            let client = client(&options);
            sequential(&options, || runtime.block_on(call(&client)))
        }
        "handoff" => {
            let runtime = multi_thread();
            let client = runtime.block_on(async { client(&options) });
            sequential(&options, || {
                let client = client.clone();
                let task = runtime.spawn(async move { call(&client).await });
                runtime.block_on(task).expect("a call task");
            })
        }
        "inflight" => {
            let levels: Vec<String> = options
                .levels
                .iter()
                .map(|&level| {
                    let runtime = multi_thread();
                    let client = runtime.block_on(async { client(&options) });
                    let rate = runtime.block_on(in_flight(client, level, &options));
                    format!(r#""{level}": {{"calls_per_s": {rate:.1}}}"#)
                })
                .collect();
            format!(r#"{{"levels": {{{}}}}}"#, levels.join(", "))
        }
        "large" => {
            let runtime = current_thread();
            let client = client(&options);
            let operation = options
                .url
                .rsplit('/')
                .next()
                .unwrap_or_default()
                .to_owned();
            sequential(&options, || {
                runtime.block_on(call_large(&client, &operation))
            })
        }
        "once" => {
            let started = Instant::now();
            let runtime = current_thread();
            let client = client(&options);
            let made = started.elapsed();
            runtime.block_on(call(&client));
            format!(
                r#"{{"client_ms": {:.3}, "first_call_ms": {:.3}}}"#,
                made.as_secs_f64() * 1e3,
                (started.elapsed() - made).as_secs_f64() * 1e3
            )
        }
        other => {
            eprintln!("unknown mode {other}: sequential, handoff, inflight, large or once");
            std::process::exit(2)
        }
    };
    println!("{out}");
}
