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

use aws_smithy_types::body::SdkBody;
use aws_smithy_types::config_bag::{Storable, StoreReplace};
use bytes::{Bytes, BytesMut};
use http_body::{Body, Frame};

/// Where a success's body ends up once read; in the call's config bag.
#[derive(Clone, Debug, Default)]
pub struct KeptBody(Arc<Mutex<Option<Bytes>>>);

impl Storable for KeptBody {
    type Storer = StoreReplace<Self>;
}

impl KeptBody {
    /// The body read in this attempt, once (a retry's attempt keeps its own).
    pub fn take(&self) -> Option<Bytes> {
        self.0.lock().unwrap_or_else(|p| p.into_inner()).take()
    }
}

/// `body`, read through to `kept`, seen by the SDK as `bare` (the empty
/// result of `operation`).
pub fn kept_aside(body: SdkBody, operation: &str, kept: KeptBody) -> SdkBody {
    let bare = format!("<{operation}Response><{operation}Result/></{operation}Response>");
    SdkBody::from_body_1_x(KeptAside {
        inner: body,
        read: BytesMut::new(),
        kept,
        bare: Some(Bytes::from(bare)),
    })
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
