//! What Focus Squad writes to people, in English and Traditional Chinese: plain text,
//! short, with the one link the letter is for and what to do if it was not them.

use crate::domain::preferences::Language;

/// A letter, with the link it carries.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Letter {
    /// Confirm the address (after sign-up, or asked again from the account page).
    Verify {
        /// The verification link.
        link: String,
    },
    /// Choose a new password.
    Reset {
        /// The reset link.
        link: String,
    },
    /// Someone tried to sign up with an address that already has an account.
    AlreadyRegistered {
        /// Where to reset the password.
        link: String,
    },
}

impl Letter {
    /// A short name for logs.
    pub fn kind(&self) -> &'static str {
        match self {
            Self::Verify { .. } => "verify",
            Self::Reset { .. } => "reset",
            Self::AlreadyRegistered { .. } => "already_registered",
        }
    }

    /// The link the letter carries.
    pub fn link(&self) -> &str {
        match self {
            Self::Verify { link } | Self::Reset { link } | Self::AlreadyRegistered { link } => link,
        }
    }
}

/// The subject and body of `letter` in `language`.
pub fn compose(letter: &Letter, language: Language) -> (String, String) {
    let link = letter.link();
    let (subject, body) = match (letter, language) {
        (Letter::Verify { .. }, Language::En) => (
            "Confirm your email for Focus Squad",
            format!(
                "Hi,\n\nPlease confirm this address for your Focus Squad account:\n\n{link}\n\n\
                 The link works once, for 24 hours. If you did not sign up, ignore this \
                 email and nothing will happen.\n\n— Focus Squad\n"
            ),
        ),
        (Letter::Verify { .. }, Language::ZhTw) => (
            "確認你在 Focus Squad 的電子郵件",
            format!(
                "你好：\n\n請點下方連結，確認這是你 Focus Squad 帳號的電子郵件：\n\n{link}\n\n\
                 連結 24 小時內有效，只能使用一次。如果你沒有註冊，請忽略這封信，什麼都不會發生。\n\n\
                 — Focus Squad\n"
            ),
        ),
        (Letter::Reset { .. }, Language::En) => (
            "Reset your Focus Squad password",
            format!(
                "Hi,\n\nSomeone (hopefully you) asked to reset the password of your Focus \
                 Squad account. Choose a new one here:\n\n{link}\n\nThe link works once, \
                 for 1 hour, and signs out every device. If it was not you, ignore this \
                 email: your password stays as it is.\n\n— Focus Squad\n"
            ),
        ),
        (Letter::Reset { .. }, Language::ZhTw) => (
            "重設你的 Focus Squad 密碼",
            format!(
                "你好：\n\n有人（希望是你）要求重設你 Focus Squad 帳號的密碼。請在這裡設定新密碼：\n\n\
                 {link}\n\n連結 1 小時內有效，只能使用一次，並會登出所有裝置。如果不是你，請忽略這封信，\
                 你的密碼不會改變。\n\n— Focus Squad\n"
            ),
        ),
        (Letter::AlreadyRegistered { .. }, Language::En) => (
            "You already have a Focus Squad account",
            format!(
                "Hi,\n\nSomeone tried to sign up for Focus Squad with this address, which \
                 already has an account. If it was you, sign in — or, if you forgot your \
                 password, choose a new one here:\n\n{link}\n\nIf it was not you, ignore \
                 this email: nothing has changed.\n\n— Focus Squad\n"
            ),
        ),
        (Letter::AlreadyRegistered { .. }, Language::ZhTw) => (
            "你已經有 Focus Squad 帳號了",
            format!(
                "你好：\n\n有人用這個電子郵件註冊 Focus Squad，但它已經有帳號了。如果是你，請直接登入；\
                 忘記密碼的話，可以在這裡設定新密碼：\n\n{link}\n\n如果不是你，請忽略這封信，\
                 什麼都沒有改變。\n\n— Focus Squad\n"
            ),
        ),
    };
    (subject.to_owned(), body)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_letter_carries_its_link_in_both_languages() {
        let letters = [
            Letter::Verify {
                link: "https://f.example/verify-email?token=a".into(),
            },
            Letter::Reset {
                link: "https://f.example/reset-password?token=b".into(),
            },
            Letter::AlreadyRegistered {
                link: "https://f.example/forgot-password".into(),
            },
        ];
        for letter in &letters {
            for language in Language::ALL {
                let (subject, body) = compose(letter, language);
                assert!(!subject.is_empty());
                assert!(body.contains(letter.link()), "{body}");
            }
        }
        let (en, _) = compose(&letters[0], Language::En);
        let (zh, _) = compose(&letters[0], Language::ZhTw);
        assert_ne!(en, zh);
    }
}
