#!/usr/bin/env python3
"""The load generator and measurements of the runner benchmark (Python standard library only).

run.sh starts nginx and `hookctl run`; this measures them:

  bench.py batches SAMPLE OUT_DIR N TAG        N events (the sample with data.id = TAG-i) as batch files of at most
                                               1,000 events and 1 MiB each, for `hookctl emit --event`
  bench.py throughput --intake URL ...         posts N events in batches, times until every delivery is recorded
  bench.py latency --intake URL ...            one event per request at a fixed rate (open loop), latency from
                                               sending each event (and from reading its 202) to each delivery's
                                               arrival in nginx's log
  bench.py drain --pid PID --store DB ...      times a runner emptying a backlog, sampling its RSS every 0.5 s

Every loop here is bounded by a count or a deadline. Times are CLOCK_REALTIME (time.time()), like nginx's $msec.
"""

import argparse
import hashlib
import http.client
import itertools
import json
import os
import queue
import sqlite3
import statistics
import subprocess
import sys
import threading
import time

MAX_BODY = 1 << 20  # the intake's body limit
MAX_BATCH = 1000  # the intake's batch limit


def log(text):
    print(text, flush=True)


def make_events(sample_path, count, tag):
    """`count` distinct events (distinct data.id, so distinct idempotency keys), serialized."""
    with open(sample_path, encoding="utf-8") as f:
        sample = json.load(f)
    events = []
    for i in range(count):
        sample["data"]["id"] = f"{tag}-{i}"
        sample["data"]["friendly_id"] = f"AR-{tag}-{i}"
        events.append(json.dumps(sample, separators=(",", ":")).encode())
    return events


def batch_bodies(events):
    """JSON arrays of at most MAX_BATCH events and MAX_BODY bytes each, in order."""
    bodies, current, size = [], [], 2
    for event in events:
        if current and (len(current) == MAX_BATCH or size + len(event) + 1 > MAX_BODY):
            bodies.append((len(current), b"[" + b",".join(current) + b"]"))
            current, size = [], 2
        current.append(event)
        size += len(event) + 1
    if current:
        bodies.append((len(current), b"[" + b",".join(current) + b"]"))
    return bodies


def rss_kib(pid, field="VmRSS"):
    """A field of /proc/PID/status in KiB, or None when the process is gone."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as f:
            for line in f:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
    except OSError:
        return None
    return None


COUNTS = """SELECT (SELECT COUNT(*) FROM delivery WHERE state = 'pending'),
    (SELECT COUNT(*) FROM delivery WHERE state = 'delivered'),
    (SELECT COUNT(*) FROM invocation WHERE status = 'Success'),
    (SELECT COUNT(*) FROM invocation WHERE status = 'Failure')"""


def store_counts(db_path):
    """(pending deliveries, delivered deliveries, successful attempts, failed attempts) read from the store, read
    only: the store's commits are what is counted, so a delivery counts once its attempt is durable. `db_path` is an
    SQLite file or a postgres:// URL (read with psql)."""
    if db_path.startswith("postgres://"):
        out = subprocess.run(["psql", "-Atq", "-F", " ", "-d", db_path, "-c", COUNTS], check=True,
                             capture_output=True, text=True).stdout
        return tuple(int(n) for n in out.split())
    db = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=10)
    try:
        pending = db.execute("SELECT COUNT(*) FROM delivery WHERE state = 'pending'").fetchone()[0]
        delivered = db.execute("SELECT COUNT(*) FROM delivery WHERE state = 'delivered'").fetchone()[0]
        success = db.execute("SELECT COUNT(*) FROM invocation WHERE status = 'Success'").fetchone()[0]
        failure = db.execute("SELECT COUNT(*) FROM invocation WHERE status = 'Failure'").fetchone()[0]
        return pending, delivered, success, failure
    finally:
        db.close()


def pending_count(db_path):
    """Deliveries still pending: what the stages poll for. It reads only the pending end of the claim index, so
    polling it every 50 ms costs the machine next to nothing, where counting the whole history each time (as
    `store_counts` does once at the end) took a sizable share of one of the two cores from the runner."""
    if db_path.startswith("postgres://"):
        out = subprocess.run(["psql", "-Atq", "-d", db_path, "-c",
                              "SELECT COUNT(*) FROM delivery WHERE state = 'pending'"],
                             check=True, capture_output=True, text=True).stdout
        return int(out.strip())
    db = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=10)
    try:
        return db.execute("SELECT COUNT(*) FROM delivery WHERE state = 'pending'").fetchone()[0]
    finally:
        db.close()


def percentile(values, p):
    """The p-th percentile (nearest rank) of a non-empty list."""
    ordered = sorted(values)
    rank = max(1, min(len(ordered), int(round(p / 100 * len(ordered) + 0.5))))
    return ordered[rank - 1]


class Intake:
    """A keep-alive connection to the runner's intake."""

    def __init__(self, url, token):
        assert url.startswith("http://"), "the benchmark's intake is plain HTTP on loopback"
        host, port = url[len("http://") :].rstrip("/").split(":")
        self.connection = http.client.HTTPConnection(host, int(port), timeout=30)
        self.headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}

    def post(self, path, body):
        self.connection.request("POST", path, body=body, headers=self.headers)
        response = self.connection.getresponse()
        data = response.read()
        self.retry_after = response.getheader("Retry-After")
        return response.status, data

    def close(self):
        self.connection.close()


class RSSSampler(threading.Thread):
    """Samples a process's VmRSS every `interval` seconds until stopped (or the process is gone)."""

    def __init__(self, pid, interval=0.5):
        super().__init__(daemon=True)
        self.pid, self.interval = pid, interval
        self.samples = []  # (seconds since start, KiB)
        self.stopping = threading.Event()

    def run(self):
        start = time.time()
        while not self.stopping.is_set():
            kib = rss_kib(self.pid)
            if kib is None:
                return
            self.samples.append((time.time() - start, kib))
            self.stopping.wait(self.interval)

    def stop(self):
        self.stopping.set()
        self.join(5)


def cpu_seconds(pid):
    """The process's user + system CPU time in seconds (/proc/PID/stat), or None when it is gone."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as f:
            fields = f.read().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def peak_line(pid):
    hwm = rss_kib(pid, "VmHWM")
    rss = rss_kib(pid, "VmRSS")
    return f"runner memory: peak (VmHWM) {hwm / 1024:.1f} MiB, now (VmRSS) {rss / 1024:.1f} MiB"


def throughput(args):
    events = make_events(args.sample, args.events, args.tag)
    bodies = batch_bodies(events)
    expected = args.events * args.webhooks
    log(
        f"posting {args.events:,} events ({len(events[0]):,} bytes each) in {len(bodies)} batches of up to "
        f"{max(n for n, _ in bodies)}, {args.connections} requests in flight; expecting {expected:,} deliveries"
    )
    work = queue.Queue()
    for item in bodies:
        work.put(item)
    errors = []
    accepted = [0]
    lock = threading.Lock()

    intakes = args.intake.split(",")
    posted = itertools.count()

    def poster():
        # Posters take turns over the runners' intakes (one intake, or several runners sharing one store).
        intake = Intake(intakes[next(posted) % len(intakes)], args.token)
        try:
            while True:
                try:
                    count, body = work.get_nowait()
                except queue.Empty:
                    return
                status, data = intake.post("/v1/events/batch", body)
                for _ in range(60):
                    if status != 503:
                        break
                    # The store could not commit in time: try again after Retry-After, as a producer should.
                    time.sleep(float(intake.retry_after or 1))
                    status, data = intake.post("/v1/events/batch", body)
                answer = json.loads(data)
                if status != 202 or answer.get("accepted") != count:
                    errors.append(f"HTTP {status}: {data[:300]!r}")
                    return
                with lock:
                    accepted[0] += count
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(repr(error))
        finally:
            intake.close()

    sampler = RSSSampler(args.pid)
    sampler.start()
    start = time.time()
    threads = [threading.Thread(target=poster) for _ in range(args.connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(args.timeout)
    intake_done = time.time()
    if errors:
        sampler.stop()
        sys.exit(f"error: the intake refused a batch: {errors[0]}")
    # Until every delivery is recorded (polled every 50 ms), bounded by the timeout. Every event was accepted with
    # its fan-out before its batch was answered, so once none is pending every attempt is recorded (a delivery
    # leaves `pending` in the transaction that records its attempt); the history is counted once, after.
    deadline = start + args.timeout
    done = None
    while time.time() < deadline:
        if pending_count(args.store) == 0:
            done = time.time()
            break
        time.sleep(0.05)
    sampler.stop()
    pending, delivered, success, failure = store_counts(args.store)
    if done is None or delivered + failure < expected:
        sys.exit(f"error: not drained within {args.timeout} s: {pending} pending, {delivered} delivered")
    elapsed = done - start
    rate = success / elapsed
    log(f"intake: {accepted[0]:,} events accepted in {intake_done - start:.2f} s ({accepted[0] / (intake_done - start):,.0f} events/s, committed with their fan-out)")
    log(f"recorded: {success:,} successful attempts, {failure} failed, {delivered:,} deliveries done, {pending} pending")
    log(f"deliveries/s: {rate:,.0f} ({success:,} deliveries in {elapsed:.2f} s, from the first batch to the last attempt recorded)")
    log(peak_line(args.pid))
    if args.wrk_rate:
        log(f"ratio to wrk: {rate / args.wrk_rate * 100:.1f}% of {args.wrk_rate:,.0f} requests/s")
    print(f"RESULT deliveries_per_second={rate:.0f} elapsed={elapsed:.3f} hwm_kib={rss_kib(args.pid, 'VmHWM')}")
    if success != expected:
        sys.exit(f"error: expected {expected} successful attempts, found {success}")


def message_id(webhook, event_id):
    """hookctl's `webhook-id` for one event and webhook (StandardWebhookSigner.messageID)."""
    return "msg_" + hashlib.sha256(f"{webhook}\0{event_id}".encode()).hexdigest()[:32]


def latency(args):
    total = int(args.rate * args.seconds)
    events = make_events(args.sample, total, args.tag)
    names = args.names.split(",")
    interval = 1.0 / args.rate
    work = queue.Queue()
    records = [None] * total  # (scheduled, sent, answered, event id)
    errors = []

    def sender():
        intake = Intake(args.intake, args.token)
        try:
            while True:
                item = work.get()
                if item is None:
                    return
                index, scheduled = item
                sent = time.time()
                status, data = intake.post("/v1/events", events[index])
                answered = time.time()
                if status != 202:
                    errors.append(f"HTTP {status}: {data[:300]!r}")
                    continue
                records[index] = (scheduled, sent, answered, json.loads(data)["event_id"])
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(repr(error))
        finally:
            intake.close()

    threads = [threading.Thread(target=sender, daemon=True) for _ in range(args.connections)]
    for thread in threads:
        thread.start()
    log(f"posting {total:,} events, one per request, at {args.rate:g}/s for {args.seconds:g} s (open loop, {args.connections} connections)")
    sampler = RSSSampler(args.pid)
    sampler.start()
    start = time.time() + 0.1
    # Open loop: the i-th event is due at start + i/rate whatever the answers before it took; a late send is kept
    # and counted (scheduled→sent), so a slow intake cannot slow the load down.
    for index in range(total):
        scheduled = start + index * interval
        pause = scheduled - time.time()
        if pause > 0:
            time.sleep(pause)
        work.put((index, scheduled))
    for _ in threads:
        work.put(None)
    for thread in threads:
        thread.join(30)
    if errors:
        sampler.stop()
        sys.exit(f"error: {len(errors)} requests failed, first: {errors[0]}")
    # Every delivery's arrival at nginx, within 30 s of the last answer.
    wanted = {}
    for index, (scheduled, sent, answered, event_id) in enumerate(records):
        for name in names:
            wanted[message_id(name, event_id)] = index
    arrivals = {}
    deadline = time.time() + 30
    while time.time() < deadline:
        arrivals = {}
        with open(args.arrivals, encoding="ascii") as f:
            for line in f:
                parts = line.split()
                if len(parts) == 2 and parts[1] in wanted:
                    # A retry would log a later arrival; the first is the delivery.
                    arrivals.setdefault(parts[1], float(parts[0]))
        if len(arrivals) >= len(wanted):
            break
        time.sleep(0.2)
    sampler.stop()
    if len(arrivals) < len(wanted):
        sys.exit(f"error: only {len(arrivals)} of {len(wanted)} deliveries reached nginx within 30 s")
    warmup = int(args.rate * args.warmup)
    from_answer, from_send, lateness, intake = [], [], [], []
    for message, arrived in arrivals.items():
        index = wanted[message]
        if index < warmup:
            continue
        scheduled, sent, answered, _ = records[index]
        from_answer.append((arrived - answered) * 1000)
        from_send.append((arrived - sent) * 1000)
    for index in range(warmup, total):
        scheduled, sent, answered, _ = records[index]
        lateness.append((sent - scheduled) * 1000)
        intake.append((answered - sent) * 1000)
    early = sum(1 for value in from_answer if value < 0)
    achieved = (total - 1) / (records[-1][1] - records[0][1])

    def summary(values):
        return (
            f"p50 {percentile(values, 50):.1f} ms, p90 {percentile(values, 90):.1f} ms, "
            f"p99 {percentile(values, 99):.1f} ms, max {max(values):.1f} ms"
        )

    log(f"sent {total:,} events at {achieved:.1f}/s; {len(from_answer):,} deliveries measured (the first {args.warmup:g} s are warm-up)")
    log(f"intake-to-delivered (request sent → arrival at nginx): {summary(from_send)}")
    log(f"202 read → arrival at nginx: {summary(from_answer)} ({early} arrived before this client read their 202)")
    log(f"intake answer (send → 202): {summary(intake)}; sends late by more than 1 ms: {sum(1 for v in lateness if v > 1)}")
    log(peak_line(args.pid))
    print(
        f"RESULT p50_ms={percentile(from_send, 50):.1f} p99_ms={percentile(from_send, 99):.1f} "
        f"p99_from_202_ms={percentile(from_answer, 99):.1f} "
        f"hwm_kib={rss_kib(args.pid, 'VmHWM')}"
    )


def drain(args):
    """Samples from the runner's start (`--started`, its spawn time) until no delivery is pending."""
    sampler = RSSSampler(args.pid)
    sampler.start()
    done = None
    pending_series = []
    deadline = args.started + args.timeout
    while time.time() < deadline:
        now = time.time()
        pending = pending_count(args.store)
        pending_series.append((now - args.started, pending))
        if pending == 0:
            done = now
            break
        time.sleep(0.05)
    sampler.stop()
    if done is None:
        sys.exit(f"error: the backlog did not drain within {args.timeout} s ({pending_series[-1][1]} pending)")
    _, delivered, success, failure = store_counts(args.store)
    elapsed = done - args.started
    samples = sampler.samples
    mib = [kib / 1024 for _, kib in samples]
    log(f"drained {args.expected:,} queued deliveries in {elapsed:.2f} s ({args.expected / elapsed:,.0f} deliveries/s, from the runner's start); {success:,} successful attempts recorded, {failure} failed")
    log("RSS every 0.5 s (MiB): " + " ".join(f"{value:.0f}" for value in mib))
    half = len(mib) // 2
    flat = None
    if half >= 2:
        first, second = max(mib[:half]), max(mib[half:])
        slope = statistics.linear_regression([t for t, _ in samples[half:]], mib[half:]).slope if len(mib) - half >= 2 else 0.0
        flat = second <= first * 1.10
        log(f"memory while draining: peak of the first half {first:.1f} MiB, of the second half {second:.1f} MiB, "
            f"second-half slope {slope:+.2f} MiB/s → {'flat' if flat else 'GROWING'}")
    log(peak_line(args.pid))
    cpu = cpu_seconds(args.pid)
    if cpu is not None:
        # The runner's own CPU time (user + system, its start included): what a delivery costs whatever else the
        # machine runs, and so the rate two idle cores could give the runner alone.
        log(f"runner CPU: {cpu:.2f} s for {args.expected:,} deliveries = {cpu / args.expected * 1e6:.0f} µs per delivery "
            f"(at most {2 * args.expected / cpu:,.0f} deliveries/s on 2 cores with nothing else running)")
    print(f"RESULT drain_seconds={elapsed:.2f} flat={flat} hwm_kib={rss_kib(args.pid, 'VmHWM')} "
          f"cpu_us_per_delivery={cpu / args.expected * 1e6 if cpu else 0:.0f}")
    if success != args.expected:
        sys.exit(f"error: expected {args.expected} successful attempts, found {success}")


def batches(args):
    events = make_events(args.sample, args.count, args.tag)
    os.makedirs(args.out, exist_ok=True)
    for number, (_, body) in enumerate(batch_bodies(events)):
        with open(os.path.join(args.out, f"batch-{number:04d}.json"), "wb") as f:
            f.write(body)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)

    def intake_options(command):
        command.add_argument("--intake", required=True, help="http://127.0.0.1:PORT (throughput: a comma-separated list)")
        command.add_argument("--token", required=True)
        command.add_argument("--sample", required=True, help="the event to copy (hookctl sample --trigger Created)")
        command.add_argument("--tag", required=True, help="makes this run's data.id values unique")
        command.add_argument("--pid", type=int, required=True, help="the runner, for its memory")

    command = commands.add_parser("throughput")
    intake_options(command)
    command.add_argument("--store", required=True, help="the SQLite file, or a postgres:// URL")
    command.add_argument("--events", type=int, default=25_000)
    command.add_argument("--webhooks", type=int, default=4)
    command.add_argument("--connections", type=int, default=2)
    command.add_argument("--timeout", type=float, default=300)
    command.add_argument("--wrk-rate", type=float)
    command.set_defaults(run=throughput)

    command = commands.add_parser("latency")
    intake_options(command)
    command.add_argument("--names", required=True, help="the webhooks' names, comma-separated")
    command.add_argument("--arrivals", required=True, help="nginx's arrival log")
    command.add_argument("--rate", type=float, default=200)
    command.add_argument("--seconds", type=float, default=20)
    command.add_argument("--warmup", type=float, default=2)
    command.add_argument("--connections", type=int, default=16)
    command.set_defaults(run=latency)

    command = commands.add_parser("drain")
    command.add_argument("--pid", type=int, required=True)
    command.add_argument("--store", required=True)
    command.add_argument("--started", type=float, required=True, help="when the runner was started (epoch seconds)")
    command.add_argument("--expected", type=int, required=True)
    command.add_argument("--timeout", type=float, default=600)
    command.set_defaults(run=drain)

    command = commands.add_parser("batches")
    command.add_argument("sample")
    command.add_argument("out")
    command.add_argument("count", type=int)
    command.add_argument("tag")
    command.set_defaults(run=batches)

    args = parser.parse_args()
    args.run(args)


if __name__ == "__main__":
    main()
