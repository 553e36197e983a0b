"""Times the console's pages over keep-alive HTTP: logs in with the console token, then GETs each page many times.

Usage: measure.py URL TOKEN STORE.db REPETITIONS

Prints, per page, p50 and p99 in milliseconds and p99 as a fraction of the 100 ms target, as a Markdown table. The
deep history page's cursor is made from the store's row at offset 500,000 in the history's order, exactly as the
console's next-page link makes one (the start time's bits, then the id in base64url).
"""

import base64
import http.client
import json
import re
import sqlite3
import struct
import sys
import time
import urllib.parse

url, token, path, repetitions = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
parts = urllib.parse.urlsplit(url)
connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)


def request(method, target, body=None, headers=None):
    connection.request(method, target, body=body, headers=headers or {})
    response = connection.getresponse()
    return response, response.read()


def cookies(response):
    return [v.split(";")[0] for h, v in response.getheaders() if h.lower() == "set-cookie"]


# Log in as the browser does: the login page's cookie and the form's CSRF field, then the session cookie.
answer, page = request("GET", "/login")
jar = "; ".join(cookies(answer))
fields = {"token": token}
match = re.search(rb'name="csrf"[^>]*value="([^"]+)"', page) or re.search(rb'value="([^"]+)"[^>]*name="csrf"', page)
if match:
    fields["csrf"] = match.group(1).decode()
login_cookie = ""
response, _ = request(
    "POST", "/login", urllib.parse.urlencode(fields),
    {"Content-Type": "application/x-www-form-urlencoded", "Cookie": jar})
for cookie in cookies(response):
    if cookie.startswith("hookctl_session="):
        login_cookie = cookie
if not login_cookie:
    sys.exit(f"error: the login gave no session cookie (HTTP {response.status})")
cookie = {"Cookie": login_cookie}

db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
deep = db.execute(
    "SELECT id, document FROM invocation ORDER BY started_at DESC, id DESC LIMIT 1 OFFSET 500000").fetchone()
webhook = db.execute("SELECT webhook FROM invocation ORDER BY started_at DESC LIMIT 1").fetchone()[0]
newest = db.execute("SELECT MAX(started_at) FROM invocation").fetchone()[0]
db.close()
started = json.loads(deep[1])["startedAt"]
cursor = struct.pack(">d", started).hex() + "." + base64.urlsafe_b64encode(deep[0].encode()).decode().rstrip("=")


def day(offset_hours):
    return time.strftime("%Y-%m-%dT%H:%M", time.gmtime(newest - offset_hours * 3600))


# The console keeps the live webhooks between requests and reads them again when the store's serial moved; the store
# decodes a webhook's document once per version. So the page is timed three ways: unchanged, just after an apply that
# changed one webhook, and just after one that changed all 1,000 (each decoded again: the cold case). A change here
# is what `apply` writes for an unchanged declaration's new version: a new `webhook_version` row with the document,
# the webhook pointed at it, the version and the store's serial moved.
writer = sqlite3.connect(path, timeout=30)
names = [row[0] for row in writer.execute("SELECT name FROM webhook ORDER BY name")]


def change(selected):
    for name in selected:
        writer.execute(
            "INSERT INTO webhook_version (name, version, document) "
            "SELECT name, version + 1, document FROM webhook WHERE name = ?", (name,))
        writer.execute(
            "UPDATE webhook SET version = version + 1, version_id = last_insert_rowid() WHERE name = ?", (name,))
    writer.execute("UPDATE store_info SET serial = serial + 1 WHERE id = 1")
    writer.execute(  # as apply prunes them: versions no webhook and no pending delivery names
        "DELETE FROM webhook_version WHERE id NOT IN (SELECT version_id FROM webhook WHERE version_id IS NOT NULL) "
        "AND id NOT IN (SELECT version_id FROM delivery WHERE state = 'pending')")
    writer.commit()


pages = [
    ("webhooks (1,000 rows, last invocation and 24 h success rate each)", "/webhooks"),
    ("webhooks, just after an apply that changed one", "/webhooks", lambda: change(names[500:501])),
    ("webhooks, just after an apply that changed all 1,000 (each decoded again)", "/webhooks", lambda: change(names)),
    ("webhooks filtered by name", "/webhooks?name=hook-05"),
    ("history, first page", "/history"),
    ("history, deep keyset page (row 500,000)", f"/history?before={cursor}"),
    ("history by webhook", f"/history?webhook={webhook}"),
    ("history by status (Failure, 5%)", "/history?status=Failure"),
    ("history by trigger (Test, 1%)", "/history?trigger=Test"),
    ("history by time window (since and until)", f"/history?since={day(48)}&until={day(24)}"),
    ("history by webhook, status and trigger", f"/history?webhook={webhook}&status=Success&trigger=Created"),
]
print("| page | p50 ms | p99 ms | p99 / 100 ms |")
print("|---|---|---|---|")
for name, target, *before in pages:
    for _ in range(5):
        response, body = request("GET", target, headers=cookie)
        if response.status != 200:
            sys.exit(f"error: GET {target} answered {response.status}: {body[:300]!r}")
    times = []
    for _ in range(repetitions):
        for step in before:
            step()
        began = time.perf_counter()
        request("GET", target, headers=cookie)
        times.append((time.perf_counter() - began) * 1000)
    times.sort()
    p50, p99 = times[len(times) // 2], times[min(len(times) - 1, int(len(times) * 0.99))]
    print(f"| {name} | {p50:.1f} | {p99:.1f} | {p99 / 100:.2f} |", flush=True)
writer.close()
