#!/usr/bin/env python3
"""Who used the CPU during a benchmark run, in cores busy, by process group.

    python3 scripts/bench/cpu.py run CMD ARGS...    # runs CMD (wrk), then prints one line
    python3 scripts/bench/cpu.py snap FILE          # before a run that is not one command
    python3 scripts/bench/cpu.py diff FILE SECONDS  # after it: prints one line

Groups: api, worker (its sandbox children included while they live), postgres (every backend),
redis, wrk (the load generator: its share says whether it was the bottleneck), other. Reads
/proc/<pid>/stat, so processes that start and exit inside the window are not counted, except the
command given to `run`, whose own CPU time comes from the kernel's account of finished children.
"""
import os, sys, json, resource, subprocess, time
HZ = os.sysconf('SC_CLK_TCK')
def snap():
    out = {}
    for pid in os.listdir('/proc'):
        if not pid.isdigit(): continue
        try:
            with open(f'/proc/{pid}/stat') as f: st = f.read()
            comm = st[st.index('(')+1:st.rindex(')')]
            fields = st[st.rindex(')')+2:].split()
            t = (int(fields[11]) + int(fields[12])) / HZ
        except Exception: continue
        if comm.startswith('aimini-api'): g = 'api'
        elif comm.startswith('aimini-worker'): g = 'worker'
        elif comm.startswith('postgres'): g = 'postgres'
        elif comm.startswith('redis'): g = 'redis'
        elif comm.startswith('wrk'): g = 'wrk'
        else: g = 'other'
        out[pid] = (g, t)
    return out
def report(before, secs, extra=None):
    after = snap()
    tot = dict(extra or {})
    for pid, (g, t) in after.items():
        t0 = before.get(pid, (g, 0.0))[1]
        tot[g] = tot.get(g, 0.0) + max(0.0, t - t0)
    print('   CPU (cores busy): ' + ', '.join(f'{g} {v/secs:.2f}' for g, v in sorted(tot.items(), key=lambda x: -x[1]) if v/secs >= 0.01), flush=True)

if sys.argv[1] == 'snap':
    json.dump(snap(), open(sys.argv[2], 'w'))
elif sys.argv[1] == 'run':
    before = snap(); start = time.monotonic()
    r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    code = subprocess.call(sys.argv[2:])
    r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    secs = time.monotonic() - start
    child = (r1.ru_utime + r1.ru_stime) - (r0.ru_utime + r0.ru_stime)
    report(before, secs, {os.path.basename(sys.argv[2]): child})
    sys.exit(code)
else:
    report(json.load(open(sys.argv[2])), float(sys.argv[3]))
