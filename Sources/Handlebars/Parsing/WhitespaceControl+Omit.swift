extension WhitespaceControl {
    /// The content id at `offset` in `body`, if that statement is content.
    private func contentID(_ body: [AST.Statement], _ offset: Int) -> Int? {
        guard body.indices.contains(offset), case .content(let content) = body[offset] else { return nil }
        return content.id
    }

    /// handlebars.js `isPrevWhitespace`: does the content before `index` end a line?
    func isPreviousWhitespace(_ body: [AST.Statement], _ index: Int?, isRoot: Bool) -> Bool {
        let index = index ?? body.count
        guard index - 1 >= 0 else { return isRoot }
        guard let id = contentID(body, index - 1), let original = contents[id]?.original else { return false }
        let hasSibling = index - 2 >= 0
        let trailing = original.reversed().prefix { $0.isJavaScriptWhitespace }
        if trailing.contains("\n") { return true }
        return !hasSibling && isRoot && trailing.count == original.count
    }

    /// handlebars.js `isNextWhitespace`: does the content after `index` start with a line end?
    func isNextWhitespace(_ body: [AST.Statement], _ index: Int?, isRoot: Bool) -> Bool {
        let index = index ?? -1
        guard index + 1 < body.count else { return isRoot }
        guard let id = contentID(body, index + 1), let original = contents[id]?.original else { return false }
        let hasSibling = index + 2 < body.count
        let leading = original.prefix { $0.isJavaScriptWhitespace }
        if leading.contains("\n") { return true }
        return !hasSibling && isRoot && leading.count == original.count
    }

    /// handlebars.js `omitRight`: strip the start of the content after `index` (or the first one).
    mutating func omitRight(_ body: [AST.Statement], _ index: Int?, multiple: Bool = false) {
        guard let id = contentID(body, index.map { $0 + 1 } ?? 0), var state = contents[id] else { return }
        if !multiple && state.rightStripped { return }
        let before = state.value
        var start = 0
        let value = state.value
        if multiple {
            while start < value.count, value[start].isJavaScriptWhitespace { start += 1 }
        } else {
            while start < value.count, value[start] == " " || value[start] == "\t" { start += 1 }
            if start < value.count, value[start] == "\r" { start += 1 }
            if start < value.count, value[start] == "\n" { start += 1 }
        }
        state.value.removeFirst(start)
        state.rightStripped = state.value != before
        contents[id] = state
    }

    /// handlebars.js `omitLeft`: strip the end of the content before `index` (or the last one).
    @discardableResult
    mutating func omitLeft(_ body: [AST.Statement], _ index: Int?, multiple: Bool = false) -> Bool {
        guard let id = contentID(body, index.map { $0 - 1 } ?? body.count - 1), var state = contents[id] else {
            return false
        }
        if !multiple && state.leftStripped { return false }
        let before = state.value
        while let last = state.value.last, multiple ? last.isJavaScriptWhitespace : (last == " " || last == "\t") {
            state.value.removeLast()
        }
        state.leftStripped = state.value != before
        contents[id] = state
        return state.leftStripped
    }
}
