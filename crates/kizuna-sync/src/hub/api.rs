//! The hub's HTTP API (protocol version 1): `GET /health`, `POST /v1/push`, `GET /v1/pull`,
//! `GET /v1/bootstrap`, and the replicas' labels: `POST /v1/site`, `GET /v1/sites`.
//! Every call but health needs `Authorization: Bearer <token>`; a team only ever sees its own
//! changes. Bad requests get a 4xx with a JSON `{"error": "..."}` in words, never a 500.

use axum::extract::{DefaultBodyLimit, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router, middleware};
use deadpool_postgres::Pool;
use serde::Deserialize;
use serde_json::json;

use super::limits::{self, Limiter, RateLimit};
use super::{HubError, teams};
use crate::protocol::{
    BootstrapResponse, CellValue, Change, MAX_LABEL_CHARS, PROTOCOL_VERSION, PullResponse,
    PushRequest, PushResponse, SiteLabel, SitesResponse,
};

/// The largest request body accepted.
pub const MAX_BODY_BYTES: usize = 16 * 1024 * 1024;
/// The most changes one push may carry.
pub const MAX_CHANGES_PER_PUSH: usize = 20_000;
/// The most changes one pull returns.
pub const MAX_PULL: i64 = 20_000;

/// The API over a database pool, each token (or client address) held to `limit`. Serve it with
/// `into_make_service_with_connect_info::<SocketAddr>()` so unauthenticated requests are
/// counted per client address (without it they share one budget).
pub fn router(pool: Pool, limit: RateLimit) -> Router {
    let router = Router::new()
        .route("/health", get(health))
        .route("/v1/push", post(push))
        .route("/v1/pull", get(pull))
        .route("/v1/bootstrap", get(bootstrap))
        .route("/v1/site", post(label_site))
        .route("/v1/sites", get(sites))
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .with_state(pool);
    match Limiter::new(limit) {
        Some(limiter) => router.layer(middleware::from_fn_with_state(limiter, limits::limit)),
        None => router,
    }
}

struct ApiError(StatusCode, String);

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        (self.0, Json(json!({ "error": self.1 }))).into_response()
    }
}

impl From<HubError> for ApiError {
    fn from(e: HubError) -> Self {
        tracing::error!(error = %e, "hub request failed");
        ApiError(
            StatusCode::SERVICE_UNAVAILABLE,
            "the hub cannot reach its database; try again later".to_owned(),
        )
    }
}

impl From<tokio_postgres::Error> for ApiError {
    fn from(e: tokio_postgres::Error) -> Self {
        // SQLSTATE class 22 (data exception): the request carried something PostgreSQL cannot
        // hold, such as a NUL character in a text; that is the request's fault, not the hub's.
        if e.code().is_some_and(|c| c.code().starts_with("22")) {
            tracing::info!(error = %e, "refused data the database cannot store");
            return ApiError(
                StatusCode::BAD_REQUEST,
                "the hub cannot store this data (a NUL character, or a value PostgreSQL refuses); \
                 remove it from the record and sync again"
                    .to_owned(),
            );
        }
        HubError::from(e).into()
    }
}

impl From<deadpool_postgres::PoolError> for ApiError {
    fn from(e: deadpool_postgres::PoolError) -> Self {
        HubError::from(e).into()
    }
}

async fn health(State(pool): State<Pool>) -> Result<&'static str, ApiError> {
    pool.get().await?.query_one("SELECT 1", &[]).await?;
    Ok("ok")
}

/// The team of the bearer token, or 401.
async fn team(pool: &Pool, headers: &HeaderMap) -> Result<i64, ApiError> {
    let token = headers
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .ok_or_else(|| {
            ApiError(
                StatusCode::UNAUTHORIZED,
                "sign in: send the team token as a Bearer token".to_owned(),
            )
        })?;
    teams::team_of(pool, token).await?.ok_or_else(|| {
        ApiError(
            StatusCode::UNAUTHORIZED,
            "this token is not valid (wrong, or revoked)".to_owned(),
        )
    })
}

fn bad(message: String) -> ApiError {
    ApiError(StatusCode::BAD_REQUEST, message)
}

async fn push(
    State(pool): State<Pool>,
    headers: HeaderMap,
    body: Result<Json<PushRequest>, axum::extract::rejection::JsonRejection>,
) -> Result<Json<PushResponse>, ApiError> {
    let team = team(&pool, &headers).await?;
    let Json(request) = body.map_err(|e| ApiError(e.status(), e.body_text()))?;
    if request.version != PROTOCOL_VERSION {
        return Err(bad(format!(
            "this hub speaks sync protocol {PROTOCOL_VERSION}, not {}",
            request.version
        )));
    }
    if request.changes.len() > MAX_CHANGES_PER_PUSH {
        return Err(ApiError(
            StatusCode::PAYLOAD_TOO_LARGE,
            format!("send at most {MAX_CHANGES_PER_PUSH} changes per push"),
        ));
    }
    for (i, c) in request.changes.iter().enumerate() {
        if c.table.is_empty() || c.pk.is_empty() || c.column.is_empty() || c.site.is_empty() {
            return Err(bad(format!(
                "change {i} lacks its table, row, column or replica"
            )));
        }
    }
    let mut client = pool.get().await?;
    let tx = client.transaction().await?;
    // Changes of one team get their order in commit order: one push at a time per team.
    tx.execute("SELECT pg_advisory_xact_lock($1)", &[&team])
        .await?;
    let column = |f: fn(&Change) -> String| request.changes.iter().map(f).collect::<Vec<_>>();
    let values: Vec<serde_json::Value> = request
        .changes
        .iter()
        .map(|c| serde_json::to_value(&c.value).unwrap_or(serde_json::Value::Null))
        .collect();
    let hlcs: Vec<i64> = request.changes.iter().map(|c| c.hlc).collect();
    let stored = tx
        .execute(
            "INSERT INTO changes (team_id, tbl, pk, col, val, hlc, site)
             SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[], $5::jsonb[],
                                      $6::int8[], $7::text[])
             ON CONFLICT DO NOTHING",
            &[
                &team,
                &column(|c| c.table.clone()),
                &column(|c| c.pk.clone()),
                &column(|c| c.column.clone()),
                &values,
                &hlcs,
                &column(|c| c.site.clone()),
            ],
        )
        .await?;
    tx.commit().await?;
    let total = request.changes.len() as u64;
    tracing::info!(team, stored, total, "push");
    Ok(Json(PushResponse {
        stored,
        duplicates: total - stored,
    }))
}

#[derive(Debug, Deserialize)]
struct PullQuery {
    #[serde(default)]
    after: i64,
    limit: Option<i64>,
}

async fn pull(
    State(pool): State<Pool>,
    headers: HeaderMap,
    query: Result<Query<PullQuery>, axum::extract::rejection::QueryRejection>,
) -> Result<Json<PullResponse>, ApiError> {
    let team = team(&pool, &headers).await?;
    let Query(query) = query.map_err(|e| bad(e.body_text()))?;
    let limit = query.limit.unwrap_or(MAX_PULL).clamp(1, MAX_PULL);
    let client = pool.get().await?;
    let rows = client
        .query(
            "SELECT seq, tbl, pk, col, val, hlc, site FROM changes
             WHERE team_id = $1 AND seq > $2 ORDER BY seq LIMIT $3",
            &[&team, &query.after, &(limit + 1)],
        )
        .await?;
    let more = rows.len() as i64 > limit;
    let mut next = query.after;
    let mut changes = Vec::with_capacity(rows.len());
    for row in rows.iter().take(limit as usize) {
        next = row.get(0);
        changes.push(change_of(row, 1));
    }
    Ok(Json(PullResponse {
        version: PROTOCOL_VERSION,
        changes,
        next,
        more,
    }))
}

#[derive(Debug, Deserialize)]
struct BootstrapQuery {
    /// The pull cursor the first page gave (absent on the first page).
    cursor: Option<i64>,
    table: Option<String>,
    pk: Option<String>,
    column: Option<String>,
    limit: Option<i64>,
}

fn change_of(row: &tokio_postgres::Row, at: usize) -> Change {
    let value: serde_json::Value = row.get(at + 3);
    Change {
        table: row.get(at),
        pk: row.get(at + 1),
        column: row.get(at + 2),
        value: serde_json::from_value::<CellValue>(value).unwrap_or(CellValue::Null),
        hlc: row.get(at + 4),
        site: row.get(at + 5),
    }
}

/// The team's current cells in (table, row, column) order, one page at a time.
async fn bootstrap(
    State(pool): State<Pool>,
    headers: HeaderMap,
    query: Result<Query<BootstrapQuery>, axum::extract::rejection::QueryRejection>,
) -> Result<Json<BootstrapResponse>, ApiError> {
    let team = team(&pool, &headers).await?;
    let Query(query) = query.map_err(|e| bad(e.body_text()))?;
    let limit = query.limit.unwrap_or(MAX_PULL).clamp(1, MAX_PULL);
    let client = pool.get().await?;
    let cursor = match query.cursor {
        Some(c) => c,
        None => client
            .query_one(
                "SELECT coalesce(max(seq), 0) FROM changes WHERE team_id = $1",
                &[&team],
            )
            .await?
            .get(0),
    };
    let from = (
        query.table.unwrap_or_default(),
        query.pk.unwrap_or_default(),
        query.column.unwrap_or_default(),
    );
    let rows = client
        .query(
            "SELECT DISTINCT ON (tbl, pk, col) tbl, pk, col, val, hlc, site FROM changes
             WHERE team_id = $1 AND seq <= $2 AND (tbl, pk, col) > ($3, $4, $5)
             ORDER BY tbl, pk, col, hlc DESC, site DESC
             LIMIT $6",
            &[&team, &cursor, &from.0, &from.1, &from.2, &(limit + 1)],
        )
        .await?;
    let more = rows.len() as i64 > limit;
    let changes: Vec<Change> = rows
        .iter()
        .take(limit as usize)
        .map(|r| change_of(r, 0))
        .collect();
    let next = changes
        .last()
        .filter(|_| more)
        .map(|c| (c.table.clone(), c.pk.clone(), c.column.clone()));
    Ok(Json(BootstrapResponse {
        version: PROTOCOL_VERSION,
        changes,
        cursor,
        next,
        more,
    }))
}

/// Keeps the label a replica of the team goes by.
async fn label_site(
    State(pool): State<Pool>,
    headers: HeaderMap,
    body: Result<Json<SiteLabel>, axum::extract::rejection::JsonRejection>,
) -> Result<Json<serde_json::Value>, ApiError> {
    let team = team(&pool, &headers).await?;
    let Json(site) = body.map_err(|e| ApiError(e.status(), e.body_text()))?;
    let label = site.label.trim();
    if site.site.trim().is_empty() || site.site.len() > 64 {
        return Err(bad("a replica label needs the replica's id".to_owned()));
    }
    if label.is_empty() || label.chars().count() > MAX_LABEL_CHARS {
        return Err(bad(format!(
            "a replica label has 1 to {MAX_LABEL_CHARS} characters"
        )));
    }
    pool.get()
        .await?
        .execute(
            "INSERT INTO sites (team_id, site, label) VALUES ($1, $2, $3)
             ON CONFLICT (team_id, site) DO UPDATE SET label = excluded.label, updated_at = now()",
            &[&team, &site.site, &label],
        )
        .await?;
    Ok(Json(json!({ "saved": true })))
}

/// The labels of the team's replicas.
async fn sites(
    State(pool): State<Pool>,
    headers: HeaderMap,
) -> Result<Json<SitesResponse>, ApiError> {
    let team = team(&pool, &headers).await?;
    let rows = pool
        .get()
        .await?
        .query(
            "SELECT site, label FROM sites WHERE team_id = $1 ORDER BY site",
            &[&team],
        )
        .await?;
    Ok(Json(SitesResponse {
        version: PROTOCOL_VERSION,
        sites: rows
            .iter()
            .map(|r| SiteLabel {
                site: r.get(0),
                label: r.get(1),
            })
            .collect(),
    }))
}
