//! The art's file names, written by `tools/artgen/run write` from the art's source
//! (`tools/artgen`); CI's `tools/artgen/run check` fails when they drift. Not edited
//! by hand.

/// Each character's sprite sheet (128 × 224 art pixels): its key and address.
pub const CHARACTER_SHEETS: [(&str, &str); 12] = [
    ("sage", "/art/characters/sage.888eda45134fe776.png"),
    ("mei", "/art/characters/mei.9311ebe3640cb54a.png"),
    ("theo", "/art/characters/theo.44b2aa9f96556519.png"),
    ("ada", "/art/characters/ada.c20032b28aed83a5.png"),
    ("kai", "/art/characters/kai.51943bc7f4a685d3.png"),
    ("noor", "/art/characters/noor.9f517fb55d80abe5.png"),
    ("jun", "/art/characters/jun.44a78deb0b76e4a1.png"),
    ("rosa", "/art/characters/rosa.8ae7e69a6be00171.png"),
    ("fox", "/art/characters/fox.2fb25495005bfce6.png"),
    ("owl", "/art/characters/owl.0b73d14c81f11660.png"),
    ("cat", "/art/characters/cat.9ce70bbf2ac6ce81.png"),
    ("panda", "/art/characters/panda.dcf5e45bd2067b6c.png"),
];

/// Each room: its key, its background (320 × 180) and its animations' strips, in the
/// order of `Room::props`.
pub const ROOM_FILES: [(&str, &str, [&str; 4]); 3] = [
    (
        "cozy-study",
        "/art/rooms/cozy-study.4016cf536d527ffd.png",
        [
            "/art/rooms/cozy-study-rain.499dcaa41e1a4b62.png",
            "/art/rooms/cozy-study-lamp.07c6337ba0058543.png",
            "/art/rooms/cozy-study-steam.fc857fe61d6753a6.png",
            "/art/rooms/cozy-study-page.aae45da81d46aa88.png",
        ],
    ),
    (
        "coffee-shop",
        "/art/rooms/coffee-shop.f06665bfef53aca7.png",
        [
            "/art/rooms/coffee-shop-rain.0f6d1085176fdd3c.png",
            "/art/rooms/coffee-shop-lamp.212606186f1c2287.png",
            "/art/rooms/coffee-shop-steam.fc857fe61d6753a6.png",
            "/art/rooms/coffee-shop-page.aae45da81d46aa88.png",
        ],
    ),
    (
        "library",
        "/art/rooms/library.ca07f167df72227f.png",
        [
            "/art/rooms/library-rain.0f7c3a4aa2cb5cc8.png",
            "/art/rooms/library-lamp.7015c6ab180f2746.png",
            "/art/rooms/library-steam.fc857fe61d6753a6.png",
            "/art/rooms/library-page.aae45da81d46aa88.png",
        ],
    ),
];
