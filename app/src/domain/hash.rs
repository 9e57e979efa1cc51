//! One stable hash (FNV-1a, 64-bit) for everything that needs the same number from the
//! same text on every machine and every run: database lock keys and the companions'
//! seeded choices.

/// FNV-1a of `text`.
pub fn fnv1a(text: &str) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in text.bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

/// The lock key named `name`: its hash folded into a signed 64-bit integer (the type of
/// PostgreSQL advisory locks; SQLite's write lock ignores it).
pub fn lock_key(name: &str) -> i64 {
    i64::from_ne_bytes(fnv1a(name).to_ne_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_published_fnv1a_values() {
        // The offset basis (the empty string) and two of the reference test vectors.
        assert_eq!(fnv1a(""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a("a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fnv1a("foobar"), 0x8594_4171_f739_67e8);
        assert_eq!(
            lock_key(""),
            i64::from_ne_bytes(0xcbf2_9ce4_8422_2325u64.to_ne_bytes())
        );
    }
}
