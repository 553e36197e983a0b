#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The runner holds a descriptor for each send in flight, each pooled keep-alive connection, each intake client and
/// its store: at start it raises its soft limit on open files to the hard limit, as Go's runtime does, so a default
/// soft limit of 1,024 does not cap it below what `--concurrency` asks for.
enum OpenFileLimit {
    /// Raises the soft limit to the hard one; returns the limit in force afterwards (`nil`: it could not be read).
    static func raise() -> UInt64? {
        var limit = rlimit()
        guard getrlimit(resource, &limit) == 0 else { return nil }
        if limit.rlim_cur < ceiling(limit.rlim_max) {
            var raised = limit
            raised.rlim_cur = ceiling(limit.rlim_max)
            if setrlimit(resource, &raised) == 0 { limit = raised }
        }
        return UInt64(limit.rlim_cur)
    }

    /// Descriptors a runner may hold at once: one per send in flight and per intake connection, and a margin for
    /// its store, listeners, pooled idle connections and lookups.
    static func wanted(concurrency: Int, maxConnections: Int) -> UInt64 {
        UInt64(concurrency) + UInt64(maxConnections) + 128
    }

    #if canImport(Glibc)
        private static let resource = __rlimit_resource_t(RLIMIT_NOFILE.rawValue)
        private static func ceiling(_ hard: rlim_t) -> rlim_t { hard }
    #else
        private static let resource = RLIMIT_NOFILE
        /// macOS refuses a soft limit above `OPEN_MAX` (10,240) however high the hard one, often unlimited.
        private static func ceiling(_ hard: rlim_t) -> rlim_t { min(hard, 10_240) }
    #endif
}
