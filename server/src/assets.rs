//! Static files served compressed. cargo-leptos writes `sih.wasm`, `sih.js` and `sih.css`; at
//! start-up the server writes a brotli (`.br`) and a gzip (`.gz`) copy next to each, once per
//! build, so `ServeDir` can hand out the small file with the right `Content-Encoding` without
//! compressing on every request. The WASM shrinks to about a third.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

const COMPRESSIBLE: [&str; 5] = ["wasm", "js", "css", "svg", "txt"];

fn brotli(data: &[u8]) -> io::Result<Vec<u8>> {
    let mut out = Vec::new();
    {
        // The best quality: written once per build, and for the islands' WASM (~320 KB) it
        // takes well under a second while sending 10 % less than quality 9 on every visit.
        let mut writer = brotli::CompressorWriter::new(&mut out, 64 * 1024, 11, 22);
        writer.write_all(data)?;
        writer.flush()?;
    }
    Ok(out)
}

fn gzip(data: &[u8]) -> io::Result<Vec<u8>> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(data)?;
    encoder.finish()
}

/// Writes missing or outdated `.br` and `.gz` copies of the compressible files in `dir`.
/// Each copy is written to a temporary name and renamed, so a second process starting at the
/// same moment, or a request in between, never sees half a file. Returns how many it wrote.
pub fn precompress_dir(dir: &Path) -> io::Result<usize> {
    let mut written = 0;
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or_default()
            .to_string();
        if !path.is_file() || !COMPRESSIBLE.contains(&ext.as_str()) {
            continue;
        }
        let modified = std::fs::metadata(&path)?.modified()?;
        let mut data: Option<Vec<u8>> = None;
        for (suffix, compress) in [
            ("br", brotli as fn(&[u8]) -> io::Result<Vec<u8>>),
            ("gz", gzip),
        ] {
            let target = path.with_extension(format!("{ext}.{suffix}"));
            let fresh = std::fs::metadata(&target)
                .and_then(|m| m.modified())
                .is_ok_and(|t| t >= modified);
            if fresh {
                continue;
            }
            let bytes = match &data {
                Some(d) => d,
                None => data.insert(std::fs::read(&path)?),
            };
            let tmp = path.with_extension(format!("{ext}.{suffix}.{}.tmp", std::process::id()));
            std::fs::write(&tmp, compress(bytes)?)?;
            std::fs::rename(&tmp, &target)?;
            written += 1;
        }
    }
    Ok(written)
}

/// The hash file `cargo leptos build` writes beside the server binary when `hash-files` is on
/// (`js: …`, `wasm: …`, `css: …`); `None` for binaries built without it (tests, debug runs).
pub fn hash_file() -> Option<PathBuf> {
    let path = std::env::current_exe().ok()?.parent()?.join("hash.txt");
    path.is_file().then_some(path)
}

/// The stylesheet's URL, hashed when the build hashed it.
pub fn stylesheet_href() -> String {
    match app::ui::build_hashes()
        .iter()
        .find(|(kind, _)| kind == "css")
    {
        Some((_, h)) => format!("/pkg/sih.{h}.css"),
        None => "/pkg/sih.css".to_string(),
    }
}

/// A file name with a content hash from cargo-leptos: `name.<22 base64url characters>.ext`.
fn is_hashed(file: &str) -> bool {
    let parts: Vec<&str> = file.split('.').collect();
    parts.len() == 3
        && parts[1].len() == 22
        && parts[1]
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// How long browsers may keep a response. Hashed build files never change under their name:
/// a year. Other static files: revalidated after an hour. Pages and server-function answers
/// hold personal, changing data: `no-cache, private` (always asked again, never kept by a
/// shared cache; unlike `no-store` it leaves the back/forward cache working).
pub fn cache_control(path: &str, is_static: bool) -> &'static str {
    let file = path.rsplit('/').next().unwrap_or_default();
    if path.starts_with("/pkg/") && is_hashed(file) {
        "public, max-age=31536000, immutable"
    } else if is_static {
        "public, max-age=3600, must-revalidate"
    } else {
        "no-cache, private"
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    #[test]
    fn writes_br_and_gz_copies_once() {
        let dir = std::env::temp_dir().join(format!("sih-assets-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let css = "body { color: #1b2530; }\n".repeat(200);
        std::fs::write(dir.join("sih.css"), &css).unwrap();
        std::fs::write(dir.join("logo.png"), b"not compressible").unwrap();

        assert_eq!(precompress_dir(&dir).unwrap(), 2);
        assert_eq!(precompress_dir(&dir).unwrap(), 0, "already fresh");
        assert!(!dir.join("logo.png.br").exists());

        let br = std::fs::read(dir.join("sih.css.br")).unwrap();
        let mut back = String::new();
        brotli::Decompressor::new(&br[..], 4096)
            .read_to_string(&mut back)
            .unwrap();
        assert_eq!(back, css);
        assert!(br.len() < css.len() / 10);
        let gz = std::fs::read(dir.join("sih.css.gz")).unwrap();
        let mut back = String::new();
        flate2::read::GzDecoder::new(&gz[..])
            .read_to_string(&mut back)
            .unwrap();
        assert_eq!(back, css);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn hashed_build_files_are_kept_for_a_year_pages_never() {
        let year = "public, max-age=31536000, immutable";
        assert_eq!(
            cache_control("/pkg/sih.Xy3_kL9-AbCdEfGhIjKlMn.wasm", true),
            year
        );
        assert_eq!(
            cache_control("/pkg/sih.Xy3_kL9-AbCdEfGhIjKlMn.css", true),
            year
        );
        // The plain names of a build without hashing may change under the same name.
        assert_ne!(cache_control("/pkg/sih.css", true), year);
        assert_ne!(cache_control("/pkg/sih.short.css", true), year);
        assert_ne!(cache_control("/favicon.svg", true), year);
        // A hash-like name outside /pkg is not a build file.
        assert_ne!(cache_control("/sih.Xy3_kL9-AbCdEfGhIjKlMn.css", true), year);
        assert_eq!(cache_control("/events", false), "no-cache, private");
        assert_eq!(
            cache_control("/api/staff/dashboard", false),
            "no-cache, private"
        );
    }
}
