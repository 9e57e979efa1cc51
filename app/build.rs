//! Rebuilds the crate when a translation changes: the i18n macro reads `locales/*.json`
//! while compiling, and cargo would not know about those files otherwise (an edited
//! string would keep its old text until some Rust file changed).

fn main() {
    println!("cargo:rerun-if-changed=locales");
}
