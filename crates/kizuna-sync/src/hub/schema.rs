//! The hub's own tables in PostgreSQL, created or upgraded when it starts.

use deadpool_postgres::Pool;

use super::HubError;

/// The hub's schema version.
pub const HUB_SCHEMA_VERSION: i32 = 2;

const V1: &str = "
CREATE TABLE IF NOT EXISTS hub_meta (key text PRIMARY KEY, value text NOT NULL);
CREATE TABLE IF NOT EXISTS teams (
    id         bigserial PRIMARY KEY,
    name       text NOT NULL UNIQUE CHECK (length(trim(name)) > 0),
    created_at timestamptz NOT NULL DEFAULT now()
);
-- Tokens are random; only their SHA-256 is kept, so a copy of the database cannot sign in.
CREATE TABLE IF NOT EXISTS tokens (
    id         bigserial PRIMARY KEY,
    team_id    bigint NOT NULL REFERENCES teams(id),
    token_hash text NOT NULL UNIQUE,
    label      text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    revoked_at timestamptz
);
-- Every change any replica of a team pushed, in the order the hub stored them.
CREATE TABLE IF NOT EXISTS changes (
    seq     bigserial PRIMARY KEY,
    team_id bigint NOT NULL REFERENCES teams(id),
    tbl     text NOT NULL,
    pk      text NOT NULL,
    col     text NOT NULL,
    val     jsonb NOT NULL,
    hlc     bigint NOT NULL,
    site    text NOT NULL,
    UNIQUE (team_id, tbl, pk, col, hlc, site)
);
CREATE INDEX IF NOT EXISTS changes_team_seq ON changes (team_id, seq);
";

/// Version 2: each replica's human label, so a conflict can say who made the other side.
const V2: &str = "
CREATE TABLE IF NOT EXISTS sites (
    team_id    bigint NOT NULL REFERENCES teams(id),
    site       text NOT NULL,
    label      text NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (team_id, site)
);
";

/// Creates the hub's tables when they are missing; refuses a database of a newer hub.
pub async fn migrate(pool: &Pool) -> Result<(), HubError> {
    let mut client = pool.get().await?;
    let tx = client.transaction().await?;
    // One starting hub at a time migrates; the others wait here.
    tx.execute("SELECT pg_advisory_xact_lock(4242)", &[])
        .await?;
    tx.batch_execute(V1).await?;
    tx.batch_execute(V2).await?;
    let found: Option<String> = tx
        .query_opt(
            "SELECT value FROM hub_meta WHERE key = 'schema_version'",
            &[],
        )
        .await?
        .map(|row| row.get(0));
    match found.and_then(|v| v.parse::<i32>().ok()) {
        Some(v) if v > HUB_SCHEMA_VERSION => {
            return Err(HubError::NewerSchema(v));
        }
        _ => {
            tx.execute(
                "INSERT INTO hub_meta (key, value) VALUES ('schema_version', $1)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                &[&HUB_SCHEMA_VERSION.to_string()],
            )
            .await?;
        }
    }
    tx.commit().await?;
    Ok(())
}
