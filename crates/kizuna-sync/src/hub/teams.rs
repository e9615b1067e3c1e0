//! Teams and their members' tokens.

use deadpool_postgres::Pool;
use rand::RngCore;
use sha2::{Digest, Sha256};

use super::HubError;

/// The stored form of a token.
pub fn token_hash(token: &str) -> String {
    Sha256::digest(token.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Creates a team; refuses a name already taken.
pub async fn create_team(pool: &Pool, name: &str) -> Result<i64, HubError> {
    let name = name.trim();
    if name.is_empty() {
        return Err(HubError::BadInput("a team needs a name".to_owned()));
    }
    let client = pool.get().await?;
    let row = client
        .query_opt(
            "INSERT INTO teams (name) VALUES ($1) ON CONFLICT (name) DO NOTHING RETURNING id",
            &[&name],
        )
        .await?;
    row.map(|r| r.get(0))
        .ok_or_else(|| HubError::BadInput(format!("there is already a team called \"{name}\"")))
}

/// Makes a new token for a member of `team`; the token is returned once and only its hash kept.
pub async fn invite(pool: &Pool, team: &str, label: &str) -> Result<String, HubError> {
    let client = pool.get().await?;
    let team_id: i64 = client
        .query_opt("SELECT id FROM teams WHERE name = $1", &[&team.trim()])
        .await?
        .map(|r| r.get(0))
        .ok_or_else(|| {
            HubError::BadInput(format!("there is no team called \"{}\"", team.trim()))
        })?;
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    let token = format!(
        "kzh_{}",
        bytes.iter().map(|b| format!("{b:02x}")).collect::<String>()
    );
    client
        .execute(
            "INSERT INTO tokens (team_id, token_hash, label) VALUES ($1, $2, $3)",
            &[&team_id, &token_hash(&token), &label],
        )
        .await?;
    Ok(token)
}

/// Revokes a token; it can no longer read or write anything.
pub async fn revoke(pool: &Pool, token: &str) -> Result<bool, HubError> {
    let client = pool.get().await?;
    let n = client
        .execute(
            "UPDATE tokens SET revoked_at = now() WHERE token_hash = $1 AND revoked_at IS NULL",
            &[&token_hash(token)],
        )
        .await?;
    Ok(n > 0)
}

/// The team a live token belongs to.
pub async fn team_of(pool: &Pool, token: &str) -> Result<Option<i64>, HubError> {
    let client = pool.get().await?;
    Ok(client
        .query_opt(
            "SELECT team_id FROM tokens WHERE token_hash = $1 AND revoked_at IS NULL",
            &[&token_hash(token)],
        )
        .await?
        .map(|r| r.get(0)))
}
