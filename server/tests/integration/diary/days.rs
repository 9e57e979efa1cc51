//! Days in the student's time zone: date ranges, the calendar, streaks across a clock
//! change and the weekly chart.

use super::*;

#[tokio::test]
async fn date_ranges_and_the_calendar_follow_the_students_time_zone() {
    let app = test_app().await;
    let mei = student(&app, "mei", "Asia/Taipei").await;
    // 23:30 on 3 December in Taipei, then 00:00 on the 4th: half an hour apart.
    let late = session(&app, &[&mei], at("2026-12-03T15:30:00Z"), "late", &[]).await;
    let midnight = session(&app, &[&mei], at("2026-12-03T16:00:00Z"), "midnight", &[]).await;
    let range = |from: &str, to: &str| {
        let (from, to) = (day(from), day(to));
        found(&app, &mei, json!({ "from": from, "to": to }))
    };
    assert_eq!(range("2026-12-03", "2026-12-03").await, vec![late]);
    assert_eq!(range("2026-12-04", "2026-12-04").await, vec![midnight]);
    assert_eq!(
        range("2026-12-01", "2026-12-31").await,
        vec![midnight, late]
    );
    assert_eq!(
        found(&app, &mei, json!({ "from": day("2026-12-04") })).await,
        vec![midnight]
    );
    assert_eq!(
        found(&app, &mei, json!({ "to": day("2026-12-03") })).await,
        vec![late]
    );
    let (status, _) = diary(
        &app,
        &mei,
        json!({ "from": day("2026-12-04"), "to": day("2026-12-03") }),
        Value::Null,
    )
    .await;
    assert_eq!(status, 422);
    // Local start times.
    let (_, page) = diary(&app, &mei, json!({}), Value::Null).await;
    assert_eq!(page["entries"][0]["minute"], 0);
    assert_eq!(page["entries"][1]["minute"], 23 * 60 + 30);
    assert_eq!(page["entries"][1]["day"], day("2026-12-03"));
    // The calendar: two days, one session each (UTC would put both on the 3rd).
    let (status, month) = post(
        &app,
        "diary_month",
        &mei,
        json!({ "month": { "year": 2026, "month": 12 } }),
    )
    .await;
    assert_eq!(status, 200, "{month}");
    let days: Vec<(Value, Value)> = month["days"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["day"].clone(), d["sessions"].clone()))
        .collect();
    assert_eq!(
        days,
        vec![(day("2026-12-03"), json!(1)), (day("2026-12-04"), json!(1))]
    );
    // This month by default; November is empty; nonsense months are refused.
    let (_, this_month) = post(&app, "diary_month", &mei, json!({ "month": null })).await;
    assert_eq!(this_month["month"], json!({ "year": 2026, "month": 12 }));
    let (_, november) = post(
        &app,
        "diary_month",
        &mei,
        json!({ "month": { "year": 2026, "month": 11 } }),
    )
    .await;
    assert_eq!(november["days"], json!([]));
    let (status, _) = post(
        &app,
        "diary_month",
        &mei,
        json!({ "month": { "year": 2026, "month": 13 } }),
    )
    .await;
    assert_eq!(status, 422);
}

#[tokio::test]
async fn streaks_count_local_days_across_a_clock_change() {
    let app = test_app().await;
    let sam = student(&app, "sam", "America/New_York").await;
    // New York left summer time at 02:00 on 1 November 2026. Sessions at 00:30 on
    // 31 October (summer time), midday on 1 November and 21:00 on 2 November: three local
    // days in a row. In UTC they fall on the 31st, the 1st and the 3rd; with today's
    // winter offset the first would be the 30th.
    for start in [
        "2026-10-31T04:30:00Z",
        "2026-11-01T17:00:00Z",
        "2026-11-03T02:00:00Z",
    ] {
        session(&app, &[&sam], at(start), "History", &[]).await;
    }
    let stats = |now: &str| {
        app.set_now(at(now));
        post(&app, "diary_stats", &sam, json!({}))
    };
    let (status, figures) = stats("2026-11-03T04:00:00Z").await; // 23:00 on 2 November
    assert_eq!(status, 200, "{figures}");
    assert_eq!(figures["current_streak"], 3);
    assert_eq!(figures["longest_streak"], 3);
    assert_eq!(figures["sessions"], 3);
    assert_eq!(figures["completed"], 3);
    assert_eq!(figures["focus_minutes"], 135);
    // The 3rd (local) has no session yet: the streak holds until it is over…
    let (_, figures) = stats("2026-11-04T04:59:00Z").await; // 23:59 on the 3rd
    assert_eq!(figures["current_streak"], 3);
    // …and is gone on the 4th, while the longest stays.
    let (_, figures) = stats("2026-11-04T05:00:00Z").await;
    assert_eq!(figures["current_streak"], 0);
    assert_eq!(figures["longest_streak"], 3);
    // The weekly chart: 12 weeks ending with this one; 90 minutes in the week of
    // Monday 26 October (31 Oct and 1 Nov), 45 in the week of 2 November.
    let weeks = figures["weeks"].as_array().unwrap();
    assert_eq!(weeks.len(), 12);
    assert_eq!(weeks[11], json!([day("2026-11-02"), 45]));
    assert_eq!(weeks[10], json!([day("2026-10-26"), 90]));
    // The first session is on 31 October in the calendar.
    let (_, october) = post(
        &app,
        "diary_month",
        &sam,
        json!({ "month": { "year": 2026, "month": 10 } }),
    )
    .await;
    assert_eq!(october["days"][0]["day"], day("2026-10-31"));
}
