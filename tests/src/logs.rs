//! Captures everything the server logs in this test process (not the test client), so
//! tests can read it.
use std::{
    io::Write,
    sync::{Arc, Mutex, OnceLock},
};

use tracing_subscriber::{EnvFilter, fmt::MakeWriter};

#[derive(Clone, Default)]
struct Buffer(Arc<Mutex<Vec<u8>>>);

impl Write for Buffer {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        if let Ok(mut buf) = self.0.lock() {
            buf.extend_from_slice(bytes);
        }
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<'a> MakeWriter<'a> for Buffer {
    type Writer = Buffer;

    fn make_writer(&'a self) -> Self::Writer {
        self.clone()
    }
}

fn buffer() -> &'static Buffer {
    static BUFFER: OnceLock<Buffer> = OnceLock::new();
    BUFFER.get_or_init(Buffer::default)
}

/// Sends all logs, at the level the server uses in production and more, to the buffer.
pub fn install() {
    let _ = tracing_subscriber::fmt()
        .with_env_filter(EnvFilter::new(
            "debug,reqwest=off,hyper_util::client=off,sqlx=info,sea_orm=info,hyper=info,h2=info",
        ))
        .with_ansi(false)
        .with_writer(buffer().clone())
        .try_init();
}

/// Everything logged so far.
pub fn captured() -> String {
    buffer()
        .0
        .lock()
        .map(|b| String::from_utf8_lossy(&b).into_owned())
        .unwrap_or_default()
}
