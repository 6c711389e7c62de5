//! Decompression bombs as avatars: small files that declare huge bitmaps. Alone in this file so the
//! peak RSS the test reads is its own (the API runs in the test process).

use std::io::Write as _;
use std::time::Instant;

use aimini_tests::{TestApp, TestUser, spawn_app};
use reqwest::multipart::{Form, Part};
use serde_json::Value;

/// A valid PNG of `w`x`h` pixels, all zero, RGBA at `bit_depth` bits a channel: a few hundred KB
/// that decode to `w*h*4*bit_depth/8` bytes. Written row by row, so the test never holds the bitmap.
fn png_bomb(w: u32, h: u32, bit_depth: u8) -> Vec<u8> {
    fn chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
        out.extend_from_slice(&u32::try_from(data.len()).expect("len").to_be_bytes());
        let mut crc = flate2::Crc::new();
        crc.update(kind);
        crc.update(data);
        out.extend_from_slice(kind);
        out.extend_from_slice(data);
        out.extend_from_slice(&crc.sum().to_be_bytes());
    }
    let mut ihdr = Vec::new();
    ihdr.extend_from_slice(&w.to_be_bytes());
    ihdr.extend_from_slice(&h.to_be_bytes());
    // bit depth, colour type 6 (RGBA), deflate, adaptive filtering, no interlace
    ihdr.extend_from_slice(&[bit_depth, 6, 0, 0, 0]);
    let row = vec![0u8; 1 + w as usize * 4 * usize::from(bit_depth / 8)];
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    for _ in 0..h {
        z.write_all(&row).expect("deflate");
    }
    let idat = z.finish().expect("deflate");
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    chunk(&mut out, b"IHDR", &ihdr);
    chunk(&mut out, b"IDAT", &idat);
    chunk(&mut out, b"IEND", &[]);
    out
}

fn status_kib(field: &str) -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .expect("status")
        .lines()
        .find_map(|l| l.strip_prefix(field))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .expect("status field")
}

async fn upload(app: &TestApp, user: &TestUser, png: Vec<u8>) -> (u16, Value) {
    let form = Form::new().part(
        "avatar",
        Part::bytes(png)
            .file_name("bomb.png")
            .mime_str("image/png")
            .expect("mime"),
    );
    let resp = app
        .client
        .post(app.url("/api/v1/users/avatar"))
        .bearer_auth(&user.access_token)
        .multipart(form)
        .send()
        .await
        .expect("upload");
    let status = resp.status().as_u16();
    (status, resp.json().await.unwrap_or(Value::Null))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn twenty_parallel_decompression_bombs_are_refused_in_bounded_memory() {
    let app = spawn_app().await;
    let user = app.register("bomber").await;
    // Over the dimension limit (6000x6000, 137 MiB decoded), and inside it but over the
    // allocation limit (4096x4096 at 16 bits, 128 MiB decoded). Both passed the old 8192 / 256 MiB
    // limits.
    let wide = png_bomb(6000, 6000, 8);
    let deep = png_bomb(4096, 4096, 16);
    eprintln!("bomb files: {} and {} bytes", wide.len(), deep.len());
    assert!(wide.len() < 1 << 20 && deep.len() < 1 << 20);
    // A normal avatar first, so connection pools and first-use allocations are not counted.
    let (status, body) = upload(&app, &user, png_bomb(300, 200, 8)).await;
    assert_eq!(status, 200, "{body}");

    // Linux: writing 5 to clear_refs restarts the VmHWM (peak RSS) counter.
    let reset = std::fs::write("/proc/self/clear_refs", "5").is_ok();
    let before = status_kib("VmRSS:");
    let started = Instant::now();
    let uploads = (0..20).map(|i| {
        let png = if i % 2 == 0 {
            wide.clone()
        } else {
            deep.clone()
        };
        upload(&app, &user, png)
    });
    let results = futures::future::join_all(uploads).await;
    let took = started.elapsed();
    let peak = status_kib("VmHWM:");
    let growth_mib = peak.saturating_sub(before) as f64 / 1024.0;
    eprintln!(
        "20 parallel avatar bombs: {:.0} ms, RSS before {:.0} MiB, peak {:.0} MiB, growth {growth_mib:.1} MiB (VmHWM reset: {reset})",
        took.as_secs_f64() * 1000.0,
        before as f64 / 1024.0,
        peak as f64 / 1024.0,
    );
    for (status, body) in &results {
        assert_eq!(*status, 422, "{body}");
        assert_eq!(body["error"]["code"], "image_too_large", "{body}");
    }
    // Generous: the bombs are refused from their headers, and real decodes are capped in number and
    // size (AIMINI_IMAGE_MAX_CONCURRENT x AIMINI_IMAGE_MAX_ALLOC_MB); before the fix this was
    // several GiB.
    assert!(growth_mib < 400.0, "peak RSS grew {growth_mib:.1} MiB");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn large_images_inside_the_limits_decode_a_few_at_a_time() {
    let app = spawn_app().await;
    let user = app.register("bigpics").await;
    // Inside every limit: 4096x4096 RGBA is exactly the 64 MiB allocation limit.
    let big = png_bomb(4096, 4096, 8);
    let (status, body) = upload(&app, &user, png_bomb(300, 200, 8)).await;
    assert_eq!(status, 200, "{body}");
    let reset = std::fs::write("/proc/self/clear_refs", "5").is_ok();
    let before = status_kib("VmRSS:");
    let started = Instant::now();
    let results = futures::future::join_all((0..8).map(|_| upload(&app, &user, big.clone()))).await;
    let took = started.elapsed();
    let growth_mib = status_kib("VmHWM:").saturating_sub(before) as f64 / 1024.0;
    eprintln!(
        "8 parallel 4096x4096 avatars: {:.0} ms, peak RSS growth {growth_mib:.1} MiB (VmHWM reset: {reset})",
        took.as_secs_f64() * 1000.0
    );
    for (status, body) in &results {
        assert_eq!(*status, 200, "{body}");
    }
    // AIMINI_IMAGE_MAX_CONCURRENT (2) decodes of at most 64 MiB each, plus resizing; eight at once
    // would need well over 600 MiB.
    assert!(growth_mib < 400.0, "peak RSS grew {growth_mib:.1} MiB");
}
