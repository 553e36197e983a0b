"""Fills a migrated hookctl SQLite store with COUNT invocations spread over DAYS days across the webhooks it holds.

Usage: seed.py STORE.db COUNT [DAYS]

The rows are what SQLiteStore.record writes (the same columns and JSON document, so the console decodes them), in
batches of 10,000 per transaction through the store's own schema: its indexes and rollup triggers do the same work
as on a runner's record path. One in 20 attempts fails; triggers are spread over the six event triggers, with a few
tests and redeliveries. Deterministic (seeded), so runs compare.
"""

import base64
import json
import random
import sqlite3
import sys
import time
import uuid

path, count = sys.argv[1], int(sys.argv[2])
days = float(sys.argv[3]) if len(sys.argv) > 3 else 30.0
REFERENCE = 978307200.0  # Foundation's reference date, in Unix seconds: Codable's Date is seconds since it
TRIGGERS = ["Created", "Approved", "Rejected", "Granted", "Expired", "Failed"]

db = sqlite3.connect(path, timeout=60)
db.execute("PRAGMA journal_mode=WAL")
webhooks = [row[0] for row in db.execute("SELECT name FROM webhook ORDER BY name")]
if not webhooks:
    sys.exit("error: the store holds no webhooks; apply some first")
random.seed(12)
now = time.time()
start = now - days * 86400
body = base64.b64encode(json.dumps({"type": "AccessRequestCreated", "id": "AR-1", "who": "Ada"}).encode()).decode()
answer = base64.b64encode(b'{"ok":true}').decode()


def row(i):
    webhook = webhooks[random.randrange(len(webhooks))]
    started = start + (now - start) * i / count + random.random() * 0.5
    failed = random.randrange(20) == 0
    trigger = random.choice(TRIGGERS) if random.randrange(50) else random.choice(["Test", "Redelivery"])
    status = "Failure" if failed else "Success"
    identifier = "inv_" + str(uuid.UUID(int=random.getrandbits(128), version=4))
    document = {
        "address": "127.0.0.1",
        "attempt": 1,
        "durationMilliseconds": random.randrange(5, 400),
        "eventID": "evt_" + str(uuid.UUID(int=random.getrandbits(128), version=4)),
        "id": identifier,
        "request": {
            "body_base64": body,
            "headers": [
                {"name": "Content-Type", "value": "application/json"},
                {"name": "Authorization", "value": "Bearer [redacted]"},
            ],
            "method": "POST",
            "url": f"https://hooks.example.com/{webhook}",
        },
        "response": {
            "body_base64": answer,
            "headers": [{"name": "Content-Type", "value": "application/json"}],
            "status": 500 if failed else 200,
            "truncated": False,
        },
        "startedAt": started - REFERENCE,
        "status": status,
        "trigger": trigger,
        "webhook": webhook,
    }
    if failed:
        document["failureReason"] = "HTTP 500 Internal Server Error"
    # The column holds what Date.timeIntervalSince1970 gives for the decoded date, as the store writes it.
    column = (started - REFERENCE) + REFERENCE
    return (identifier, webhook, trigger, status, column, json.dumps(document, sort_keys=True, separators=(",", ":")))


began = time.time()
batch = 10_000
for offset in range(0, count, batch):
    with db:
        db.executemany(
            "INSERT INTO invocation (id, webhook, trigger, status, started_at, document) VALUES (?, ?, ?, ?, ?, ?)",
            (row(i) for i in range(offset, min(count, offset + batch))))
    if (offset // batch) % 10 == 9:
        print(f"  {offset + batch:,} invocations ({time.time() - began:.0f} s)", file=sys.stderr, flush=True)
db.close()
print(f"seeded {count:,} invocations over {len(webhooks):,} webhooks in {time.time() - began:.1f} s", file=sys.stderr)
