/// "Did you mean …?" for misspelled keys and values.
package enum Suggestion {
    /// The candidate nearest to `word` by edit distance, if it is near enough to be a plausible typo.
    package static func nearest(to word: String, in candidates: some Sequence<String>) -> String? {
        let lower = word.lowercased()
        // A truncated or extended word ("user" for "username") is a likelier typo than any near spelling; of
        // several, the one closest in length ("approval" → "approvals", not "approvals_logical_relation").
        let extensions = candidates.filter {
            let candidate = $0.lowercased()
            return lower.count >= 3 && candidate != lower && (candidate.hasPrefix(lower) || lower.hasPrefix(candidate))
        }
        if let closest = extensions.min(by: { abs($0.count - word.count) < abs($1.count - word.count) }) {
            return closest
        }
        var best: (candidate: String, distance: Int)?
        for candidate in candidates {
            let distance = editDistance(Array(lower.unicodeScalars), Array(candidate.lowercased().unicodeScalars))
            if distance < (best?.distance ?? .max) { best = (candidate, distance) }
        }
        guard let best else { return nil }
        let limit = max(2, (max(word.count, best.candidate.count) + 1) / 2)
        return best.distance <= limit ? best.candidate : nil
    }

    /// Damerau–Levenshtein distance (optimal string alignment): a swap of two neighbours counts as one edit.
    package static func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous2 = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    current[j] = min(current[j], previous2[j - 2] + 1)
                }
            }
            (previous2, previous, current) = (previous, current, previous2)
        }
        return previous[b.count]
    }

    /// `; did you mean "x"?` or nothing.
    package static func phrase(for word: String, in candidates: some Sequence<String>) -> String {
        nearest(to: word, in: candidates).map { "; did you mean \"\($0)\"?" } ?? ""
    }
}
