extension Lexer {
    /// Rules 7–44 of the handlebars.js lexer (the `mu` state), in order.
    mutating func lexMustache() throws(TemplateError) -> Token? {
        let start = offset
        guard let first = source[start] else { return token(.end, start, start) }
        func emit(_ kind: Token.Kind, length: Int, pop: Bool = false, text: String? = nil) -> Token {
            offset = start + length
            if pop { popState() }
            return token(kind, start, start + length, text: text)
        }
        if first == "(" { return emit(.openSexpr, length: 1) }
        if first == ")" { return emit(.closeSexpr, length: 1) }
        if source.hasPrefix("{{{{", at: start) { return emit(.openRawBlock, length: 4) }
        if source.hasPrefix("}}}}", at: start) {
            let result = emit(.closeRawBlock, length: 4, pop: true)
            // Only a tag opened with `{{{{` starts raw content; after `{{x` it is the `{"a": {{x}}}}` trap, which
            // the parser reports at these braces.
            if tokens.last(where: Self.opensTag)?.kind == .openRawBlock { begin(.raw) }
            return result
        }
        if source.hasPrefix("{{", at: start) { return try lexOpen(start) }
        if first == "=" { return emit(.equals, length: 1) }
        if source.hasPrefix("..", at: start) { return emit(.id, length: 2) }
        if first == ".", let next = source[start + 1], next.isPathLookahead { return emit(.id, length: 1) }
        if first == "." || first == "/" { return emit(.separator, length: 1) }
        if first.isJavaScriptWhitespace {
            var index = start
            while let scalar = source[index], scalar.isJavaScriptWhitespace { index += 1 }
            offset = index
            return nil
        }
        if source.hasPrefix("}}}", at: start) { return emit(.closeUnescaped, length: 3, pop: true) }
        if source.hasPrefix("}~}}", at: start) { return emit(.closeUnescaped, length: 4, pop: true) }
        if source.hasPrefix("}}", at: start) { return emit(.close, length: 2, pop: true) }
        if source.hasPrefix("~}}", at: start) { return emit(.close, length: 3, pop: true) }
        if first == "\"" || first == "'", let end = quotedEnd(start, quote: first) {
            var text = source.text((start + 1)..<(end - 1))
            text = text.replacingAll("\\" + String(first), with: String(first))
            return emit(.string, length: end - start, text: text)
        }
        if first == "@" { return emit(.data, length: 1) }
        for (word, kind) in [
            ("true", Token.Kind.boolean), ("false", .boolean), ("undefined", .undefined), ("null", .null),
        ]
        where source.hasPrefix(word, at: start) && source[start + word.unicodeScalars.count]?.isLiteralLookahead == true
        {
            return emit(kind, length: word.unicodeScalars.count)
        }
        if let length = numberLength(start) { return emit(.number, length: length) }
        if source.hasPrefix("as", at: start), let afterSpace = blockParamsOpenEnd(start + 2) {
            return emit(.openBlockParams, length: afterSpace - start)
        }
        if first == "|" { return emit(.closeBlockParams, length: 1) }
        if first.isIdentifierScalar {
            var index = start
            while let scalar = source[index], scalar.isIdentifierScalar { index += 1 }
            if let next = source[index], next.isPathLookahead { return emit(.id, length: index - start) }
        }
        if first == "[", let end = bracketEnd(start) {
            let text = unescapeBrackets(source.scalars[start..<end])
            return emit(.id, length: end - start, text: text)
        }
        return emit(.invalid, length: 1)
    }

    /// Rules 11–23: everything that starts with `{{`.
    private mutating func lexOpen(_ start: Int) throws(TemplateError) -> Token {
        var index = start + 2
        if source[index] == "~" { index += 1 }
        func emit(_ kind: Token.Kind, to end: Int, pop: Bool = false) -> Token {
            offset = end
            if pop { popState() }
            return token(kind, start, end)
        }
        func skipSpaces(_ from: Int) -> Int {
            var position = from
            while let scalar = source[position], scalar.isJavaScriptWhitespace { position += 1 }
            return position
        }
        func closeEnd(_ from: Int) -> Int? {
            var position = from
            if source[position] == "~" { position += 1 }
            return source.hasPrefix("}}", at: position) ? position + 2 : nil
        }
        if source[index] == ">" { return emit(.openPartial, to: index + 1) }
        if source.hasPrefix("#>", at: index) { return emit(.openPartialBlock, to: index + 2) }
        if source[index] == "#" { return emit(.openBlock, to: index + (source[index + 1] == "*" ? 2 : 1)) }
        if source[index] == "/" { return emit(.openEndBlock, to: index + 1) }
        if source[index] == "^", let end = closeEnd(skipSpaces(index + 1)) { return emit(.inverse, to: end, pop: true) }
        let afterSpaces = skipSpaces(index)
        if source.hasPrefix("else", at: afterSpaces), let end = closeEnd(skipSpaces(afterSpaces + 4)) {
            return emit(.inverse, to: end, pop: true)
        }
        if source[index] == "^" { return emit(.openInverse, to: index + 1) }
        if source.hasPrefix("else", at: afterSpaces), source[afterSpaces + 4]?.isWordScalar != true {
            return emit(.openInverseChain, to: afterSpaces + 4)
        }
        if source[index] == "{" { return emit(.openUnescaped, to: index + 1) }
        if source[index] == "&" { return emit(.open, to: index + 1) }
        if source.hasPrefix("!--", at: index) {
            popState()
            begin(.comment)
            return try lexCommentBody(start)
        }
        if source[index] == "!" {
            var position = index + 1
            while position < source.count, !source.hasPrefix("}}", at: position) { position += 1 }
            guard position < source.count else {
                throw TemplateError(.unclosedComment, at: source.position(of: start))
            }
            return emit(.comment, to: position + 2, pop: true)
        }
        return emit(.open, to: index + (source[index] == "*" ? 1 : 0))
    }

    private mutating func lexCommentBody(_ start: Int) throws(TemplateError) -> Token {
        offset = start
        guard let token = try next() else { throw TemplateError(.unclosedComment, at: source.position(of: start)) }
        return token
    }

    /// `replace(/\\([\\\]])/g, "$1")` over a `[literal]` segment.
    private func unescapeBrackets(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
        var result = String.UnicodeScalarView()
        var index = scalars.startIndex
        while index < scalars.endIndex {
            let scalar = scalars[index]
            if scalar == "\\", index + 1 < scalars.endIndex, scalars[index + 1] == "\\" || scalars[index + 1] == "]" {
                result.append(scalars[index + 1])
                index += 2
                continue
            }
            result.append(scalar)
            index += 1
        }
        return String(result)
    }

    /// End (exclusive) of a quoted string starting at `start`, with the regex's backtracking rule:
    /// `\"` is an escaped quote unless no later quote closes the string.
    private func quotedEnd(_ start: Int, quote: Unicode.Scalar) -> Int? {
        var index = start + 1
        var lastEscapedQuote: Int?
        while index < source.count {
            let scalar = source.scalars[index]
            if scalar == "\\", source[index + 1] == quote {
                lastEscapedQuote = index + 1
                index += 2
                continue
            }
            if scalar == quote { return index + 1 }
            index += 1
        }
        return lastEscapedQuote.map { $0 + 1 }
    }

    /// End of `[ … ]` where `\]` does not close (unless nothing later does).
    private func bracketEnd(_ start: Int) -> Int? {
        var index = start + 1
        var lastEscaped: Int?
        while index < source.count {
            let scalar = source.scalars[index]
            if scalar == "\\", source[index + 1] == "]" {
                lastEscaped = index + 1
                index += 2
                continue
            }
            if scalar == "]" { return index + 1 }
            index += 1
        }
        return lastEscaped.map { $0 + 1 }
    }

    /// Length of `-?[0-9]+(\.[0-9]+)?` followed by a literal lookahead, trying the fraction first.
    private func numberLength(_ start: Int) -> Int? {
        var index = start
        if source[index] == "-" { index += 1 }
        let digitsStart = index
        while let scalar = source[index], ("0"..."9").contains(scalar) { index += 1 }
        guard index > digitsStart else { return nil }
        let integerEnd = index
        if source[index] == ".", let next = source[index + 1], ("0"..."9").contains(next) {
            index += 1
            while let scalar = source[index], ("0"..."9").contains(scalar) { index += 1 }
            if source[index]?.isLiteralLookahead == true { return index - start }
        }
        return source[integerEnd]?.isLiteralLookahead == true ? integerEnd - start : nil
    }

    private func blockParamsOpenEnd(_ from: Int) -> Int? {
        var index = from
        while let scalar = source[index], scalar.isJavaScriptWhitespace { index += 1 }
        guard index > from, source[index] == "|" else { return nil }
        return index + 1
    }
}

extension Lexer {
    /// Whether a token opens a tag (`{{`, `{{#`, `{{{{`, …), as opposed to content or an expression inside one.
    static func opensTag(_ token: Token) -> Bool {
        switch token.kind {
        case .openRawBlock, .openPartial, .openPartialBlock, .openBlock, .openEndBlock, .inverse, .openInverse,
            .openInverseChain, .openUnescaped, .open:
            true
        default:
            false
        }
    }
}

extension Unicode.Scalar {
    /// `[=~}\s\/.)|]`, the lookahead after an `ID`.
    var isPathLookahead: Bool {
        switch self {
        case "=", "~", "}", "/", ".", ")", "|": true
        default: isJavaScriptWhitespace
        }
    }

    /// `[~}\s)]`, the lookahead after a literal.
    var isLiteralLookahead: Bool {
        switch self {
        case "~", "}", ")": true
        default: isJavaScriptWhitespace
        }
    }
}

extension String {
    func replacingAll(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty, contains(target) else { return self }
        var result = ""
        var remaining = Substring(self)
        while let range = remaining.firstRange(of: target) {
            result += remaining[..<range.lowerBound]
            result += replacement
            remaining = remaining[range.upperBound...]
        }
        return result + remaining
    }
}
