"""Drives hookctl's console in a real headless Chromium, step by step, as an admin and as a viewer.

Run by Tests/HookctlCoreTests/Console/ConsoleBrowserTests.swift against a real `hookctl run`, with one JSON
argument (see that test): the console's URL, both tokens, the webhooks it declared, the hookctl binary and the
workspace to run `hookctl plan` and `hookctl validate` in, the secrets no page may contain, and where to write
screenshots (or null). Prints one JSON object: every step, whether it held, and why not. Exits 1 if any failed.
"""

import http.client
import json
import os
import subprocess
import sys
import tempfile
import traceback
import urllib.parse

from selenium import webdriver
from selenium.common.exceptions import TimeoutException, WebDriverException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

config = json.loads(sys.argv[1])
base = config["url"].rstrip("/")
steps = []
pages = []  # (where, text) of every page and response seen, checked for secrets at the end


def step(name, ok, detail=""):
    steps.append({"name": name, "ok": bool(ok), "detail": str(detail)[:2000]})


def browser():
    """A fresh headless Chromium with its own profile; a start that fails (a loaded machine) is tried 3 times."""
    for attempt_number in range(3):
        options = webdriver.ChromeOptions()
        for argument in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,900",
                         "--user-data-dir=" + tempfile.mkdtemp(prefix="hookctl-chromium-")]:
            options.add_argument(argument)
        options.binary_location = config.get("chromium", "/usr/bin/chromium")
        try:
            driver = webdriver.Chrome(
                service=Service(config.get("chromedriver", "/usr/bin/chromedriver")), options=options)
        except WebDriverException:
            if attempt_number == 2:
                raise
            continue
        driver.set_page_load_timeout(60)
        return driver


def wait(driver, condition, what, seconds=20):
    try:
        return WebDriverWait(driver, seconds).until(lambda d: condition(d))
    except TimeoutException:
        raise AssertionError(f"waited for {what}; page is {driver.current_url}: {driver.page_source[:1500]}")


def visit(driver, path):
    driver.get(base + path)
    remember(driver)


def remember(driver):
    pages.append((driver.current_url, driver.page_source))


def css(driver, selector):
    return driver.find_elements(By.CSS_SELECTOR, selector)


def shot(driver, name):
    if config.get("screenshots"):
        os.makedirs(config["screenshots"], exist_ok=True)
        driver.save_screenshot(os.path.join(config["screenshots"], name))


def log_in(driver, token):
    visit(driver, "/login")
    field = driver.find_element(By.CSS_SELECTOR, "form#login input[name=token]#token")
    field.clear()
    field.send_keys(token)
    driver.find_element(By.CSS_SELECTOR, "button#login-submit").click()
    wait(driver, lambda d: d.execute_script("return document.readyState") == "complete", "the login's answer")
    remember(driver)


def session_cookie(driver):
    cookie = driver.get_cookie("hookctl_session")
    return cookie["value"] if cookie else None


def raw_request(method, path, cookie=None, fields=None, headers=None):
    """A request outside the browser (Python's http.client), so nothing adds a CSRF token."""
    parts = urllib.parse.urlsplit(base)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    body = urllib.parse.urlencode(fields or {})
    sent = {"Content-Type": "application/x-www-form-urlencoded"}
    if cookie:
        sent["Cookie"] = f"hookctl_session={cookie}"
    sent.update(headers or {})
    connection.request(method, path, body=body if method == "POST" else None, headers=sent)
    response = connection.getresponse()
    text = response.read().decode("utf-8", "replace")
    connection.close()
    pages.append((f"{method} {path}", text))
    return response.status, text


def test_webhook(driver, name, expected):
    """Opens `name`'s page, sends a test, and waits for Success or Failure with the side panel."""
    visit(driver, f"/webhooks/{name}")
    options = Select(driver.find_element(By.CSS_SELECTOR, "form#test select[name=trigger]#test-trigger"))
    options.select_by_index(0)
    driver.find_element(By.CSS_SELECTOR, "button#test-send").click()
    wait(
        driver, lambda d: any(e.text.strip() in ("Success", "Failure") for e in css(d, "#test-result")),
        "the test's result")
    wait(driver, lambda d: any(e.is_displayed() for e in css(d, "#side-panel")), "the side panel")
    remember(driver)
    result = driver.find_element(By.CSS_SELECTOR, "#test-result").text.strip()
    request = driver.find_element(By.CSS_SELECTOR, "#side-panel #panel-request").text
    response = driver.find_element(By.CSS_SELECTOR, "#side-panel #panel-response").text
    return result, request, response


def run_hookctl(arguments, cwd):
    environment = dict(os.environ)
    environment.update(config.get("environment", {}))
    done = subprocess.run(
        [config["hookctl"]] + arguments, cwd=cwd, env=environment, capture_output=True, text=True, timeout=120)
    return done.returncode, done.stdout + done.stderr


def attempt(name, body):
    try:
        body()
    except Exception as error:  # every step reports; one failing does not hide the others
        step(name, False, f"{type(error).__name__}: {error}\n{traceback.format_exc()[-1500:]}")


ok_hook, failing_hook, inactive_hook = config["ok_webhook"], config["failing_webhook"], config["inactive_webhook"]
admin = browser()
try:
    def wrong_token():
        log_in(admin, "not-the-console-token-" + "x" * 8)
        errors = css(admin, "#login-error")
        step("a wrong token is refused", errors and session_cookie(admin) is None,
             f"url={admin.current_url} login-error={[e.text for e in errors]} cookie={session_cookie(admin)}")
    attempt("a wrong token is refused", wrong_token)

    def login():
        log_in(admin, config["token"])
        step("log in", admin.current_url.rstrip("/").endswith("/webhooks") and session_cookie(admin),
             f"url={admin.current_url}")
    attempt("log in", login)

    def table():
        visit(admin, "/webhooks")
        wait(admin, lambda d: css(d, "table#webhooks"), "table#webhooks")
        rows = {r.get_attribute("data-webhook"): r for r in css(admin, "table#webhooks tr[data-webhook]")}
        def dot(name):
            row = rows.get(name)
            found = row.find_elements(By.CSS_SELECTOR, "span.dot[data-status]") if row else []
            return found[0].get_attribute("data-status") if found else None
        dots = {name: dot(name) for name in (ok_hook, failing_hook, inactive_hook)}
        step("the table with the right dots",
             dots == {ok_hook: "active", failing_hook: "active", inactive_hook: "inactive"}
             and set(rows) >= {ok_hook, failing_hook, inactive_hook},
             f"rows={sorted(rows)} dots={dots}")
        shot(admin, "webhooks.png")
    attempt("the table with the right dots", table)

    def open_webhook():
        visit(admin, "/webhooks")
        links = css(admin, f'tr[data-webhook="{ok_hook}"] a[href$="/webhooks/{ok_hook}"]')
        if not links:
            raise AssertionError(f"no link to /webhooks/{ok_hook} in its row")
        links[0].click()
        wait(admin, lambda d: d.current_url.endswith(f"/webhooks/{ok_hook}"), "the webhook's page")
        remember(admin)
        missing = [s for s in ("#declaration", "#template", "#rendered", "#queue", "#history") if not css(admin, s)]
        step("open a webhook", not missing, f"missing sections: {missing}")
    attempt("open a webhook", open_webhook)

    def test_success():
        result, request, response = test_webhook(admin, ok_hook, "Success")
        step("Test shows Success with the request and response in the side panel",
             result == "Success" and "POST" in request and config["ok_path"] in request and "200" in response
             and config["ok_response_marker"] in response,
             f"result={result!r} request={request[:400]!r} response={response[:400]!r}")
        admin.execute_script(
            "arguments[0].scrollIntoView({block: 'center'})", admin.find_element(By.CSS_SELECTOR, "#test-result"))
        shot(admin, "test-result.png")
    attempt("Test shows Success with the request and response in the side panel", test_success)

    def test_failure():
        result, request, response = test_webhook(admin, failing_hook, "Failure")
        step("a failing receiver shows Failure with its response",
             result == "Failure" and "500" in response and config["failing_response_marker"] in response,
             f"result={result!r} response={response[:400]!r}")
    attempt("a failing receiver shows Failure with its response", test_failure)

    def deactivate():
        visit(admin, "/webhooks")
        buttons = css(admin, f'tr[data-webhook="{ok_hook}"] button[data-action="deactivate"]')
        if not buttons:
            raise AssertionError("no deactivate button in the row")
        admin.execute_script("arguments[0].click()", buttons[0])  # it may sit in a closed menu
        wait(admin, lambda d: css(d, "#drift-note"), "#drift-note")
        remember(admin)
        note = admin.find_element(By.CSS_SELECTOR, "#drift-note").text
        visit(admin, "/webhooks")
        dots = css(admin, f'tr[data-webhook="{ok_hook}"] span.dot[data-status]')
        now = dots[0].get_attribute("data-status") if dots else None
        code, output = run_hookctl(
            ["plan", "--store", config["store"], "--set", config["set"], "--detailed-exitcode",
             "--allow-target", config["allow_target"]],
            config["workspace"])
        step("deactivate, and plan reports the drift",
             now == "inactive" and "plan" in note.lower() and code == 2 and ok_hook in output
             and "drift" in output.lower(),
             f"dot={now} note={note!r} plan exit={code}: {output[-1500:]}")
    attempt("deactivate, and plan reports the drift", deactivate)

    def redeliver():
        # The event's failed delivery (a test's failure cannot be redelivered: it has no event in the queue).
        visit(admin, f"/history?webhook={failing_hook}&status=Failure&trigger=Created")
        wait(admin, lambda d: css(d, "table#history"), "table#history")
        failures = css(admin, 'table#history tr[data-invocation][data-status="Failure"]')
        if not failures:
            raise AssertionError("no failed invocation listed")
        row = failures[0]
        invocation = row.get_attribute("data-invocation")
        row.find_elements(By.CSS_SELECTOR, "td")[0].click()
        wait(admin, lambda d: any(e.is_displayed() for e in css(d, "#side-panel")), "the side panel")
        response = admin.find_element(By.CSS_SELECTOR, "#side-panel #panel-response").text
        shot(admin, "history.png")
        # Close the panel as a user would: it covers the row's Redeliver button.
        for close in css(admin, "#panel-close"):
            if close.is_displayed():
                close.click()
        wait(admin, lambda d: not any(e.is_displayed() for e in css(d, "#side-panel")), "the side panel to close")
        row = admin.find_element(By.CSS_SELECTOR, f'tr[data-invocation="{invocation}"]')
        row.find_element(By.CSS_SELECTOR, 'button[data-action="redeliver"]').click()
        wait(admin, lambda d: css(d, "#flash") and d.find_element(By.CSS_SELECTOR, "#flash").text.strip(), "#flash")
        remember(admin)
        flash = admin.find_element(By.CSS_SELECTOR, "#flash").text
        step("history: open a failure and redeliver it",
             config["failing_response_marker"] in response and flash.strip() != "",
             f"invocation={invocation} response={response[:300]!r} flash={flash!r}")
    attempt("history: open a failure and redeliver it", redeliver)

    def draft():
        visit(admin, "/draft")
        form = admin.find_element(By.CSS_SELECTOR, "form#draft")
        Select(form.find_element(By.CSS_SELECTOR, "[name=method]")).select_by_value("POST")
        url = form.find_element(By.CSS_SELECTOR, "[name=url]")
        url.clear()
        url.send_keys("https://hooks.example.com/drafted")
        name = form.find_element(By.CSS_SELECTOR, "[name=name]")
        name.clear()
        name.send_keys("drafted-hook")
        for box in form.find_elements(By.CSS_SELECTOR, "input[name=trigger]"):
            if box.get_attribute("value") == "created" and not box.is_selected():
                box.click()
        body = form.find_element(By.CSS_SELECTOR, "textarea[name=body]")
        body.clear()
        body.send_keys('{\n  "who": "{{data.requester.nmae}}"\n}')
        # Lint runs as the user types, so an answer for a half-typed body may come first: wait for the typo's.
        # Read in the page itself: each lint answer replaces the findings, so a found element may go stale.
        finding_text = wait(
            admin, lambda d: d.execute_script(
                "return Array.from(document.querySelectorAll('.finding[data-field=\"body\"]'))"
                ".map(e => e.textContent).find(t => t.includes('nmae')) || null"),
            "the typo's finding at the body")
        remember(admin)
        body.clear()
        body.send_keys('{\n  "who": "{{data.requester.name}}"\n}')
        yaml = wait(
            admin, lambda d: d.execute_script(
                "var y = document.getElementById('draft-yaml');"
                "return !document.querySelector('.finding[data-field=\"body\"]') && y"
                " && y.textContent.includes('data.requester.name}}') ? y.textContent : null"),
            "the body's finding to go and the YAML with the fixed body")
        remember(admin)
        with tempfile.TemporaryDirectory() as directory:
            os.makedirs(os.path.join(directory, "webhooks.d"))
            with open(os.path.join(directory, "webhooks.d", "drafted.yaml"), "w") as file:
                file.write(yaml + "\n")
            code, output = run_hookctl(["validate"], directory)
        step("a draft with a typo: the finding at its field, then YAML that validate passes",
             "nmae" in finding_text and code == 0,
             f"finding={finding_text!r} validate exit={code}: {output[-800:]}\nYAML:\n{yaml}")
    attempt("a draft with a typo: the finding at its field, then YAML that validate passes", draft)

    def csrf():
        cookie = session_cookie(admin)
        status, _ = raw_request("POST", f"/webhooks/{failing_hook}/test", cookie=cookie, fields={"trigger": "created"})
        valid, _ = raw_request("GET", "/webhooks", cookie=cookie)
        step("a POST without the CSRF token is refused", cookie and status == 403 and valid == 200,
             f"POST without csrf: {status}; GET with the same cookie: {valid}")
    attempt("a POST without the CSRF token is refused", csrf)
finally:
    admin.quit()

viewer = browser()
try:
    def viewer_cannot_test():
        log_in(viewer, config["viewer_token"])
        visit(viewer, f"/webhooks/{ok_hook}")
        buttons = css(viewer, "button#test-send") + css(viewer, "button[data-action]")
        visit(viewer, "/webhooks")
        buttons += css(viewer, "button[data-action]")
        tokens = [e.get_attribute("value") for e in css(viewer, "input[name=csrf]")]
        cookie = session_cookie(viewer)
        status, _ = raw_request(
            "POST", f"/webhooks/{ok_hook}/test", cookie=cookie,
            fields={"trigger": "created", "csrf": tokens[0] if tokens else ""},
            headers={"X-CSRF-Token": tokens[0]} if tokens else {})
        step("the viewer cannot test", cookie and not buttons and status == 403,
             f"buttons={[b.get_attribute('outerHTML') for b in buttons][:3]} POST test as viewer: {status}"
             f" (csrf token {'sent' if tokens else 'not found on the page'})")
    attempt("the viewer cannot test", viewer_cannot_test)
finally:
    viewer.quit()

leaks = [
    f"{where} holds secret #{index}" for where, text in pages for index, secret in enumerate(config["secrets"])
    if secret and secret in text
]
step("no page contains a secret's bytes", pages and not leaks, f"{len(pages)} pages checked; {leaks[:5]}")

print(json.dumps({"steps": steps}))
sys.exit(0 if steps and all(s["ok"] for s in steps) else 1)
