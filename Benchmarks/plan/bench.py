"""Drives the plan benchmark: generates declarations, fills a store, times plan and the libyaml parse floor."""
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
BODY = open(os.path.join(HERE, "body.hbs")).read()
RUNS = int(os.environ.get("RUNS", "3"))


def declaration(i, url_suffix=""):
    body = "\n".join("  " + line if line else "" for line in BODY.rstrip("\n").split("\n"))
    return (
        f"name: hook-{i:05d}\n"
        "method: POST\n"
        f"url: https://hooks{i % 50}.example.com/in/{i:05d}{url_suffix}\n"
        "auth:\n"
        "  type: bearer\n"
        "  token: ${env:BENCH_TOKEN}\n"
        "triggers: [Created, Approved, Granted]\n"
        "timeout: 5s\n"
        f"body: |\n{body}\n"
    )


def write(root, n, changed=()):
    for i in range(n):
        folder = os.path.join(root, "webhooks.d", f"team-{i // 100:03d}")
        os.makedirs(folder, exist_ok=True)
        with open(os.path.join(folder, f"hook-{i:05d}.yaml"), "w") as f:
            f.write(declaration(i, "/v2" if i in changed else ""))


def timed(args, cwd, env):
    """Runs args under /usr/bin/time -v; returns (seconds, peak MiB, stdout, exit code)."""
    proc = subprocess.run(["/usr/bin/time", "-v"] + args, cwd=cwd, env=env, capture_output=True, text=True)
    wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (\S+)", proc.stderr).group(1)
    parts = [float(p) for p in wall.split(":")]
    seconds = sum(p * 60 ** (len(parts) - 1 - k) for k, p in enumerate(parts))
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", proc.stderr).group(1)) / 1024
    cpu = sum(float(re.search(rf"{kind} time \(seconds\): (\S+)", proc.stderr).group(1)) for kind in ("User", "System"))
    return seconds, rss, proc.stdout, proc.returncode, proc.stderr, cpu


def best_of(args, cwd, env, expect):
    """Best and median wall seconds, peak RSS MiB, best CPU (user + system) seconds over RUNS runs."""
    results = []
    for _ in range(RUNS):
        seconds, rss, out, code, err, cpu = timed(args, cwd, env)
        if expect not in out:
            sys.exit(f"unexpected output from {' '.join(args)} (exit {code}):\n{out[-2000:]}\n{err[-2000:]}")
        results.append((seconds, rss, cpu))
    walls = [r[0] for r in results]
    return min(walls), statistics.median(walls), max(r[1] for r in results), min(r[2] for r in results)


def main():
    binary, n = os.path.abspath(sys.argv[1]), int(sys.argv[2])
    root = tempfile.mkdtemp(prefix="hookctl-plan-bench-")
    env = dict(os.environ, BENCH_TOKEN="bench-token-value", HOOKCTL_STORE_KEY="AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=",
               USER=os.environ.get("USER", "bench"))
    try:
        write(root, n)
        apply_s, apply_rss, out, code, err, _ = timed([binary, "apply", "--auto-approve", "--set", "bench"], root, env)
        if code != 0:
            sys.exit(f"initial apply failed ({code}):\n{out[-2000:]}\n{err[-2000:]}")
        floor = best_of(["python3", os.path.join(HERE, "parse_floor.py"), "webhooks.d"], root, env, f"parsed {n} files")
        same = best_of([binary, "plan", "--set", "bench"], root, env, "No changes.")
        changed = set(range(0, n, 100))
        write(root, n, changed)
        one = best_of([binary, "plan", "--set", "bench"], root, env, f"Plan: 0 to add, {len(changed)} to change, 0 to delete.")
        print(f"| case ({n} declarations in {n} files) | wall best s | wall median s | × floor (wall) "
              "| CPU best s | × floor (CPU) | peak RSS MiB |")
        print("|---|---:|---:|---:|---:|---:|---:|")
        for label, r in [("libyaml parse floor (PyYAML CLoader)", floor), ("hookctl plan, no changes", same),
                         (f"hookctl plan, 1% changed ({len(changed)})", one)]:
            print(f"| {label} | {r[0]:.2f} | {r[1]:.2f} | {r[0] / floor[0]:.2f} | {r[3]:.2f} | {r[3] / floor[3]:.2f} "
                  f"| {r[2]:.0f} |")
        print(f"| (initial apply of {n}, once) | {apply_s:.2f} | | | | | {apply_rss:.0f} |")
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
