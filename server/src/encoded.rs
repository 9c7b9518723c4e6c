//! Bodies compressed once and sent as kept, the way a browser asks (`Accept-Encoding`).
//! Compressing a page costs far more than sending it, so a page kept for many visitors is
//! compressed when it is kept, not for every response (the compression layer lets a response
//! that already names its encoding through).
use std::io::Write;

use axum::{
    body::Bytes,
    http::{HeaderMap, HeaderValue, header},
};
use flate2::{Compression, write::DeflateEncoder, write::GzEncoder};

/// Brotli quality for kept pages: compressed once, so better than the per-response default (4),
/// but short of 11, which costs tens of milliseconds on a large page for a few bytes.
const BROTLI_QUALITY: u32 = 7;
const BROTLI_WINDOW: u32 = 22;

/// The encodings a response can be sent in, best first.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Coding {
    Brotli,
    Gzip,
    Identity,
}

impl Coding {
    /// The best encoding `headers` accept among those on offer.
    pub fn chosen(headers: &HeaderMap, offered: &[Coding]) -> Coding {
        let accept = headers
            .get_all(header::ACCEPT_ENCODING)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .collect::<Vec<_>>()
            .join(",");
        offered
            .iter()
            .copied()
            .find(|coding| coding.accepted(&accept))
            .unwrap_or(Coding::Identity)
    }

    fn token(self) -> &'static str {
        match self {
            Coding::Brotli => "br",
            Coding::Gzip => "gzip",
            Coding::Identity => "identity",
        }
    }

    /// Whether an `Accept-Encoding` value allows this encoding (RFC 9110 §12.5.3): named with
    /// a weight above zero, or covered by `*`. Identity is always acceptable here.
    fn accepted(self, accept: &str) -> bool {
        if self == Coding::Identity {
            return true;
        }
        let mut star = false;
        for item in accept.split(',') {
            let mut parts = item.split(';');
            let name = parts.next().unwrap_or_default().trim();
            let weight = parts
                .find_map(|p| p.trim().strip_prefix("q="))
                .map_or(1.0, |q| q.trim().parse::<f32>().unwrap_or(0.0));
            if name.eq_ignore_ascii_case(self.token()) {
                return weight > 0.0;
            }
            star |= name == "*" && weight > 0.0;
        }
        star
    }

    /// Marks `headers` as holding a body in this encoding.
    pub fn mark(self, headers: &mut HeaderMap) {
        headers.append(header::VARY, HeaderValue::from_static("accept-encoding"));
        headers.remove(header::CONTENT_LENGTH);
        if self != Coding::Identity {
            headers.insert(
                header::CONTENT_ENCODING,
                HeaderValue::from_static(self.token()),
            );
        }
    }
}

/// One body in every encoding, made once.
pub struct Encoded {
    identity: Bytes,
    brotli: Bytes,
    gzip: Bytes,
}

impl Encoded {
    /// Compresses `body` (CPU work: call it off the async threads for large bodies).
    pub fn new(body: Bytes) -> Self {
        let mut brotli = Vec::with_capacity(body.len() / 4);
        let params = brotli::enc::BrotliEncoderParams {
            quality: BROTLI_QUALITY as i32,
            lgwin: BROTLI_WINDOW as i32,
            ..Default::default()
        };
        // Writing into a Vec cannot fail.
        let _ = brotli::BrotliCompress(&mut body.as_ref(), &mut brotli, &params);
        let mut gzip = GzEncoder::new(Vec::with_capacity(body.len() / 3), Compression::new(6));
        let _ = gzip.write_all(&body);
        let gzip = gzip.finish().unwrap_or_default();
        Self {
            identity: body,
            brotli: brotli.into(),
            gzip: gzip.into(),
        }
    }

    /// The bytes it holds, all encodings together.
    pub fn bytes_held(&self) -> usize {
        self.identity.len() + self.brotli.len() + self.gzip.len()
    }

    /// The body for a request with `headers`, and its encoding.
    pub fn for_request(&self, headers: &HeaderMap) -> (Coding, Bytes) {
        let coding = Coding::chosen(headers, &[Coding::Brotli, Coding::Gzip]);
        let body = match coding {
            Coding::Brotli => &self.brotli,
            Coding::Gzip => &self.gzip,
            Coding::Identity => &self.identity,
        };
        (coding, body.clone())
    }
}

/// A body that is the same for everyone but for a short piece in its middle (a form's one-time
/// token), sent gzip-compressed without compressing anything per response: the two sides are
/// deflated once, and each response joins them around the piece, stored uncompressed in its
/// own deflate block (RFC 1951 §3.2.4). A deflate stream may be cut into blocks anywhere, and a
/// block may refer back only to what came before it, so the joined stream is valid.
pub struct Spliced {
    before: String,
    after: String,
    /// The gzip header and `before`, deflated and flushed to a byte boundary.
    gzip_before: Bytes,
    /// `after`, deflated on its own, ending with the final block.
    deflated_after: Bytes,
    crc_before: crc32fast::Hasher,
    crc_after: crc32fast::Hasher,
}

impl Spliced {
    /// Compresses both sides once.
    pub fn new(before: String, after: String) -> Self {
        // Header: magic, deflate, no flags, no time, no extra flags, unknown system.
        let mut start = vec![0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff];
        let mut head = DeflateEncoder::new(Vec::new(), Compression::new(6));
        let _ = head.write_all(before.as_bytes());
        // A sync flush ends the blocks so far on a byte boundary without ending the stream.
        let _ = head.flush();
        start.append(head.get_mut());
        let mut tail = DeflateEncoder::new(Vec::new(), Compression::new(6));
        let _ = tail.write_all(after.as_bytes());
        let deflated_after = tail.finish().unwrap_or_default();
        let mut crc_before = crc32fast::Hasher::new();
        crc_before.update(before.as_bytes());
        let mut crc_after = crc32fast::Hasher::new();
        crc_after.update(after.as_bytes());
        Self {
            before,
            after,
            gzip_before: start.into(),
            deflated_after: deflated_after.into(),
            crc_before,
            crc_after,
        }
    }

    /// The bytes it holds, both sides plain and compressed.
    pub fn bytes_held(&self) -> usize {
        self.before.len() + self.after.len() + self.gzip_before.len() + self.deflated_after.len()
    }

    /// The whole body with `middle` put in, for a request with `headers`, and its encoding.
    /// Gzip when accepted (even when Brotli is too: joining costs nothing, compressing does).
    pub fn for_request(&self, headers: &HeaderMap, middle: &str) -> (Coding, Bytes) {
        let coding = Coding::chosen(headers, &[Coding::Gzip]);
        if coding == Coding::Identity || middle.len() > usize::from(u16::MAX) {
            let whole = [self.before.as_str(), middle, self.after.as_str()].concat();
            return (Coding::Identity, whole.into());
        }
        let len = middle.len() as u16;
        let mut body = Vec::with_capacity(
            self.gzip_before.len() + middle.len() + 13 + self.deflated_after.len(),
        );
        body.extend_from_slice(&self.gzip_before);
        // A stored block, not the last: header bits 000 padded to the byte, LEN, NLEN, bytes.
        body.push(0);
        body.extend_from_slice(&len.to_le_bytes());
        body.extend_from_slice(&(!len).to_le_bytes());
        body.extend_from_slice(middle.as_bytes());
        body.extend_from_slice(&self.deflated_after);
        let mut crc = self.crc_before.clone();
        crc.update(middle.as_bytes());
        crc.combine(&self.crc_after);
        body.extend_from_slice(&crc.finalize().to_le_bytes());
        let size = self.before.len() + middle.len() + self.after.len();
        // ISIZE is the length modulo 2^32.
        body.extend_from_slice(&(size as u32).to_le_bytes());
        (Coding::Gzip, body.into())
    }
}

#[cfg(test)]
mod tests {
    use std::io::Read;

    use super::*;

    fn accepting(value: &'static str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(header::ACCEPT_ENCODING, HeaderValue::from_static(value));
        headers
    }

    fn gunzip(bytes: &[u8]) -> String {
        let mut text = String::new();
        if let Err(e) = flate2::read::GzDecoder::new(bytes).read_to_string(&mut text) {
            panic!("not gzip: {e}");
        }
        text
    }

    fn unbrotli(bytes: &[u8]) -> String {
        let mut text = String::new();
        let decoder = brotli_decompressor::Decompressor::new(bytes, 4096);
        if let Err(e) = { decoder }.read_to_string(&mut text) {
            panic!("not brotli: {e}");
        }
        text
    }

    #[test]
    fn the_encoding_follows_what_the_browser_accepts() {
        let all = [Coding::Brotli, Coding::Gzip];
        assert_eq!(
            Coding::chosen(&accepting("gzip, deflate, br, zstd"), &all),
            Coding::Brotli
        );
        assert_eq!(Coding::chosen(&accepting("gzip"), &all), Coding::Gzip);
        assert_eq!(
            Coding::chosen(&accepting("br;q=0, gzip;q=0.5"), &all),
            Coding::Gzip
        );
        assert_eq!(Coding::chosen(&accepting("*"), &all), Coding::Brotli);
        assert_eq!(Coding::chosen(&accepting("*, br;q=0"), &all), Coding::Gzip);
        assert_eq!(
            Coding::chosen(&accepting("identity"), &all),
            Coding::Identity
        );
        assert_eq!(Coding::chosen(&HeaderMap::new(), &all), Coding::Identity);
    }

    #[test]
    fn a_kept_body_decodes_to_itself_in_every_encoding() {
        let page = "<p>សួស្តី</p>".repeat(500);
        let encoded = Encoded::new(Bytes::from(page.clone()));
        let (coding, gzip) = encoded.for_request(&accepting("gzip"));
        assert_eq!(coding, Coding::Gzip);
        let text = gunzip(&gzip);
        assert_eq!(text, page);
        let (coding, br) = encoded.for_request(&accepting("br"));
        assert_eq!(coding, Coding::Brotli);
        assert!(br.len() < page.len() / 10);
        let text = unbrotli(&br);
        assert_eq!(text, page);
    }

    #[test]
    fn a_spliced_body_decodes_with_its_middle() {
        let before = "<form><p>ចម្លើយ</p>".repeat(300) + "<input name=once value=\"";
        let after = "\"></form>".to_string() + &"<p>end</p>".repeat(200);
        let spliced = Spliced::new(before.clone(), after.clone());
        for middle in ["0123456789abcdef0123456789abcdef", "another", ""] {
            let (coding, gzip) = spliced.for_request(&accepting("br, gzip"), middle);
            assert_eq!(coding, Coding::Gzip);
            // The decoder checks the CRC and length: a wrong trailer fails here.
            let text = gunzip(&gzip);
            assert_eq!(text, format!("{before}{middle}{after}"));
            assert!(gzip.len() < text.len() / 5);
        }
        let (coding, plain) = spliced.for_request(&accepting("br"), "xyz");
        assert_eq!(coding, Coding::Identity);
        assert_eq!(plain, format!("{before}xyz{after}").into_bytes());
    }
}
