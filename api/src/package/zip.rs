//! The package zip, distrusted entry by entry before anything is extracted (names, kinds,
//! placement, count, declared sizes and ratios), then bounded again while extracting, since headers
//! can lie.

use super::*;

pub(super) struct Unpacked {
    pub(super) files: Vec<StagedFile>,
    pub(super) logic: String,
    pub(super) metadata: Option<Vec<u8>>,
}

/// Where an entry goes: skipped (directories, macOS litter) or extracted as `name`.
pub(super) struct Planned {
    pub(super) index: usize,
    pub(super) name: String,
    pub(super) size: u64,
}

/// Checks a path from the zip as raw bytes, before any decoding: `Ok(None)` for entries to skip.
pub(super) fn check_name(raw: &[u8], is_dir: bool) -> ApiResult<Option<String>> {
    let shown = String::from_utf8_lossy(raw).escape_debug().to_string();
    let unsafe_path = |why: &str| reject("unsafe_path", format!("{shown:?}: {why}"));
    if raw.is_empty() {
        return Err(reject("invalid_package", "an entry has an empty name"));
    }
    if raw.iter().any(|&b| b < 0x20 || b == 0x7f) {
        return Err(unsafe_path("control characters in a name"));
    }
    if raw.contains(&b'\\') {
        return Err(unsafe_path("backslashes in a name"));
    }
    if raw[0] == b'/' || (raw.len() >= 2 && raw[1] == b':') {
        return Err(unsafe_path("absolute paths are not allowed"));
    }
    let trimmed = if is_dir {
        raw.strip_suffix(b"/").unwrap_or(raw)
    } else {
        raw
    };
    if trimmed
        .split(|&b| b == b'/')
        .any(|seg| seg == b".." || seg == b".")
    {
        return Err(unsafe_path("`.` and `..` are not allowed in paths"));
    }
    let Ok(name) = std::str::from_utf8(trimmed) else {
        return Err(reject(
            "invalid_file_name",
            format!("{shown:?}: names must be ASCII letters, digits, `.`, `_`, `-` and `/`"),
        ));
    };
    let first = name.split('/').next().unwrap_or_default();
    let last = name.rsplit('/').next().unwrap_or_default();
    // What macOS's Finder adds to every zip it makes: never part of a game.
    if first == "__MACOSX" || last == ".DS_Store" || last.starts_with("._") {
        return Ok(None);
    }
    if is_dir {
        return Ok(None);
    }
    if name.len() > 200 || ObjectKey::new(name).is_err() {
        return Err(reject(
            "invalid_file_name",
            format!(
                "{shown:?}: names must be ASCII letters, digits, `.`, `_`, `-` and `/`, at most 200 bytes"
            ),
        ));
    }
    Ok(Some(name.to_owned()))
}

/// Only logic.js and metadata.json at the root; assets of allowed types under `assets/`.
pub(super) fn check_placement(name: &str) -> ApiResult<()> {
    if name == "logic.js" || name == "metadata.json" {
        return Ok(());
    }
    let ext = name
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    if let Some(rest) = name.strip_prefix("assets/") {
        if ext == "svg" || ext == "svgz" {
            return Err(reject(
                "unsupported_file_type",
                format!("{name}: SVG images can carry scripts; use PNG or WebP"),
            ));
        }
        if !rest.is_empty() && ASSET_EXTENSIONS.contains(&ext.as_str()) {
            return Ok(());
        }
        return Err(reject(
            "unsupported_file_type",
            format!("{name}: assets may be {}", ASSET_EXTENSIONS.join(", ")),
        ));
    }
    Err(reject(
        "unsupported_file_type",
        format!("{name}: a package holds logic.js, metadata.json and files under assets/ only"),
    ))
}

/// Reads the end-of-central-directory record to refuse archives with too many entries before the
/// zip reader allocates anything for them. Zip64 counts are left to the reader.
pub(super) fn precheck_entry_count(f: &mut std::fs::File) -> ApiResult<()> {
    let len = f.metadata().map_err(internal)?.len();
    let tail_len = len.min(22 + 65_535);
    let mut tail = vec![0u8; usize::try_from(tail_len).unwrap_or(0)];
    f.seek(SeekFrom::Start(len - tail_len)).map_err(internal)?;
    f.read_exact(&mut tail).map_err(internal)?;
    let Some(pos) = tail
        .windows(4)
        .rposition(|w| w == b"PK\x05\x06")
        .filter(|p| p + 22 <= tail.len())
    else {
        return Err(reject(
            "invalid_package",
            "the package is not a zip archive",
        ));
    };
    let total = u16::from_le_bytes([tail[pos + 10], tail[pos + 11]]);
    if total != u16::MAX && usize::from(total) > MAX_ENTRIES {
        return Err(reject(
            "too_many_files",
            format!("the zip has {total} entries; at most {MAX_ENTRIES}"),
        ));
    }
    f.seek(SeekFrom::Start(0)).map_err(internal)?;
    Ok(())
}

/// Checks and extracts the zip at `zip_path` into `out` (blocking). `limit` bounds the unpacked
/// total, declared and actual.
pub(super) fn unpack(zip_path: &Path, out: &Path, limit: u64) -> ApiResult<Unpacked> {
    let mut f = std::fs::File::open(zip_path).map_err(internal)?;
    precheck_entry_count(&mut f)?;
    let mut archive = ::zip::ZipArchive::new(BufReader::with_capacity(CHUNK, f)).map_err(|e| {
        reject(
            "invalid_package",
            format!("the package is not a readable zip archive: {e}"),
        )
    })?;
    if archive.len() > MAX_ENTRIES {
        return Err(reject(
            "too_many_files",
            format!(
                "the zip has {} entries; at most {MAX_ENTRIES}",
                archive.len()
            ),
        ));
    }
    if archive.has_duplicate_names() {
        return Err(reject(
            "duplicate_file",
            "the zip holds the same name twice",
        ));
    }

    let plan = plan_entries(&mut archive, limit)?;

    // Pass 2: extract, bounding what actually comes out (headers can lie).
    let mut files = Vec::new();
    let mut logic = None;
    let mut metadata = None;
    let mut actual_total = 0u64;
    let mut buf = vec![0u8; CHUNK];
    for (n, p) in plan.into_iter().enumerate() {
        let mut entry = archive.by_index(p.index).map_err(|e| {
            reject(
                "invalid_package",
                format!("{}: cannot be unpacked: {e}", p.name),
            )
        })?;
        let compressed = entry.compressed_size();
        let path = out.join(format!("f{n}"));
        let mut file = std::fs::File::create(&path).map_err(internal)?;
        let keep = matches!(p.name.as_str(), "logic.js" | "metadata.json");
        let (sha256, bytes, kept) = copy_entry(
            &mut entry,
            &p,
            compressed,
            &mut actual_total,
            limit,
            &mut buf,
            (&mut file, keep),
        )?;
        drop(file);
        match p.name.as_str() {
            "logic.js" => {
                logic = Some(
                    String::from_utf8(kept)
                        .map_err(|_| reject("invalid_logic", "logic.js is not UTF-8 text"))?,
                );
            }
            "metadata.json" => {
                // Rebuilt at store time from the validated fields.
                metadata = Some(kept);
                continue;
            }
            _ => {}
        }
        files.push(StagedFile {
            name: p.name,
            path,
            sha256,
            bytes,
        });
    }
    let logic = logic.ok_or_else(|| reject("missing_logic", "the zip has no logic.js"))?;
    Ok(Unpacked {
        files,
        logic,
        metadata,
    })
}

/// Pass 1, headers only: names, kinds, placement, declared sizes and ratios; the entries to
/// extract, in order.
fn plan_entries(
    archive: &mut ::zip::ZipArchive<BufReader<std::fs::File>>,
    limit: u64,
) -> ApiResult<Vec<Planned>> {
    let mut plan: Vec<Planned> = Vec::new();
    let mut lower: HashSet<String> = HashSet::new();
    let mut declared_total = 0u64;
    for index in 0..archive.len() {
        let e = archive.by_index_data(index).map_err(|e| {
            reject(
                "invalid_package",
                format!("a zip entry cannot be read: {e}"),
            )
        })?;
        let raw = e.name_raw().to_vec();
        let is_dir = e.is_dir();
        let Some(name) = check_name(&raw, is_dir)? else {
            continue;
        };
        if e.is_symlink() {
            return Err(reject(
                "unsafe_path",
                format!("{name}: symbolic links are not allowed"),
            ));
        }
        // Unix file type bits: only regular files (or none recorded, as DOS-made zips do).
        if let Some(mode) = e.unix_mode()
            && mode & 0o170000 != 0
            && mode & 0o170000 != 0o100000
        {
            return Err(reject(
                "unsupported_file_type",
                format!("{name}: only regular files are allowed"),
            ));
        }
        if !lower.insert(name.to_ascii_lowercase()) {
            return Err(reject(
                "duplicate_file",
                format!("{name}: two entries differ only in letter case"),
            ));
        }
        let (size, compressed) = (e.size(), e.compressed_size());
        if size > RATIO_FLOOR && size > compressed.max(1).saturating_mul(MAX_RATIO) {
            return Err(reject(
                "zip_bomb",
                format!("{name}: compressed more than {MAX_RATIO}:1"),
            ));
        }
        declared_total = declared_total.saturating_add(size);
        if declared_total > limit {
            return Err(ApiError::PayloadTooLarge(format!(
                "the package unpacks to more than {limit} bytes"
            )));
        }
        plan.push(Planned { index, name, size });
    }
    // A file may not also be a folder (`assets/a.png` and `assets/a.png/b.png`).
    for p in &plan {
        let lc = p.name.to_ascii_lowercase();
        let mut parent = lc.as_str();
        while let Some((up, _)) = parent.rsplit_once('/') {
            if lower.contains(up) {
                return Err(reject(
                    "invalid_file_name",
                    format!("{up} is both a file and a folder"),
                ));
            }
            parent = up;
        }
    }
    if !plan.iter().any(|p| p.name == "logic.js") {
        let nested = plan
            .iter()
            .find(|p| p.name.ends_with("/logic.js"))
            .map(|p| {
                format!(
                    " (found {}: zip the folder's contents, not the folder)",
                    p.name
                )
            })
            .unwrap_or_default();
        return Err(reject(
            "missing_logic",
            format!("the zip has no logic.js at its root{nested}"),
        ));
    }
    for p in &plan {
        check_placement(&p.name)?;
        if p.name == "logic.js" && p.size > jscheck::MAX_LOGIC_BYTES as u64 {
            return Err(reject(
                "invalid_logic",
                format!(
                    "logic.js is {} bytes; the limit is {}",
                    p.size,
                    jscheck::MAX_LOGIC_BYTES
                ),
            ));
        }
        if p.name == "metadata.json" && p.size > MAX_METADATA_BYTES as u64 {
            return Err(reject(
                "invalid_package",
                format!(
                    "metadata.json is {} bytes; the limit is {MAX_METADATA_BYTES}",
                    p.size
                ),
            ));
        }
    }
    Ok(plan)
}

/// Copies one entry to `file` (and, when `keep`, to memory), bounding what actually comes out:
/// headers can lie. Returns the SHA-256, the byte count and the kept bytes.
fn copy_entry(
    entry: &mut impl Read,
    p: &Planned,
    compressed: u64,
    actual_total: &mut u64,
    limit: u64,
    buf: &mut [u8],
    (file, keep): (&mut std::fs::File, bool),
) -> ApiResult<(String, u64, Vec<u8>)> {
    let mut kept = Vec::new();
    let mut hasher = Sha256::new();
    let mut bytes = 0u64;
    // One byte more than declared is enough to know the header lied.
    let mut reader = entry.take(p.size + 1);
    loop {
        let got = match reader.read(buf) {
            Ok(0) => break,
            Ok(got) => got,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => {
                return Err(reject(
                    "invalid_package",
                    format!("{}: corrupt data: {e}", p.name),
                ));
            }
        };
        bytes += got as u64;
        *actual_total += got as u64;
        if bytes > p.size {
            return Err(reject(
                "zip_bomb",
                format!("{}: unpacks to more than its header declares", p.name),
            ));
        }
        if *actual_total > limit {
            return Err(ApiError::PayloadTooLarge(format!(
                "the package unpacks to more than {limit} bytes"
            )));
        }
        if bytes > RATIO_FLOOR && bytes > compressed.max(1).saturating_mul(MAX_RATIO) {
            return Err(reject(
                "zip_bomb",
                format!("{}: compressed more than {MAX_RATIO}:1", p.name),
            ));
        }
        hasher.update(&buf[..got]);
        file.write_all(&buf[..got]).map_err(internal)?;
        if keep {
            kept.extend_from_slice(&buf[..got]);
        }
    }
    if bytes != p.size {
        return Err(reject(
            "invalid_package",
            format!("{}: shorter than its header declares", p.name),
        ));
    }
    if bytes != p.size {
        return Err(reject(
            "invalid_package",
            format!("{}: shorter than its header declares", p.name),
        ));
    }
    Ok((hex::encode(hasher.finalize()), bytes, kept))
}
