/// The console's only script, served as `/assets/console.js` (`script-src 'self'`: no inline script anywhere). It
/// adds what a page without JavaScript does by reloading: the side panel for a history row, Test without leaving
/// the page, and the draft linted as the user types. It writes server data with `textContent`, or inserts markup the
/// server rendered and escaped.
enum ConsoleScript {
    static let text = #"""
        "use strict";
        (function () {
          function csrf() {
            var meta = document.querySelector('meta[name="csrf-token"]');
            return meta ? meta.getAttribute("content") : "";
          }
          function panel() { return document.getElementById("side-panel"); }
          function openPanel(markup) {
            var p = panel();
            if (!p) return;
            p.innerHTML = markup;
            p.hidden = false;
            p.classList.add("open");
          }
          function post(url, form) {
            return fetch(url, {
              method: "POST",
              credentials: "same-origin",
              headers: { "Content-Type": "application/x-www-form-urlencoded", "X-CSRF-Token": csrf() },
              body: new URLSearchParams(new FormData(form)).toString()
            });
          }

          document.addEventListener("click", function (event) {
            var target = event.target;
            if (target.closest && target.closest("#panel-close")) {
              var p = panel();
              if (p) { p.hidden = true; p.classList.remove("open"); }
              event.preventDefault();
              return;
            }
            var row = target.closest ? target.closest("tr[data-invocation]") : null;
            if (!row || target.closest("form, button")) return;
            event.preventDefault();
            fetch("/history/" + encodeURIComponent(row.getAttribute("data-invocation")) + "/panel",
                  { credentials: "same-origin" })
              .then(function (r) { return r.ok ? r.text() : Promise.reject(r.status); })
              .then(openPanel)
              .catch(function () { window.location = row.querySelector("a").href; });
          });

          var test = document.getElementById("test");
          if (test) {
            test.addEventListener("submit", function (event) {
              event.preventDefault();
              var button = document.getElementById("test-send");
              if (button) button.disabled = true;
              post(test.action, test)
                .then(function (r) { return r.text(); })
                .then(function (markup) {
                  var page = new DOMParser().parseFromString(markup, "text/html");
                  var result = page.getElementById("test-outcome");
                  var mine = document.getElementById("test-outcome");
                  if (result && mine) mine.replaceWith(document.importNode(result, true));
                  var side = page.getElementById("side-panel");
                  if (side) openPanel(side.innerHTML);
                })
                .finally(function () { if (button) button.disabled = false; });
            });
          }

          var draft = document.getElementById("draft");
          if (draft) {
            var timer = null;
            var show = function (answer) {
              document.getElementById("draft-yaml").textContent = answer.yaml;
              var verdict = document.getElementById("draft-verdict");
              verdict.textContent = answer.valid ? "hookctl validate and lint pass this declaration."
                                                 : "Fix the findings beside the fields.";
              verdict.className = answer.valid ? "status-Success" : "status-Failure";
              draft.querySelectorAll(".finding").forEach(function (f) { f.remove(); });
              answer.findings.forEach(function (finding) {
                var box = draft.querySelector('[data-field-box="' + finding.field + '"]')
                  || draft.querySelector('[data-field-box="form"]');
                var p = document.createElement("p");
                p.className = "finding " + finding.severity;
                p.setAttribute("data-field", finding.field);
                p.textContent = finding.text;
                box.appendChild(p);
              });
              var preview = document.getElementById("draft-preview");
              preview.textContent = "";
              answer.previews.forEach(function (item) {
                var h = document.createElement("h3");
                h.textContent = item.trigger;
                var pre = document.createElement("pre");
                pre.textContent = item.body;
                preview.appendChild(h);
                preview.appendChild(pre);
              });
            };
            var sent = 0;
            var lint = function () {
              var mine = ++sent;
              post("/draft/lint", draft)
                .then(function (r) { return r.ok ? r.json() : Promise.reject(r.status); })
                .then(function (answer) { if (mine === sent) show(answer); })
                .catch(function () {});
            };
            var later = function () {
              if (timer) clearTimeout(timer);
              timer = setTimeout(lint, 250);
            };
            // Typing is linted once it pauses; a checkbox or a menu at once. Only the newest answer is shown.
            draft.addEventListener("input", later);
            draft.addEventListener("change", function (event) {
              var kind = event.target.type;
              if (kind === "checkbox" || event.target.tagName === "SELECT") { lint(); } else { later(); }
            });
          }
        })();
        """#
}
