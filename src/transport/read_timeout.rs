//! botocore's `read_timeout` bounds every socket read, the body's included.
//! The SDK's bounds only the wait for the response head; a server that stalls
//! in the middle of the body would hang until the SDK's stalled-stream check
//! (seconds later) and then fail as an unreadable response. This body wrapper
//! fails a read that waits longer than `read_timeout` for its next frame.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use aws_smithy_types::body::SdkBody;
use bytes::Bytes;
use http_body::{Body, Frame, SizeHint};

/// The error a stalled body read ends with (see `failure.rs`).
#[derive(Debug)]
pub struct BodyReadTimeout;

impl std::fmt::Display for BodyReadTimeout {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("the response body stopped arriving within the read timeout")
    }
}

impl std::error::Error for BodyReadTimeout {}

pub fn limit(body: SdkBody, timeout: Duration) -> SdkBody {
    SdkBody::from_body_1_x(TimedBody {
        inner: body,
        timeout,
        deadline: None,
    })
}

struct TimedBody {
    inner: SdkBody,
    timeout: Duration,
    /// Armed while waiting for a frame; disarmed when one arrives.
    deadline: Option<Pin<Box<tokio::time::Sleep>>>,
}

impl Body for TimedBody {
    type Data = Bytes;
    type Error = aws_smithy_types::body::Error;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, Self::Error>>> {
        let this = &mut *self;
        if let Poll::Ready(frame) = Pin::new(&mut this.inner).poll_frame(cx) {
            this.deadline = None;
            return Poll::Ready(frame);
        }
        let timeout = this.timeout;
        let deadline = this
            .deadline
            .get_or_insert_with(|| Box::pin(tokio::time::sleep(timeout)));
        match deadline.as_mut().poll(cx) {
            Poll::Ready(()) => {
                this.deadline = None;
                Poll::Ready(Some(Err(BodyReadTimeout.into())))
            }
            Poll::Pending => Poll::Pending,
        }
    }

    fn is_end_stream(&self) -> bool {
        self.inner.is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        self.inner.size_hint()
    }
}
