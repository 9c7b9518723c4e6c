//! Behind a reverse proxy every request comes from the proxy. For the anonymous forms' flood
//! limits to count visitors, not the proxy, a request from a trusted proxy is taken to come
//! from the address its `X-Forwarded-For` names last: the one the proxy itself saw and
//! appended (anything before it is what the client claimed). The address is used as any peer
//! address is: in memory, for the limits, never logged or stored.
use std::{
    net::{IpAddr, SocketAddr},
    sync::Arc,
};

use axum::{
    extract::{ConnectInfo, Request, State},
    middleware::Next,
    response::Response,
};

pub async fn from_trusted_proxy(
    State(proxies): State<Arc<Vec<IpAddr>>>,
    mut request: Request,
    next: Next,
) -> Response {
    let peer = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0);
    if let Some(peer) = peer
        && proxies.contains(&peer.ip())
        && let Some(client) = last_forwarded(&request)
    {
        request
            .extensions_mut()
            .insert(ConnectInfo(SocketAddr::new(client, peer.port())));
    }
    next.run(request).await
}

/// The last address of the last `X-Forwarded-For` header.
fn last_forwarded(request: &Request) -> Option<IpAddr> {
    let header = request
        .headers()
        .get_all("x-forwarded-for")
        .iter()
        .next_back()?;
    header
        .to_str()
        .ok()?
        .rsplit(',')
        .next()?
        .trim()
        .parse()
        .ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::body::Body;

    #[test]
    fn the_address_the_proxy_appended_is_taken() {
        let request = |values: &[&'static str]| {
            let mut builder = Request::builder();
            for v in values {
                builder = builder.header("x-forwarded-for", *v);
            }
            builder.body(Body::empty()).unwrap_or_default()
        };
        let ip = |s: &str| s.parse::<IpAddr>().ok();
        assert_eq!(
            last_forwarded(&request(&["203.0.113.7"])),
            ip("203.0.113.7")
        );
        assert_eq!(
            last_forwarded(&request(&["1.2.3.4, 203.0.113.7"])),
            ip("203.0.113.7"),
            "what the client claimed comes first"
        );
        assert_eq!(
            last_forwarded(&request(&["1.2.3.4", "2001:db8::1"])),
            ip("2001:db8::1")
        );
        assert_eq!(last_forwarded(&request(&["not an address"])), None);
        assert_eq!(last_forwarded(&request(&[])), None);
    }
}
