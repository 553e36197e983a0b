/// The one way hookctl resolves a path the user wrote against the directory it was written in.
public enum AbsolutePath {
    /// `path` itself when absolute, else `path` under `directory`; `.` and `..` segments and repeated slashes are
    /// folded (without touching the file system, so symbolic links are kept).
    public static func resolve(_ path: String, against directory: String) -> String {
        let joined = path.hasPrefix("/") ? path : directory + "/" + path
        var segments: [Substring] = []
        for segment in joined.split(separator: "/", omittingEmptySubsequences: true) {
            switch segment {
            case ".": continue
            case "..": if !segments.isEmpty { segments.removeLast() }
            default: segments.append(segment)
            }
        }
        return "/" + segments.joined(separator: "/")
    }
}
