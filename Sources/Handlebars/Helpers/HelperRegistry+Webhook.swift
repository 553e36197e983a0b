extension HelperRegistry {
    /// Registers `json` and the webhook helpers (comparison, logic, strings, `date`).
    mutating func registerWebhookHelpers() {
        register(
            builtin: .json, "json",
            HelperSignature(minArguments: 1, maxArguments: 1, summary: "The value as JSON text."))
        func fixed(_ count: Int, _ summary: String) -> HelperSignature {
            HelperSignature(minArguments: count, maxArguments: count, summary: summary)
        }
        register("eq", signature: fixed(2, "Whether two values are equal (deep, numbers by value).")) {
            args throws(HelperError) in
            .bool(args[0] == args[1] || WebhookHelpers.numbersEqual(args[0], args[1]))
        }
        register("ne", signature: fixed(2, "Whether two values differ.")) { args throws(HelperError) in
            .bool(!(args[0] == args[1] || WebhookHelpers.numbersEqual(args[0], args[1])))
        }
        register("lt", signature: fixed(2, "a < b for two numbers or two strings; otherwise false.")) {
            args throws(HelperError) in
            .bool(WebhookHelpers.compare(args[0], args[1]) == .some(true))
        }
        register("gt", signature: fixed(2, "a > b for two numbers or two strings; otherwise false.")) {
            args throws(HelperError) in
            .bool(WebhookHelpers.compare(args[1], args[0]) == .some(true))
        }
        let variadic = { (summary: String) in HelperSignature(minArguments: 2, maxArguments: nil, summary: summary) }
        register("and", signature: variadic("Whether every argument is truthy.")) { args throws(HelperError) in
            .bool(args.positional.allSatisfy { Optional($0).isTruthy })
        }
        register("or", signature: variadic("Whether any argument is truthy.")) { args throws(HelperError) in
            .bool(args.positional.contains { Optional($0).isTruthy })
        }
        register("not", signature: fixed(1, "Whether the argument is falsy.")) { args throws(HelperError) in
            .bool(!Optional(args[0]).isTruthy)
        }
        register("default", signature: fixed(2, "The value, or the fallback when it is missing, null or \"\".")) {
            args throws(HelperError) in
            switch args[0] {
            case .null, .string(""): args[1]
            default: args[0]
            }
        }
        register(
            "join",
            signature: HelperSignature(
                minArguments: 1, maxArguments: 2, summary: "Array elements joined by the separator (default \",\").")
        ) { args throws(HelperError) in
            try WebhookHelpers.join(args)
        }
        register("upper", signature: fixed(1, "The string in upper case.")) { args throws(HelperError) in
            WebhookHelpers.mapString(args[0]) { $0.uppercased() }
        }
        register("lower", signature: fixed(1, "The string in lower case.")) { args throws(HelperError) in
            WebhookHelpers.mapString(args[0]) { $0.lowercased() }
        }
        register("len", signature: fixed(1, "Length of an array, string (UTF-16 units, like .length) or object.")) {
            args throws(HelperError) in
            try WebhookHelpers.length(args[0])
        }
        register(
            "date",
            signature: HelperSignature(
                minArguments: 1, maxArguments: 2,
                summary: "Epoch seconds as ISO 8601 UTC, or \"unix\", \"unix_ms\", or a strftime pattern.")
        ) { args throws(HelperError) in
            try DateHelper.format(args[0], pattern: args.positional.count > 1 ? args[1] : nil)
        }
    }
}
