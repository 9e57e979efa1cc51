//! The store's portable guarantees, on whichever backend this run uses: unique violations
//! are recognised, and concurrent write transactions all land (SQLite queues them with
//! `BEGIN IMMEDIATE`; PostgreSQL may conflict, which the unique constraint catches).

use crate::harness::spawn_app;
use app::server::db::{is_unique_violation, Db};

async fn insert_secret(db: &Db, name: &str) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT INTO server_secrets (name, value, created_at) VALUES ($1, 'v', 0)")
        .bind(name)
        .execute(db.pool())
        .await
        .map(|_| ())
}

#[tokio::test]
async fn unique_violations_are_recognised() {
    let app = spawn_app().await;
    insert_secret(&app.state.db, "twice").await.unwrap();
    let err = insert_secret(&app.state.db, "twice").await.unwrap_err();
    assert!(is_unique_violation(&err), "{err:?}");
    let other = sqlx::query("INSERT INTO no_such_table VALUES (1)")
        .execute(app.state.db.pool())
        .await
        .unwrap_err();
    assert!(!is_unique_violation(&other));
}

/// Each writer reads how many rows there are and inserts the next number; two writers
/// that read the same count collide on the primary key and retry.
async fn take_next_number(db: Db) -> u32 {
    let mut conflicts = 0;
    loop {
        let mut tx = db.begin_write().await.unwrap();
        let count: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM server_secrets WHERE name LIKE 'n%'")
                .fetch_one(&mut *tx)
                .await
                .unwrap();
        let inserted =
            sqlx::query("INSERT INTO server_secrets (name, value, created_at) VALUES ($1, 'v', 0)")
                .bind(format!("n{}", count + 1))
                .execute(&mut *tx)
                .await;
        match inserted {
            Ok(_) => {
                tx.commit().await.unwrap();
                return conflicts;
            }
            Err(e) if is_unique_violation(&e) => {
                conflicts += 1;
                tx.rollback().await.unwrap();
            }
            Err(e) => panic!("unexpected error: {e}"),
        }
    }
}

#[tokio::test]
async fn concurrent_writers_all_land_exactly_once() {
    let app = spawn_app().await;
    let writers: Vec<_> = (0..40)
        .map(|_| tokio::spawn(take_next_number(app.state.db.clone())))
        .collect();
    for writer in writers {
        writer.await.unwrap();
    }
    let names: Vec<String> =
        sqlx::query_scalar("SELECT name FROM server_secrets WHERE name LIKE 'n%'")
            .fetch_all(app.state.db.pool())
            .await
            .unwrap();
    let mut numbers: Vec<u32> = names.iter().map(|n| n[1..].parse().unwrap()).collect();
    numbers.sort_unstable();
    assert_eq!(numbers, (1..=40).collect::<Vec<_>>());
}
