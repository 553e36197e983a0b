extension LintRule {
    /// The checks `validate` runs (and `lint` with it), for SARIF's rule list and the docs.
    public static let validation: [LintRule] = [
        ("yaml.syntax", "The file is not valid YAML.", "Fix the YAML at the position shown."),
        ("yaml.tab", "A tab is used for indentation.", "Indent with spaces."),
        ("yaml.duplicate-key", "A key is repeated in a mapping.", "Keep one of them."),
        ("yaml.merge-key", "A YAML merge key (<<) is used.", "Write the keys out."),
        ("yaml.alias", "A YAML alias is used.", "Write the value out; anchors do not cross documents."),
        (
            "yaml.tag", "A YAML tag (!!str, !!int, …) would make a value other than what it reads as.",
            "Remove the tag; quote a value to make it a string."
        ),
        ("file.too-large", "The file is over 1 MiB.", "Split it, or move bodies into body_file templates."),
        ("file.binary", "The file is binary.", "Declarations are UTF-8 YAML."),
        (
            "file.encoding",
            "The file is not UTF-8, or has a character YAML and editors read apart (a byte order mark after the "
                + "start; a lone CR, U+0085, U+2028 or U+2029, which libyaml takes for a line break).",
            "Save it as UTF-8 with LF or CRLF line endings."
        ),
        ("file.empty", "The file declares no webhook.", "Add a declaration or remove the file."),
        ("file.empty-document", "A YAML document is empty.", "Remove the extra ---."),
        ("file.unreadable", "The file cannot be read.", "Check its permissions."),
        ("input.missing", "A path given does not exist.", "Pass a webhooks.d folder or declaration files."),
        ("input.unreadable", "A folder cannot be read.", "Check its permissions."),
        (
            "input.dangling-link", "A declaration file is a symbolic link to nothing.",
            "Restore its target or remove it."
        ),
        ("set.empty", "A folder holds no declarations.", "Add *.yaml files."),
        ("config.unknown-key", "An unknown key.", "Use a key from the declaration reference."),
        ("config.missing-key", "A required key is missing.", "Add it."),
        ("config.type", "A value has the wrong type.", "Use the type the message names."),
        ("name.invalid", "An invalid webhook name.", "Use 1–64 letters, digits, -, _ and ."),
        ("name.duplicate", "A webhook name is used twice.", "Names are unique across all files."),
        ("method.case", "A method in lower case.", "Write POST, PUT or DELETE."),
        ("method.invalid", "An unsupported method.", "Use POST, PUT or DELETE."),
        ("url.invalid", "Not an absolute URL.", "Write https://host/path."),
        ("url.scheme", "Not https.", "Webhooks use https."),
        ("url.port", "A port other than 443.", "Remove the port."),
        ("url.userinfo", "Credentials in the URL.", "Use auth instead."),
        ("url.fragment", "A #fragment in the URL.", "Remove it."),
        ("url.host", "A host that is not a public DNS name.", "Use a public, fully qualified name."),
        ("url.address", "An IP address that is not public.", "Webhooks may only target public addresses."),
        ("headers.too-many", "More than 10 headers.", "Keep at most 10."),
        ("headers.name", "An invalid header name.", "Use an HTTP token."),
        ("headers.value", "A header value with CR, LF or NUL.", "Header values are one line."),
        ("headers.duplicate", "A header declared twice.", "Header names ignore case."),
        ("headers.reserved", "A header hookctl sets itself.", "Remove it."),
        ("headers.auth-conflict", "A header that auth also sets.", "Remove the header or the auth block."),
        ("headers.signing-conflict", "A Standard Webhooks header that signing sets.", "Remove the header."),
        ("sensitive_headers.unknown", "sensitive_headers names an undeclared header.", "List names from headers."),
        ("sensitive_headers.duplicate", "A header listed twice in sensitive_headers.", "Remove the repeat."),
        ("auth.type", "A missing or unknown auth type.", "Use none, basic, bearer, api_key or oauth2."),
        ("auth.missing-field", "An auth field is missing.", "Add the fields the type needs."),
        ("secret.syntax", "A malformed ${…} reference.", "Write ${env:NAME} or ${file:PATH}."),
        ("secret.literal", "A credential written in plain text.", "Reference it with ${env:NAME}."),
        ("triggers.empty", "No triggers.", "List at least one trigger."),
        ("triggers.unknown", "An unknown trigger.", "Use Created, Approved, Rejected, Granted, Expired or Failed."),
        ("triggers.duplicate", "A trigger listed twice.", "Remove the repeat."),
        ("triggers.event-type", "An event type written as a trigger.", "Write the trigger name."),
        (
            "filter.empty", "A filter, a not: block, fields: or a condition's list is empty.",
            "List at least one condition or value, or leave the key out."
        ),
        ("filter.duplicate", "A filter value listed twice.", "Remove the repeat."),
        (
            "filter.glob", "A requester_email pattern that is not valid.",
            "Use * (any characters) and ? (one character) only, at most one @: \"*@contractor.example\"."
        ),
        (
            "filter.path", "A fields: path that is not a dotted path of field names.",
            "Write the path from the event's root without [ ]: data.requester.id."
        ),
        ("body.conflict", "Both body and body_file.", "Keep one."),
        ("body.empty", "An empty body.", "Write a template that renders JSON."),
        ("body_file.path", "An absolute body_file path.", "Use a path relative to the declaring file."),
        ("body_file.missing", "The body_file does not exist.", "Fix the path."),
        ("body_file.outside", "The body_file is outside the declarations folder.", "Move it inside."),
        ("body_file.unreadable", "The body_file cannot be read.", "Check the file."),
        ("escape.invalid", "An unknown escape mode.", "Use json, html or none."),
        ("duration.invalid", "Not a duration.", "Write e.g. 10s, 1500ms, 5m."),
        ("timeout.range", "A timeout outside 1s–30s.", "Use 1s to 30s."),
        ("retry.range", "A retry setting out of range.", "max_attempts is 1–20; delays at most 7 days."),
        ("retry.unused-delay", "Retry delays beyond max_attempts.", "Remove them or raise max_attempts."),
        ("signing.secret", "A malformed literal signing secret.", "Reference a whsec_ secret."),
        ("signing.conflict", "Both signing.secret and signing.secrets.", "Keep one."),
        ("signing.missing-secret", "signing without a secret.", "Add secret: ${env:NAME}."),
    ].map {
        LintRule(
            $0.0,
            $0.0.hasSuffix("literal") || $0.0.hasPrefix("file.empty") || $0.0 == "set.empty"
                || $0.0 == "triggers.event-type" || $0.0 == "retry.unused-delay" ? .warning : .error, $0.1, help: $0.2)
    }
}
