//! The hub: a stateless HTTP service over PostgreSQL that stores every team's changes and hands
//! them out after a cursor. Any number of hub processes can serve the same database behind a
//! load balancer; per-team ordering comes from a transaction-scoped advisory lock, so a reader
//! never sees a later change before an earlier one is committed.

mod api;
mod limits;
pub mod schema;
pub mod teams;

use std::net::SocketAddr;
use std::str::FromStr;

use deadpool_postgres::{Manager, ManagerConfig, Pool, RecyclingMethod};
use tokio::net::TcpListener;

pub use api::{MAX_BODY_BYTES, MAX_CHANGES_PER_PUSH, MAX_PULL, router};
pub use limits::{DEFAULT_BURST, DEFAULT_PER_MINUTE, RateLimit};

/// What can go wrong on the hub.
#[derive(Debug, thiserror::Error)]
pub enum HubError {
    #[error("the database URL is not valid: {0}")]
    BadUrl(String),
    #[error("{0}")]
    BadInput(String),
    #[error("this database belongs to a newer hub (schema {0}); update Kizuna")]
    NewerSchema(i32),
    #[error("PostgreSQL: {0}")]
    Postgres(#[from] tokio_postgres::Error),
    #[error("PostgreSQL connection pool: {0}")]
    Pool(#[from] deadpool_postgres::PoolError),
    #[error("network: {0}")]
    Io(#[from] std::io::Error),
}

/// A connection pool to the hub's database (`postgres://user@host:port/db`).
pub fn pool(database_url: &str) -> Result<Pool, HubError> {
    let config = tokio_postgres::Config::from_str(database_url)
        .map_err(|e| HubError::BadUrl(e.to_string()))?;
    let manager = Manager::from_config(
        config,
        tokio_postgres::NoTls,
        ManagerConfig {
            recycling_method: RecyclingMethod::Fast,
        },
    );
    Pool::builder(manager)
        .max_size(16)
        .build()
        .map_err(|e| HubError::BadUrl(e.to_string()))
}

/// Migrates the database and serves the API on `listen`, each token (or client address) held
/// to `limit`, until the process is stopped.
pub async fn serve(
    database_url: &str,
    listen: SocketAddr,
    limit: RateLimit,
) -> Result<(), HubError> {
    let pool = pool(database_url)?;
    schema::migrate(&pool).await?;
    let listener = TcpListener::bind(listen).await?;
    tracing::info!(address = %listener.local_addr()?, "hub listening");
    axum::serve(
        listener,
        router(pool, limit).into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(async {
        let _ = tokio::signal::ctrl_c().await;
    })
    .await?;
    Ok(())
}
