//! The diary's full-text index: one document per seat (participant) holding the terms of
//! what its author wrote there — the topic, their reflections and their journal note —
//! cut by `domain::diary::search`. SQLite keeps it in an FTS5 table (rowid = seat),
//! PostgreSQL in a `tsvector` with a GIN index. Rewritten in the same transaction as
//! whatever changed the text, so search never disagrees with what the diary shows.

use crate::domain::diary::search::{self, Term};
use crate::server::db::{Backend, Db, WriteTx};
use crate::server::query::Sql;
use crate::server::sql::{ENDED, HOLDS_SEAT, HUMAN};
use const_format::formatcp;

/// Rewrites seat `participant_id`'s document from what is stored now. Takes the seat's
/// lock first (PostgreSQL; SQLite's write transactions are one at a time), so a
/// reflection and a note saved at once cannot each rebuild it from a stale read.
pub(crate) async fn reindex(
    db: &Db,
    tx: &mut WriteTx,
    participant_id: i64,
) -> Result<(), sqlx::Error> {
    if db.backend() == Backend::Postgres {
        sqlx::query("SELECT id FROM participants WHERE id = $1 FOR UPDATE")
            .bind(participant_id)
            .execute(&mut **tx)
            .await?;
    }
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
            // Even an empty document is kept: it says the seat is indexed.
            sqlx::query("DELETE FROM diary_search WHERE rowid = $1")
                .bind(participant_id)
                .execute(&mut **tx)
                .await?;
            sqlx::query("INSERT INTO diary_search (rowid, terms) VALUES ($1, $2)")
                .bind(participant_id)
                .bind(&terms)
                .execute(&mut **tx)
                .await?;
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

/// Appends the condition "seat `p.id` matches `terms`" to `sql`, binding the query.
pub(crate) fn condition(db: &Db, terms: &[Term], sql: &mut Sql) {
    match db.backend() {
        Backend::Sqlite => sql
            .push("p.id IN (SELECT rowid FROM diary_search WHERE diary_search MATCH ")
            .bind(search::fts5_query(terms))
            .push(")"),
        Backend::Postgres => sql
            .push("p.id IN (SELECT participant_id FROM diary_search WHERE terms @@ CAST(")
            .bind(search::tsquery(terms))
            .push(" AS tsquery))"),
    };
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

/// Indexes the people's seats at table `table_id` as it ends (so a session is found by
/// its topic even when nothing was written there).
pub(crate) async fn index_table(
    db: &Db,
    tx: &mut WriteTx,
    table_id: i64,
) -> Result<(), sqlx::Error> {
    let seats: Vec<(i64,)> = sqlx::query_as(formatcp!(
        "SELECT id FROM participants WHERE session_id = $1 AND kind = {HUMAN} \
         AND status IN {HOLDS_SEAT} ORDER BY id"
    ))
    .bind(table_id)
    .fetch_all(&mut **tx)
    .await?;
    for (seat,) in seats {
        reindex(db, tx, seat).await?;
    }
    Ok(())
}

/// Indexes the diary's seats that have no document yet: those of sessions that ended, and
/// any with reflections, from before the index existed (run at start-up; a no-op once
/// every such seat has its document).
pub async fn backfill(db: &Db) -> Result<u64, sqlx::Error> {
    let key = match db.backend() {
        Backend::Sqlite => "rowid",
        Backend::Postgres => "participant_id",
    };
    let missing: Vec<(i64,)> = sqlx::query_as(&format!(
        "SELECT p.id FROM participants p JOIN study_sessions s ON s.id = p.session_id \
         WHERE p.kind = {HUMAN} AND p.status IN {HOLDS_SEAT} \
         AND (s.state = {ENDED} OR p.id IN (SELECT participant_id FROM reflections)) \
         AND p.id NOT IN (SELECT {key} FROM diary_search)"
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
