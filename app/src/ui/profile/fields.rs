//! Profile inputs shared by onboarding and the profile page: language and time-zone
//! pickers and the study-interest chips.

use crate::domain::preferences::{Language, INTERESTS};
use crate::i18n::*;
use crate::ui::forms::{Field, FieldError, Select};
use leptos::prelude::*;

/// The translated name of an interest key.
pub fn interest_label(i18n: leptos_i18n::I18nContext<Locale>, key: &str) -> &'static str {
    match key {
        "math" => t_string!(i18n, interests.math),
        "science" => t_string!(i18n, interests.science),
        "engineering" => t_string!(i18n, interests.engineering),
        "computing" => t_string!(i18n, interests.computing),
        "languages" => t_string!(i18n, interests.languages),
        "humanities" => t_string!(i18n, interests.humanities),
        "arts" => t_string!(i18n, interests.arts),
        "business" => t_string!(i18n, interests.business),
        "medicine" => t_string!(i18n, interests.medicine),
        "law" => t_string!(i18n, interests.law),
        "exams" => t_string!(i18n, interests.exams),
        _ => t_string!(i18n, interests.writing),
    }
}

/// The username field (onboarding, profile), with its rule as the hint: "3–20 letters,
/// digits or _…" with the limits filled in.
#[component]
pub fn UsernameField(
    /// What it holds at first.
    value: String,
    /// This field's validation message.
    error: Signal<Option<String>>,
) -> impl IntoView {
    use crate::domain::profile::USERNAME_LEN;
    use crate::ui::format::fill;
    let i18n = use_i18n();
    let hint = fill(
        &fill(
            t_string!(i18n, profile.username_hint),
            "min",
            USERNAME_LEN.start(),
        ),
        "max",
        USERNAME_LEN.end(),
    );
    view! {
        <Field
            label=t_string!(i18n, profile.username)
            name="username"
            autocomplete="username"
            value
            required=true
            maxlength=*USERNAME_LEN.end()
            hint
            error
        />
    }
}

/// Language picker.
#[component]
pub fn LanguageSelect(selected: String, error: Signal<Option<String>>) -> impl IntoView {
    let i18n = use_i18n();
    let options = Language::ALL
        .iter()
        .map(|l| (l.tag().to_owned(), l.endonym().to_owned()))
        .collect();
    view! { <Select label=t_string!(i18n, profile.language) name="language" options selected error /> }
}

/// Time-zone picker. With `detect`, the browser's own zone is chosen once the page is
/// interactive (the server cannot know it).
#[component]
pub fn TimeZoneSelect(
    zones: Vec<String>,
    selected: String,
    #[prop(optional)] detect: bool,
    error: Signal<Option<String>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let options = zones
        .into_iter()
        .map(|z| (z.clone(), z.replace('_', " ")))
        .collect();
    view! {
        <Select label=t_string!(i18n, profile.time_zone) name="time_zone" options selected error />
        {detect.then(|| view! { <DetectTimeZone /> })}
    }
}

/// Chooses the browser's own zone in the time-zone picker once the page runs (the server
/// cannot know it).
#[island]
fn DetectTimeZone() -> impl IntoView {
    use leptos::wasm_bindgen::JsCast;
    Effect::new(move |_| {
        let select = document()
            .get_element_by_id("field-time_zone")
            .and_then(|el| el.dyn_into::<leptos::web_sys::HtmlSelectElement>().ok());
        if let (Some(select), Some(zone)) = (select, browser_time_zone()) {
            select.set_value(&zone);
        }
    });
}

/// The browser's IANA time zone (`Asia/Taipei`).
fn browser_time_zone() -> Option<String> {
    let options = js_sys::Intl::DateTimeFormat::new(&js_sys::Array::new(), &js_sys::Object::new())
        .resolved_options();
    js_sys::Reflect::get(&options, &"timeZone".into())
        .ok()
        .and_then(|zone| zone.as_string())
}

/// The study-interest chips (checkboxes).
#[component]
pub fn InterestPicker(chosen: Vec<String>, error: Signal<Option<String>>) -> impl IntoView {
    let i18n = use_i18n();
    let chips = INTERESTS
        .iter()
        .map(|key| {
            let checked = chosen.iter().any(|c| c == key);
            view! {
                <label class="chip">
                    <input
                        type="checkbox"
                        name="interests[]"
                        value=*key
                        checked=checked
                        class="sr-only peer"
                    />
                    <span class="chip-face">{interest_label(i18n, key)}</span>
                </label>
            }
        })
        .collect_view();
    view! {
        <fieldset class="flex flex-col gap-2">
            <legend class="text-sm font-semibold">{t_string!(i18n, profile.interests)}</legend>
            <p class="text-sm text-ink/70">{t_string!(i18n, profile.interests_hint)}</p>
            <div class="mt-1 flex flex-wrap gap-2">{chips}</div>
            <FieldError id="field-interests-error".to_owned() error />
        </fieldset>
    }
}
