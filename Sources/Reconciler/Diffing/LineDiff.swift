/// A line diff by longest common subsequence, after trimming the common prefix and suffix.
public enum LineDiff {
    /// Above this many cells the middle is shown as all removed then all added instead of aligned.
    static let maxCells = 4_000_000

    public static func diff(old: String, new: String) -> [DiffLine] {
        diff(old: lines(old), new: lines(new))
    }

    public static func diff(old: [String], new: [String]) -> [DiffLine] {
        var prefix = 0
        while prefix < old.count, prefix < new.count, old[prefix] == new[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < old.count - prefix, suffix < new.count - prefix,
            old[old.count - 1 - suffix] == new[new.count - 1 - suffix]
        {
            suffix += 1
        }
        let a = Array(old[prefix..<(old.count - suffix)])
        let b = Array(new[prefix..<(new.count - suffix)])
        var result = old[..<prefix].map { DiffLine(.same, $0) }
        result += middle(a, b)
        result += old[(old.count - suffix)...].map { DiffLine(.same, $0) }
        return result
    }

    private static func middle(_ a: [String], _ b: [String]) -> [DiffLine] {
        guard !a.isEmpty, !b.isEmpty, a.count * b.count <= maxCells else {
            return a.map { DiffLine(.removed, $0) } + b.map { DiffLine(.added, $0) }
        }
        // lcs[i][j]: length of the LCS of a[i...] and b[j...], row-major in one buffer.
        let width = b.count + 1
        var lcs = [Int32](repeating: 0, count: (a.count + 1) * width)
        for i in stride(from: a.count - 1, through: 0, by: -1) {
            for j in stride(from: b.count - 1, through: 0, by: -1) {
                lcs[i * width + j] =
                    a[i] == b[j]
                    ? lcs[(i + 1) * width + j + 1] + 1 : max(lcs[(i + 1) * width + j], lcs[i * width + j + 1])
            }
        }
        var result: [DiffLine] = []
        var (i, j) = (0, 0)
        while i < a.count, j < b.count {
            if a[i] == b[j] {
                result.append(DiffLine(.same, a[i]))
                i += 1
                j += 1
            } else if lcs[(i + 1) * width + j] >= lcs[i * width + j + 1] {
                result.append(DiffLine(.removed, a[i]))
                i += 1
            } else {
                result.append(DiffLine(.added, b[j]))
                j += 1
            }
        }
        result += a[i...].map { DiffLine(.removed, $0) }
        result += b[j...].map { DiffLine(.added, $0) }
        return result
    }

    static func lines(_ text: String) -> [String] {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        return lines
    }
}
