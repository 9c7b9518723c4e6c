//! The reference `scripts/bench` measures Samleng's pages against: the smallest axum server,
//! answering "hello" on the same machine, in the same run. `hello [ADDRESS]`.
use axum::{Router, routing::get};

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let address = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "127.0.0.1:3101".to_string());
    let app = Router::new().route("/", get(|| async { "hello" }));
    let listener = tokio::net::TcpListener::bind(&address).await?;
    axum::serve(listener, app).await
}
