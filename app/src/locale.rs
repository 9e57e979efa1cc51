//! Which language a request gets: the remembered choice (cookie; later the signed-in
//! user's setting), then the browser's `Accept-Language`, then English. The server applies
//! this before rendering (see `server::locale`), so pages arrive in the right language.

use crate::domain::preferences::Language;
use crate::i18n::Locale;

/// Name of the cookie that remembers the chosen language.
pub const LOCALE_COOKIE: &str = "i18n_pref_locale";
/// How long the language choice is remembered, in seconds.
pub const LOCALE_COOKIE_MAX_AGE_SECS: i64 = 365 * 24 * 60 * 60;

/// The BCP 47 tag of a locale (`en`, `zh-TW`), as stored and sent in cookies.
pub fn locale_tag(locale: Locale) -> &'static str {
    leptos_i18n::Locale::as_str(locale)
}

/// The product language a locale speaks (a page's language, as a table language).
pub fn language_of(locale: Locale) -> Language {
    match locale {
        Locale::en => Language::En,
        Locale::zh_TW => Language::ZhTw,
    }
}

/// The `Set-Cookie` value that remembers language `tag`.
pub fn locale_cookie(tag: &str) -> String {
    format!("{LOCALE_COOKIE}={tag}; Path=/; Max-Age={LOCALE_COOKIE_MAX_AGE_SECS}; SameSite=Lax")
}

/// A supported locale for a language tag, matching loosely: `en-GB` is English;
/// `zh-TW`, `zh-Hant`, `zh-HK` and `zh-MO` are Traditional Chinese.
pub fn match_tag(tag: &str) -> Option<Locale> {
    let tag = tag.trim().to_ascii_lowercase();
    let mut parts = tag.split(['-', '_']);
    match parts.next()? {
        "en" => Some(Locale::en),
        "zh" => {
            let rest: Vec<&str> = parts.collect();
            rest.iter()
                .any(|p| matches!(*p, "tw" | "hant" | "hk" | "mo"))
                .then_some(Locale::zh_TW)
        }
        _ => None,
    }
}

/// The language for a request from its cookie value and `Accept-Language` header.
pub fn negotiate(cookie: Option<&str>, accept_language: Option<&str>) -> Locale {
    if let Some(locale) = cookie.and_then(match_tag) {
        return locale;
    }
    let mut ranked: Vec<(f32, usize, Locale)> = accept_language
        .unwrap_or_default()
        .split(',')
        .enumerate()
        .filter_map(|(i, item)| {
            let mut fields = item.split(';');
            let locale = match_tag(fields.next()?)?;
            let q = fields
                .find_map(|f| f.trim().strip_prefix("q="))
                .map_or(Some(1.0), |q| q.trim().parse::<f32>().ok())?;
            (q > 0.0).then_some((q, i, locale))
        })
        .collect();
    ranked.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    ranked.first().map_or(Locale::en, |r| r.2)
}

/// The value of cookie `name` in a `Cookie` header.
pub fn cookie_value<'a>(header: &'a str, name: &str) -> Option<&'a str> {
    header.split(';').find_map(|pair| {
        let (key, value) = pair.trim().split_once('=')?;
        (key == name).then_some(value)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_match_loosely() {
        assert_eq!(match_tag("en-GB"), Some(Locale::en));
        assert_eq!(match_tag("zh-TW"), Some(Locale::zh_TW));
        assert_eq!(match_tag("zh-Hant-HK"), Some(Locale::zh_TW));
        assert_eq!(match_tag("zh_hk"), Some(Locale::zh_TW));
        assert_eq!(match_tag("zh-CN"), None);
        assert_eq!(match_tag("fr"), None);
        assert_eq!(locale_tag(Locale::zh_TW), "zh-TW");
    }

    #[test]
    fn the_cookie_wins_then_quality_then_order() {
        assert_eq!(negotiate(Some("zh-TW"), Some("en")), Locale::zh_TW);
        assert_eq!(
            negotiate(Some("klingon"), Some("zh-TW,en;q=0.5")),
            Locale::zh_TW
        );
        assert_eq!(
            negotiate(None, Some("fr-FR, en;q=0.4, zh-TW;q=0.8")),
            Locale::zh_TW
        );
        assert_eq!(negotiate(None, Some("en-US,zh-TW")), Locale::en);
        assert_eq!(negotiate(None, Some("zh-TW;q=0,en;q=0.1")), Locale::en);
        assert_eq!(negotiate(None, Some("de, fr")), Locale::en);
        assert_eq!(negotiate(None, None), Locale::en);
    }

    #[test]
    fn cookies_are_found_by_name() {
        let header = "a=1; i18n_pref_locale=zh-TW; b=2";
        assert_eq!(cookie_value(header, LOCALE_COOKIE), Some("zh-TW"));
        assert_eq!(cookie_value(header, "c"), None);
    }
}
