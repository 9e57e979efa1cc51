//! The site's build output under `/pkg` (wasm, JS, CSS), served precompressed and cached,
//! and the pixel art under `/art` (PNGs named by their content hash, `tools/artgen`),
//! cached the same way.
//!
//! - **Compressed once.** [`precompress`] writes a brotli (`.br`, quality 11) and a gzip
//!   (`.gz`, level 9) copy beside every compressible file of a build, on the first start
//!   after that build, before the server answers (later starts find them up to date and
//!   skip them). Each copy is written under a temporary name and renamed, so two servers
//!   sharing a build never see half a file. Where the directory is read-only, the router's
//!   on-the-fly compression covers these files instead.
//! - **Cached by name.** A fingerprinted file (a content hash in its name, as cargo-leptos
//!   writes them with `hash-files`) never changes, so browsers keep it for a year
//!   (`immutable`); any other file is revalidated on every use (`no-cache`: a 304 from its
//!   `Last-Modified`, no body, when it has not changed). Pages are never cached (see
//!   `security_headers`).

use axum::extract::Request;
use axum::http::header::{HeaderValue, CACHE_CONTROL, VARY};
use axum::middleware::Next;
use axum::response::Response;
use axum::Router;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;
use tower_http::services::ServeDir;

/// A year, for files whose name changes with their content.
const IMMUTABLE: &str = "public, max-age=31536000, immutable";
/// Revalidate before each use (answered 304 while unchanged).
const REVALIDATE: &str = "no-cache";
/// Extensions worth compressing (wasm and text); images are compressed already.
const COMPRESSIBLE: [&str; 6] = ["wasm", "js", "css", "json", "svg", "txt"];
/// Smaller files gain nothing from a compressed copy.
const MIN_BYTES: u64 = 512;

/// Where the build's files are: `<site-root>/<site-pkg-dir>`.
pub fn pkg_dir(options: &leptos::prelude::LeptosOptions) -> PathBuf {
    Path::new(&*options.site_root).join(&*options.site_pkg_dir)
}

/// Where the art is: `<site-root>/art` (cargo-leptos copies `public/` into the site root).
pub fn art_dir(options: &leptos::prelude::LeptosOptions) -> PathBuf {
    Path::new(&*options.site_root).join("art")
}

/// Files from `dir` (`/pkg/*`, `/art/*`), precompressed copies first, with cache headers.
pub fn cached_files<S: Clone + Send + Sync + 'static>(dir: PathBuf) -> Router<S> {
    let files = ServeDir::new(dir).precompressed_br().precompressed_gzip();
    Router::new()
        .fallback_service(files)
        .layer(axum::middleware::from_fn(cache_headers))
}

async fn cache_headers(request: Request, next: Next) -> Response {
    let fingerprinted = request
        .uri()
        .path()
        .rsplit('/')
        .next()
        .is_some_and(is_fingerprinted);
    let mut response = next.run(request).await;
    if response.status().is_success() || response.status() == 304 {
        let value = if fingerprinted { IMMUTABLE } else { REVALIDATE };
        let headers = response.headers_mut();
        headers.insert(CACHE_CONTROL, HeaderValue::from_static(value));
        // The same address answers brotli, gzip or plain bytes by the request's header.
        headers.insert(VARY, HeaderValue::from_static("accept-encoding"));
    }
    response
}

/// True for `name.<hash>.ext`, where the hash is cargo-leptos's content hash (URL-safe
/// base64 of at least 16 characters). The chunk loader's placeholder of underscores, used
/// when hashing is off, is not a hash.
pub fn is_fingerprinted(file: &str) -> bool {
    let mut parts = file.rsplit('.');
    let (Some(_ext), Some(hash), Some(_stem)) = (parts.next(), parts.next(), parts.next()) else {
        return false;
    };
    hash.len() >= 16
        && hash
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        && !hash.bytes().all(|b| b == b'_')
}

/// What [`precompress`] did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Precompressed {
    /// Copies written now.
    pub written: usize,
    /// Copies already up to date.
    pub current: usize,
}

/// Writes missing or stale `.br` and `.gz` copies of the compressible files in `dir`, on
/// every core (brotli's best quality is slow: about 10 s for a build on one core).
pub fn precompress(dir: &Path) -> io::Result<Precompressed> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        let compressible = path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| COMPRESSIBLE.contains(&e));
        let meta = std::fs::metadata(&path)?;
        if compressible && meta.is_file() && meta.len() >= MIN_BYTES {
            files.push(path);
        }
    }
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get());
    let share = files.len().div_ceil(workers).max(1);
    std::thread::scope(|scope| {
        let running: Vec<_> = files
            .chunks(share)
            .map(|part| {
                scope.spawn(move || part.iter().try_fold(Precompressed::default(), add_copies))
            })
            .collect();
        running
            .into_iter()
            .try_fold(Precompressed::default(), |done, worker| {
                let part = worker
                    .join()
                    .map_err(|_| io::Error::other("a precompressing thread panicked"))??;
                Ok(Precompressed {
                    written: done.written + part.written,
                    current: done.current + part.current,
                })
            })
    })
}

/// The brotli and gzip copies of one file, where missing or older than it.
fn add_copies(mut done: Precompressed, path: &PathBuf) -> io::Result<Precompressed> {
    let modified = std::fs::metadata(path)?.modified()?;
    for (suffix, encode) in [("br", brotli as Encoder), ("gz", gzip as Encoder)] {
        let copy = with_suffix(path, suffix);
        let fresh = std::fs::metadata(&copy)
            .and_then(|c| c.modified())
            .is_ok_and(|c| c >= modified);
        if fresh {
            done.current += 1;
            continue;
        }
        let input = std::fs::read(path)?;
        let temporary = with_suffix(path, &format!("{suffix}.{}.partial", std::process::id()));
        std::fs::write(&temporary, encode(&input)?)?;
        std::fs::rename(&temporary, &copy)?;
        done.written += 1;
    }
    Ok(done)
}

/// Precompresses `dir` (off the async runtime) and logs what it did; a failure is logged
/// and the files are compressed per request instead.
pub async fn precompress_logged(dir: PathBuf) {
    let started = Instant::now();
    let shown = dir.display().to_string();
    match tokio::task::spawn_blocking(move || precompress(&dir)).await {
        Ok(Ok(done)) => tracing::info!(
            written = done.written,
            current = done.current,
            ms = started.elapsed().as_millis() as u64,
            "static files precompressed"
        ),
        Ok(Err(error)) => tracing::warn!(
            dir = %shown,
            %error,
            "static files not precompressed; they are compressed per request"
        ),
        Err(error) => tracing::warn!(%error, "precompressing static files stopped"),
    }
}

type Encoder = fn(&[u8]) -> io::Result<Vec<u8>>;

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".");
    name.push(suffix);
    PathBuf::from(name)
}

fn brotli(input: &[u8]) -> io::Result<Vec<u8>> {
    let params = ::brotli::enc::BrotliEncoderParams {
        quality: 11,
        lgwin: 22,
        ..Default::default()
    };
    let mut out = Vec::with_capacity(input.len() / 3);
    ::brotli::BrotliCompress(&mut &input[..], &mut out, &params)?;
    Ok(out)
}

fn gzip(input: &[u8]) -> io::Result<Vec<u8>> {
    let mut encoder = flate2::write::GzEncoder::new(
        Vec::with_capacity(input.len() / 3),
        flate2::Compression::best(),
    );
    encoder.write_all(input)?;
    encoder.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashed_names_are_fingerprinted_and_plain_ones_are_not() {
        assert!(is_fingerprinted("focus-squad.cMwYd4MoFwr6TyV0fJLQMw.wasm"));
        assert!(is_fingerprinted("__wasm_split.K9yUTILEK6PYbe_-vOMXbg.js"));
        assert!(!is_fingerprinted("focus-squad.wasm"));
        assert!(!is_fingerprinted("focus-squad.js"));
        assert!(!is_fingerprinted("__wasm_split.________________.js"));
        assert!(!is_fingerprinted("chunk_12.wasm"));
    }

    #[test]
    fn copies_decompress_to_the_original_and_are_not_rewritten() {
        let dir = std::env::temp_dir().join(format!("focus-precompress-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let text = "focus squad ".repeat(400);
        std::fs::write(dir.join("app.js"), &text).unwrap();
        std::fs::write(dir.join("tiny.css"), "a{}").unwrap();
        std::fs::write(dir.join("picture.png"), vec![7u8; 4096]).unwrap();

        let first = precompress(&dir).unwrap();
        assert_eq!(
            first,
            Precompressed {
                written: 2,
                current: 0
            }
        );
        let mut unzipped = String::new();
        let gz = std::fs::read(dir.join("app.js.gz")).unwrap();
        io::Read::read_to_string(&mut flate2::read::GzDecoder::new(&gz[..]), &mut unzipped)
            .unwrap();
        assert_eq!(unzipped, text);
        let br = std::fs::read(dir.join("app.js.br")).unwrap();
        let mut unbrotli = Vec::new();
        ::brotli::BrotliDecompress(&mut &br[..], &mut unbrotli).unwrap();
        assert_eq!(unbrotli, text.as_bytes());
        assert!(
            br.len() < text.len() / 10,
            "brotli copy is {} bytes",
            br.len()
        );
        assert!(!dir.join("tiny.css.br").exists());
        assert!(!dir.join("picture.png.br").exists());

        let second = precompress(&dir).unwrap();
        assert_eq!(
            second,
            Precompressed {
                written: 0,
                current: 2
            }
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
