import WebhookModel

/// `GET /draft`: the "Add Webhook" form. It produces the YAML declaration to commit, with each finding beside its
/// field and the body previewed over the sample event of every chosen trigger; it writes nothing.
enum DraftPage {
    static func render(_ form: DraftForm, check: DraftCheck, session: ConsoleSession) -> HTML {
        func findings(_ field: String) -> HTML {
            check.findings.filter { $0.field == field }.map {
                "<p class=\"finding \($0.severity)\" data-field=\"\(field)\">\($0.text)</p>" as HTML
            }.joined()
        }
        func box(_ field: String, _ label: String, for id: String, _ control: HTML) -> HTML {
            "<div class=\"field\" data-field-box=\"\(field)\"><label for=\"\(id)\">\(label)</label>\(control)\(findings(field))</div>"
        }
        func option(_ value: String, _ label: String, selected: Bool) -> HTML {
            "<option value=\"\(value)\"\(selected ? " selected" : "")>\(label)</option>"
        }
        let methods = HTTPMethod.allCases.map { option($0.rawValue, $0.rawValue, selected: form.method == $0.rawValue) }
        let auths = DraftForm.authorizations.map { option($0, $0, selected: form.authorization == $0) }
        let triggers = Trigger.allCases.map { trigger -> HTML in
            let checked = form.triggers.contains(trigger.rawValue) ? " checked" : ""
            return """
                <label class="check"><input type="checkbox" name="trigger" value="\(trigger.rawValue.lowercased())"\
                \(checked)> \(trigger.rawValue)</label>
                """
        }
        let statuses = [
            option("active", "● active", selected: form.active),
            option("inactive", "○ inactive", selected: !form.active),
        ]
        let previews = check.previews.map {
            "<h3>\($0.trigger)</h3><pre\($0.failed ? " class=\"error-box\"" : "")>\($0.body)</pre>" as HTML
        }
        let verdict: HTML =
            check.isValid
            ? "<p id=\"draft-verdict\" class=\"status-Success\">hookctl validate and lint pass this declaration.</p>"
            : "<p id=\"draft-verdict\" class=\"status-Failure\">Fix the findings beside the fields.</p>"
        return Layout.page(
            "Add Webhook", session: session, section: .draft,
            body: """
                <h1>Add Webhook</h1>
                <p class="note">This form writes nothing: it drafts the declaration to commit as
                webhooks.d/NAME.yaml in a pull request; apply then makes it live. Credentials are ${env:…} references.</p>
                <div class="draft-grid">
                <form id="draft" method="post" action="/draft">
                \(Layout.csrfField(session))
                <div data-field-box="form">\(findings("form"))</div>
                \(box("method", "Method", for: "draft-method", "<select name=\"method\" id=\"draft-method\">\(methods)</select>"))
                \(box("url", "URL", for: "draft-url", "<input type=\"text\" name=\"url\" id=\"draft-url\" value=\"\(form.url)\" placeholder=\"https://example.com/hooks/access\">"))
                \(box("headers", "Headers (one Name: value per line)", for: "draft-headers", "<textarea name=\"headers\" id=\"draft-headers\" rows=\"3\">\(form.headers)</textarea>"))
                \(box("authorization", "Authorization", for: "draft-authorization", "<select name=\"authorization\" id=\"draft-authorization\">\(auths)</select>"))
                <div class="field" data-field-box="trigger"><label>Triggers</label>\(triggers)\(findings("trigger"))</div>
                \(box("body", "Body template", for: "draft-body", "<textarea name=\"body\" id=\"draft-body\" rows=\"12\">\(form.body)</textarea>"))
                <p><a href="/schema/event">View event's payload schema</a></p>
                \(box("name", "Name", for: "draft-name", "<input type=\"text\" name=\"name\" id=\"draft-name\" value=\"\(form.name)\">"))
                \(box("status", "Status", for: "draft-status", "<select name=\"status\" id=\"draft-status\">\(statuses)</select>"))
                <button type="submit" id="draft-submit" class="primary">Check draft</button>
                </form>
                <div>
                <h2>Declaration</h2>
                \(verdict)
                <pre id="draft-yaml">\(check.yaml.text)</pre>
                <h2>Preview over the sample events</h2>
                <div id="draft-preview">\(previews)</div>
                </div>
                </div>
                """)
    }
}
