//! fastiam never reads the SDK's output: a success's result is built from the
//! raw body (`bridge/fast_reader.rs`). So the body of a success is kept for the
//! recorder as it arrives, and the SDK's deserializer is handed the bare
//! `<XResponse><XResult/></XResponse>`, from which it builds its (unused)
//! output at once instead of parsing every member of the result a second time:
//! the SDK's parse of a page of 1,000 users took as long as fastiam's own.
//! Errors keep their body: the SDK reads them (codes, retries).

use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{ready, Context, Poll};

use aws_smithy_runtime_api::client::orchestrator::{HttpResponse, Metadata};
use aws_smithy_types::body::SdkBody;
use aws_smithy_types::config_bag::{ConfigBag, Storable, StoreReplace};
use bytes::{Bytes, BytesMut};
use http_body::{Body, Frame};

/// The body size from which keeping a success's body aside costs less than the
/// SDK's parse of it: the swap takes ~10k instructions, the SDK's parse ~20 to 70
/// per byte of result (callgrind, a page of users). A body of unknown length is
/// kept aside.
const KEEP_ASIDE_FROM: usize = 2048;

/// Where a success's body ends up once read; in the call's config bag.
#[derive(Clone, Debug, Default)]
struct KeptBody(Arc<Mutex<Option<Bytes>>>);

impl Storable for KeptBody {
    type Storer = StoreReplace<Self>;
}

/// Before the SDK reads `response`: a large success's body is swapped for one
/// that reads it through into the call's config bag and gives the SDK the bare
/// result of the operation.
pub fn keep_aside(response: &mut HttpResponse, cfg: &mut ConfigBag) {
    let length = response
        .headers()
        .get("content-length")
        .and_then(|length| length.parse::<usize>().ok());
    if !response.status().is_success() || length.is_some_and(|n| n < KEEP_ASIDE_FROM) {
        return;
    }
    let Some(operation) = cfg.load::<Metadata>() else {
        return;
    };
    let operation = operation.name();
    let bare = format!("<{operation}Response><{operation}Result/></{operation}Response>");
    let kept = KeptBody::default();
    let body = std::mem::replace(response.body_mut(), SdkBody::taken());
    *response.body_mut() = SdkBody::from_body_1_x(KeptAside {
        inner: body,
        read: BytesMut::new(),
        kept: kept.clone(),
        bare: Some(Bytes::from(bare)),
    });
    cfg.interceptor_state().store_put(kept);
}

/// The body this attempt kept aside, once (a retry's attempt keeps its own).
pub fn kept(cfg: &ConfigBag) -> Option<Bytes> {
    let kept = cfg.load::<KeptBody>()?;
    kept.0.lock().unwrap_or_else(|p| p.into_inner()).take()
}

struct KeptAside {
    inner: SdkBody,
    read: BytesMut,
    kept: KeptBody,
    /// Given to the SDK once the real body has been read to its end.
    bare: Option<Bytes>,
}

impl Body for KeptAside {
    type Data = Bytes;
    type Error = aws_smithy_types::body::Error;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, Self::Error>>> {
        loop {
            match ready!(Pin::new(&mut self.inner).poll_frame(cx)) {
                Some(Ok(frame)) => {
                    if let Some(data) = frame.data_ref() {
                        self.read.extend_from_slice(data);
                    }
                }
                Some(Err(error)) => return Poll::Ready(Some(Err(error))),
                None => {
                    let Some(bare) = self.bare.take() else {
                        return Poll::Ready(None);
                    };
                    let read = std::mem::take(&mut self.read).freeze();
                    *self.kept.0.lock().unwrap_or_else(|p| p.into_inner()) = Some(read);
                    return Poll::Ready(Some(Ok(Frame::data(bare))));
                }
            }
        }
    }
}
