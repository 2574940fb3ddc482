#!/usr/bin/env python3
"""Run the OCI runtime validation suite (runtime-tools) against a runc-compatible runtime.

Usage: validate.py --suite DIR --runtime PATH [--baseline FILE] [--jobs N] [PROGRAM ...]

Prints one row per program (passed/failed/skipped TAP assertions), totals, and every failing
assertion. With --baseline (a JSON {"program": passed, ...} plus "total"), exits 1 when any
program passes fewer assertions than its baseline (a regression). Must run as root.
"""
import argparse, concurrent.futures, json, os, re, subprocess, sys, time

def run_one(suite, runtime, prog, timeout):
    exe = os.path.join(suite, "validation", prog, prog + ".t")
    env = dict(os.environ, RUNTIME=runtime, PATH=suite + ":" + os.environ.get("PATH", ""))
    start = time.monotonic()
    try:
        p = subprocess.run([exe], cwd=suite, env=env, capture_output=True, text=True,
                           timeout=timeout, errors="replace")
        out, err, code = p.stdout, p.stderr, p.returncode
    except subprocess.TimeoutExpired as e:
        out = (e.stdout or b"").decode(errors="replace") if isinstance(e.stdout, bytes) else (e.stdout or "")
        err, code = "timed out after %ds" % timeout, -1
    passed = failed = skipped = 0
    planned = None
    failures = []
    for line in out.splitlines():
        m = re.match(r"^(not ok|ok)\s+\d+\s*-?\s*(.*)$", line)
        if m:
            if m.group(1) == "ok":
                if "# SKIP" in m.group(2):
                    skipped += 1
                passed += 1
            else:
                failed += 1
                failures.append(m.group(2))
            continue
        m = re.match(r"^1\.\.(\d+)", line)
        if m:
            planned = int(m.group(1))
    # A program that died before its plan (or short of it) counts its missing assertions as failed.
    # Some programs (the *_fail ones) print nothing and exit 0 when the runtime refused a bad
    # config as it must: one passed assertion. Printing assertions and then exiting non-zero
    # (util.Fatal after the runtime wrongly accepted the config) adds one failure.
    if planned is None:
        if passed + failed == 0:
            if code == 0:
                passed += 1
            else:
                failed += 1
                failures.append("no TAP output (exit %s): %s" % (code, err.strip()[-300:]))
    elif code not in (0, None) and failed == 0 and "_fail" in prog:
        failed += 1
        failures.append("exit %s after its assertions: %s" % (code, err.strip()[-300:]))
    elif passed + failed < planned:
        missing = planned - passed - failed
        failed += missing
        failures.append("%d planned assertions never ran (exit %s): %s" % (missing, code, err.strip()[-300:]))
    return prog, passed, failed, skipped, failures, time.monotonic() - start

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--suite", required=True)
    ap.add_argument("--runtime", required=True)
    ap.add_argument("--baseline")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--timeout", type=int, default=180)
    ap.add_argument("--json", help="write the per-program results here")
    ap.add_argument("programs", nargs="*")
    a = ap.parse_args()
    progs = a.programs or sorted(d for d in os.listdir(os.path.join(a.suite, "validation"))
                                 if os.path.exists(os.path.join(a.suite, "validation", d, d + ".t")))
    results = []
    with concurrent.futures.ThreadPoolExecutor(a.jobs) as ex:
        for r in ex.map(lambda p: run_one(a.suite, a.runtime, p, a.timeout), progs):
            results.append(r)
    tp = tf = ts = 0
    print("%-44s %6s %6s %6s %7s" % ("program", "pass", "fail", "skip", "secs"))
    for prog, p, f, s, _, secs in results:
        print("%-44s %6d %6d %6d %7.1f" % (prog, p, f, s, secs))
        tp, tf, ts = tp + p, tf + f, ts + s
    print("%-44s %6d %6d %6d" % ("TOTAL (%d programs, %d with no failure)" % (
        len(results), sum(1 for r in results if r[2] == 0)), tp, tf, ts))
    print("passed %d of %d assertions" % (tp, tp + tf))
    for prog, _, f, _, failures, _ in results:
        for x in failures:
            print("FAIL %s: %s" % (prog, x))
    if a.json:
        with open(a.json, "w") as fh:
            json.dump({r[0]: r[1] for r in results} | {"total": tp}, fh, indent=1, sort_keys=True)
    if a.baseline:
        base = json.load(open(a.baseline))
        worse = [(prog, base[prog], p) for prog, p, *_ in results if prog in base and p < base[prog]]
        print("baseline: %d passed assertions (tests/oci/baseline.json); this run: %d" % (base.get("total", 0), tp))
        for prog, b, p in worse:
            print("REGRESSION %s: %d passed, baseline %d" % (prog, p, b))
        if worse:
            return 1
    return 0

if __name__ == "__main__":
    sys.exit(main())
