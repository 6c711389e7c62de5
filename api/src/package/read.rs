//! Reading the request body: a JSON upload, or multipart streamed part by part to temp files under
//! the limits (see the parent module's design notes).

use super::zip::unpack;
use super::*;

pub(super) async fn read_json(
    req: Request,
    max: usize,
    mode: Mode,
    budget: &mut Budget<'_>,
) -> ApiResult<GameInput> {
    let mut stream = req.into_body().into_data_stream();
    let mut buf = Vec::new();
    while let Some(chunk) = stream.next().await {
        let chunk = chunk.map_err(|e| body_error(&e))?;
        if buf.len() + chunk.len() > max {
            return Err(too_large(max));
        }
        buf.extend_from_slice(&chunk);
    }
    crate::extract::refuse_json_nul(&buf)?;
    let body: JsonBody = serde_json::from_slice(&buf).map_err(|e| json_error(&e, "the body"))?;
    drop(buf);
    let meta = MetaIn {
        title: body.title,
        description: body.description,
        category: body.category,
        difficulty: body.difficulty,
        tags: body.tags,
        is_public: body.is_public,
        params: body.params,
    };
    let mut v = Validator::new();
    let meta = normalize(meta, mode, &mut v);
    if mode == Mode::Create && body.logic.is_none() {
        v.add("logic", "required: the game's code (logic.js)");
    }
    v.finish()?;
    let Some(logic) = body.logic else {
        return Ok(without_code(meta, mode));
    };
    budget.charge().await?;
    let logic = check_logic_blocking(logic).await?;
    let dir = temp_dir()?;
    let path = dir.path().join("logic.js");
    tokio::fs::write(&path, logic.as_bytes())
        .await
        .map_err(internal)?;
    let file = StagedFile {
        name: "logic.js".to_owned(),
        path,
        sha256: hex::encode(Sha256::digest(logic.as_bytes())),
        bytes: logic.len() as u64,
    };
    Ok(GameInput {
        package: Some(StagedPackage {
            meta: meta.clone(),
            files: vec![file],
            complete: false,
            dir: Some(dir),
        }),
        meta,
    })
}

/// A request that sends no code (JSON without `logic`, multipart without `package`): only an edit
/// can do that. Parameters change what the game does, so on an edit they make a new version too.
fn without_code(meta: MetaIn, mode: Mode) -> GameInput {
    let package = (mode == Mode::Update && meta.params.is_some()).then(|| StagedPackage {
        meta: meta.clone(),
        files: Vec::new(),
        complete: false,
        dir: None,
    });
    GameInput { meta, package }
}

pub(super) fn temp_dir() -> ApiResult<tempfile::TempDir> {
    tempfile::Builder::new()
        .prefix("aimini-upload-")
        .tempdir()
        .context("creating an upload temp dir")
        .map_err(ApiError::Internal)
}

pub(super) fn multipart_error(e: multer::Error, limit: usize) -> ApiError {
    match e {
        multer::Error::StreamSizeExceeded { .. } | multer::Error::FieldSizeExceeded { .. } => {
            too_large(limit)
        }
        multer::Error::StreamReadFailed(e) => body_error(e.as_ref()),
        other => ApiError::bad_request("invalid_multipart", other.to_string()),
    }
}

/// The `metadata` part, in memory (it is small and bounded).
async fn metadata_part(field: &mut multer::Field<'_>, body_max: usize) -> ApiResult<Vec<u8>> {
    let mut buf = Vec::new();
    while let Some(chunk) = field
        .chunk()
        .await
        .map_err(|e| multipart_error(e, body_max))?
    {
        if buf.len() + chunk.len() > MAX_METADATA_BYTES {
            return Err(ApiError::PayloadTooLarge(format!(
                "the metadata part is larger than {MAX_METADATA_BYTES} bytes"
            )));
        }
        buf.extend_from_slice(&chunk);
    }
    Ok(buf)
}

/// The `package` part, streamed to `path` and cut off past `limit` bytes.
async fn save_part(
    field: &mut multer::Field<'_>,
    path: &Path,
    limit: usize,
    body_max: usize,
) -> ApiResult<()> {
    let file = tokio::fs::File::create(path).await.map_err(internal)?;
    let mut out = tokio::io::BufWriter::with_capacity(4 * CHUNK, file);
    let mut written = 0usize;
    while let Some(chunk) = field
        .chunk()
        .await
        .map_err(|e| multipart_error(e, body_max))?
    {
        written += chunk.len();
        if written > limit {
            return Err(too_large(limit));
        }
        out.write_all(&chunk).await.map_err(internal)?;
    }
    out.flush().await.map_err(internal)?;
    Ok(())
}

pub(super) async fn read_multipart(
    req: Request,
    content_type: &str,
    limit: usize,
    body_max: usize,
    mode: Mode,
    budget: &mut Budget<'_>,
) -> ApiResult<GameInput> {
    let boundary = multer::parse_boundary(content_type).map_err(|_| {
        ApiError::bad_request(
            "invalid_multipart",
            "the multipart Content-Type has no boundary",
        )
    })?;
    let constraints = multer::Constraints::new()
        .size_limit(multer::SizeLimit::new().whole_stream(body_max as u64));
    let mut mp = multer::Multipart::with_constraints(
        req.into_body().into_data_stream(),
        boundary,
        constraints,
    );
    let dir = temp_dir()?;
    let mut metadata: Option<Vec<u8>> = None;
    let mut zip: Option<PathBuf> = None;
    while let Some(mut field) = mp
        .next_field()
        .await
        .map_err(|e| multipart_error(e, body_max))?
    {
        match field.name() {
            Some("metadata") => {
                if metadata.is_some() {
                    return Err(ApiError::bad_request(
                        "invalid_multipart",
                        "two `metadata` parts",
                    ));
                }
                metadata = Some(metadata_part(&mut field, body_max).await?);
            }
            Some("package") => {
                if zip.is_some() {
                    return Err(ApiError::bad_request(
                        "invalid_multipart",
                        "two `package` parts",
                    ));
                }
                budget.charge().await?;
                let path = dir.path().join("package.zip");
                save_part(&mut field, &path, limit, body_max).await?;
                zip = Some(path);
            }
            other => {
                return Err(reject(
                    "invalid_body",
                    format!(
                        "unexpected part {:?}: send `metadata` (JSON) and `package` (a zip)",
                        other.unwrap_or_default()
                    ),
                ));
            }
        }
    }
    let mut meta = match &metadata {
        Some(bytes) => {
            crate::extract::refuse_json_nul(bytes)?;
            serde_json::from_slice::<MetaIn>(bytes)
                .map_err(|e| json_error(&e, "the metadata part"))?
        }
        None => MetaIn::default(),
    };

    let Some(zip) = zip else {
        let mut v = Validator::new();
        let meta = normalize(meta, mode, &mut v);
        if mode == Mode::Create {
            v.add("package", "required: a zip with logic.js at its root");
        }
        v.finish()?;
        return Ok(without_code(meta, mode));
    };

    // The blocking task owns the temp dir while it writes into it: if the request is cancelled
    // meanwhile, the dir is removed when the task ends, not under its feet.
    let (dir, unpacked) = tokio::task::spawn_blocking(move || {
        let res = unpack(&zip, dir.path(), limit as u64);
        // The zip itself is no longer needed once its entries are out.
        let _ = std::fs::remove_file(&zip);
        (dir, res)
    })
    .await
    .map_err(|e| internal(anyhow::anyhow!("unpack task: {e}")))?;
    let unpacked = unpacked?;

    if let Some(bytes) = &unpacked.metadata {
        crate::extract::refuse_json_nul(bytes)?;
        let zm: ZipMeta = serde_json::from_slice(bytes)
            .map_err(|e| reject("invalid_package", format!("metadata.json in the zip: {e}")))?;
        fill_from_zip(&mut meta, zm);
    }
    let mut v = Validator::new();
    let meta = normalize(meta, mode, &mut v);
    v.finish()?;
    check_logic_blocking(unpacked.logic).await?;
    Ok(GameInput {
        package: Some(StagedPackage {
            meta: meta.clone(),
            files: unpacked.files,
            complete: true,
            dir: Some(dir),
        }),
        meta,
    })
}
