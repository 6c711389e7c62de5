#!/usr/bin/env python3
"""Sorts `perf script` samples of an aimini worker run into pipeline stages.

Reads `perf script` output on stdin (perf record --call-graph, children followed). Two facts decide
a sample's stage:

- Its process. Every run of a game's code (the smoke test, validation, thumbnails) happens in a
  sandbox child (`aimini-worker sandbox`, one per task); everything else is the worker process.
  A child whose samples ever show the thumbnail path (`thumbnails_blocking`, scaling, WebP) ran a
  thumbnail task, any other child a smoke test or validation. QuickJS recurses deeply, so most
  runner stacks are cut off before they reach the task's entry point: the child, not the stack,
  says which task a sample belongs to.
- Its code. Inside the worker, the first stage any frame names (moderation, static check,
  postgres, ...); inside a child, the kind of work at the leaf (QuickJS, rasterising, encoding,
  process start).

Prints CPU seconds per stage, per game with --jobs, and the hottest leaf functions (--top).
"""
import argparse
import collections
import re
import sys

WORKER_STAGES = [
    ("worker: static check (oxc)", r"jscheck|oxc_"),
    ("worker: moderation (content policy, rustrict)", r"jobs::moderate|safety::|rustrict"),
    ("worker: storage (package write)", r"store_package|storage::|aws_sdk|aws_smithy"),
    ("worker: engine (route, template fill, schema)", r"local::|engines::|router::|templates::|jsonschema"),
    ("worker: postgres (sqlx)", r"sqlx"),
    ("worker: queue (apalis, redis)", r"apalis|redis::"),
    ("worker: spawning sandbox children", r"sandbox::Sandbox|process::Command|spawn|fork|clone3|execve"),
    ("worker: json", r"serde_json"),
    ("worker: async runtime, sockets, kernel", r"tokio::|mio::|epoll|hyper::|^\w+$"),
]
CHILD_KINDS = [
    ("encode and scale images", r"image_webp|webp::|image::imageops"),
    ("rasterise (tiny-skia)", r"tiny_skia|load_8888|store_8888|source_over|lowp::|highp::|walk_edges|as_line|insert_new_edges|backward_insert|fill_path|gather_ix"),
    ("JS (QuickJS)", r"^(?:JS_|js_|__JS_|lre_|free_|mark_|gc_|__js)|quickjs|rquickjs|find_own_property|hash_atom|set_value|JS_CallInternal"),
    ("canvas and host calls", r"runner::canvas|runner::host|runner::color|runner::session|runner::fingerprint|runner::script"),
    ("process start and exit (exec, loader, page faults)", r"_dl_|elf_|execve|do_exit|exit_mmap"),
]
THUMB = re.compile(r"thumbnails_blocking|image_webp|webp::|image::imageops")
W_COMPILED = [(n, re.compile(p)) for n, p in WORKER_STAGES]
C_COMPILED = [(n, re.compile(p)) for n, p in CHILD_KINDS]


def samples(lines):
    """Yields (pid, [frames leaf first]) for each sample."""
    head, frames = None, []
    for line in lines:
        line = line.rstrip("\n")
        if not line.strip():
            if head is not None:
                yield head, frames
            head, frames = None, []
        elif not line.startswith(("\t", " ")):
            m = re.match(r"\s*\S+\s+(\d+)", line)
            head = int(m.group(1)) if m else -1
        else:
            parts = line.strip().split(None, 1)
            sym = parts[1] if len(parts) > 1 else parts[0]
            frames.append(re.sub(r"\+0x[0-9a-f]+", "", sym.split(" (")[0]))
    if head is not None:
        yield head, frames


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--jobs", type=int, default=0, help="games made during the profile")
    ap.add_argument("--hz", type=float, default=199.0, help="perf record -F")
    ap.add_argument("--top", type=int, default=3, help="hottest leaf functions shown per stage")
    args = ap.parse_args()
    by_pid = collections.defaultdict(list)
    for pid, frames in samples(sys.stdin):
        if frames:
            by_pid[pid].append(frames)
    if not by_pid:
        sys.exit("perf-stages: no samples read")
    # The worker is the process with the most samples; the others are its sandbox children.
    worker = max(by_pid, key=lambda p: len(by_pid[p]))
    count = collections.Counter()
    leaves = collections.defaultdict(collections.Counter)
    tasks = collections.Counter()
    for pid, stacks in by_pid.items():
        if pid == worker:
            for frames in stacks:
                stage = "worker: other"
                for name, pattern in W_COMPILED:
                    if any(pattern.search(f) for f in frames):
                        stage = name
                        break
                count[stage] += 1
                leaves[stage][frames[0][:80]] += 1
            continue
        task = "thumbnail" if any(THUMB.search(f) for fr in stacks for f in fr) else "smoke test / validation"
        tasks[task] += 1
        for frames in stacks:
            # The innermost frame that names a kind of work decides (memcpy called by tiny-skia is
            # rasterising).
            kind = next(
                (name for f in frames for name, pattern in C_COMPILED if pattern.search(f)),
                "other",
            )
            stage = f"runner, {task}: {kind}"
            count[stage] += 1
            leaves[stage][frames[0][:80]] += 1
    total = sum(count.values())
    print(f"sandbox children: {dict(tasks)}")
    per_game = f" CPU ms per game ({args.jobs}) |" if args.jobs else ""
    print(f"| stage | samples | share | CPU s |{per_game}")
    print("|---|---|---|---|" + ("---|" if args.jobs else ""))
    for stage, n in sorted(count.items(), key=lambda kv: (kv[0].split(":")[0], -kv[1])):
        secs = n / args.hz
        row = f"| {stage} | {n} | {100 * n / total:.1f}% | {secs:.2f} |"
        if args.jobs:
            row += f" {1000 * secs / args.jobs:.1f} |"
        print(row)
    row = f"| all | {total} | 100% | {total / args.hz:.2f} |"
    if args.jobs:
        row += f" {1000 * total / args.hz / args.jobs:.1f} |"
    print(row)
    print()
    for stage, n in count.most_common():
        top = ", ".join(f"{name} {100 * c / n:.0f}%" for name, c in leaves[stage].most_common(args.top))
        print(f"- {stage}: {top}")


if __name__ == "__main__":
    main()
