//! Notification preferences (delivery itself comes with the notifications feature).

use crate::domain::preferences::{
    notification_default, NOTIFICATION_CHANNELS, NOTIFICATION_EVENTS,
};
use crate::error::AppError;
use sqlx::AnyConnection;

/// Writes the default preference rows for a new account, in the caller's transaction.
pub async fn create_defaults(conn: &mut AnyConnection, user_id: i64) -> Result<(), AppError> {
    for event in NOTIFICATION_EVENTS {
        for channel in NOTIFICATION_CHANNELS {
            sqlx::query(
                "INSERT INTO notification_preferences (user_id, event, channel, enabled) \
                 VALUES ($1, $2, $3, $4)",
            )
            .bind(user_id)
            .bind(event)
            .bind(channel)
            .bind(i64::from(notification_default(event, channel)))
            .execute(&mut *conn)
            .await?;
        }
    }
    Ok(())
}
