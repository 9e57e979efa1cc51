//! The diary's full-text index: one document per seat (participant) holding the terms of
//! what its author wrote there — the topic, their reflections and their journal note —
//! cut by `domain::diary::search`. SQLite keeps it in an FTS5 table (rowid = seat),
//! PostgreSQL in a `tsvector` with a GIN index. Rewritten in the same transaction as
//! whatever changed the text, so search never disagrees with what the diary shows.

use crate::domain::diary::search::{self, Term};
use crate::server::db::{Backend, Db, WriteTx};

/// Rewrites seat `participant_id`'s document from what is stored now.
pub(crate) async fn reindex(
    db: &Db,
    tx: &mut WriteTx,
    participant_id: i64,
) -> Result<(), sqlx::Error> {
    let topic: Option<(String,)> = sqlx::query_as(
        "SELECT s.topic FROM participants p JOIN study_sessions s ON s.id = p.session_id \
         WHERE p.id = $1",
    )
    .bind(participant_id)
    .fetch_optional(&mut **tx)
    .await?;
    let reflections: Vec<(String,)> =
        sqlx::query_as("SELECT body FROM reflections WHERE participant_id = $1")
            .bind(participant_id)
            .fetch_all(&mut **tx)
            .await?;
    let note: Option<(String,)> =
        sqlx::query_as("SELECT body FROM diary_notes WHERE participant_id = $1")
            .bind(participant_id)
            .fetch_optional(&mut **tx)
            .await?;
    let text = topic
        .into_iter()
        .chain(reflections)
        .chain(note)
        .map(|(t,)| t)
        .collect::<Vec<_>>()
        .join("\n");
    let terms = search::index_terms(&text);
    match db.backend() {
        Backend::Sqlite => {
            sqlx::query("DELETE FROM diary_search WHERE rowid = $1")
                .bind(participant_id)
                .execute(&mut **tx)
                .await?;
            if !terms.is_empty() {
                sqlx::query("INSERT INTO diary_search (rowid, terms) VALUES ($1, $2)")
                    .bind(participant_id)
                    .bind(&terms)
                    .execute(&mut **tx)
                    .await?;
            }
        }
        Backend::Postgres => {
            sqlx::query(
                "INSERT INTO diary_search (participant_id, terms) \
                 VALUES ($1, array_to_tsvector(string_to_array($2, ' '))) \
                 ON CONFLICT (participant_id) DO UPDATE SET terms = excluded.terms",
            )
            .bind(participant_id)
            .bind(&terms)
            .execute(&mut **tx)
            .await?;
        }
    }
    Ok(())
}

/// The condition "seat `p.id` matches the query bound at `$n`", and the query text to
/// bind there.
pub(crate) fn condition(db: &Db, terms: &[Term], n: usize) -> (String, String) {
    match db.backend() {
        Backend::Sqlite => (
            format!("p.id IN (SELECT rowid FROM diary_search WHERE diary_search MATCH ${n})"),
            search::fts5_query(terms),
        ),
        Backend::Postgres => (
            format!(
                "p.id IN (SELECT participant_id FROM diary_search WHERE terms @@ CAST(${n} AS tsquery))"
            ),
            search::tsquery(terms),
        ),
    }
}

/// Removes `user_id`'s documents (their account is being deleted; their seats stay,
/// anonymised, but nothing they wrote may remain searchable).
pub(crate) async fn forget(db: &Db, tx: &mut WriteTx, user_id: i64) -> Result<(), sqlx::Error> {
    let key = match db.backend() {
        Backend::Sqlite => "rowid",
        Backend::Postgres => "participant_id",
    };
    sqlx::query(&format!(
        "DELETE FROM diary_search WHERE {key} IN (SELECT id FROM participants WHERE user_id = $1)"
    ))
    .bind(user_id)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Indexes seats whose reflections were written before the index existed (run at
/// start-up; a no-op once every seat with text has its document).
pub async fn backfill(db: &Db) -> Result<u64, sqlx::Error> {
    let key = match db.backend() {
        Backend::Sqlite => "rowid",
        Backend::Postgres => "participant_id",
    };
    let missing: Vec<(i64,)> = sqlx::query_as(&format!(
        "SELECT DISTINCT participant_id FROM reflections \
         WHERE participant_id NOT IN (SELECT {key} FROM diary_search)"
    ))
    .fetch_all(db.pool())
    .await?;
    for (participant,) in &missing {
        let mut tx = db.begin_write().await?;
        reindex(db, &mut tx, *participant).await?;
        tx.commit().await?;
    }
    Ok(missing.len() as u64)
}
