import Handlebars
import MallocCounter
import JSON

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Compiles `body.hbs` once and renders it over `access-request-created.json` in a loop, in json
/// and html escape modes; prints renders/second and heap allocations per render.
func readFile(_ path: String) -> [UInt8] {
    guard let file = fopen(path, "rb") else { fatalError("cannot open \(path)") }
    defer { fclose(file) }
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 65536)
    while true {
        let count = chunk.withUnsafeMutableBytes { fread($0.baseAddress, 1, 65536, file) }
        if count == 0 { break }
        bytes.append(contentsOf: chunk[0..<count])
    }
    return bytes
}

/// CPU time of this thread, in seconds (robust when other processes share the core).
func threadCPUSeconds() -> Double {
    var spec = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec)
    return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
}

let directory = CommandLine.arguments.count > 1 ? CommandLine.arguments[1] : "."
let seconds = CommandLine.arguments.count > 2 ? Double(CommandLine.arguments[2]) ?? 3 : 3
let warmups = CommandLine.arguments.count > 3 ? Int(CommandLine.arguments[3]) ?? 20_000 : 20_000
let source = String(decoding: readFile(directory + "/body.hbs"), as: UTF8.self)
let context = try JSONValue(parsing: readFile(directory + "/access-request-created.json"))

for mode in [EscapeMode.json, .html] {
    let template = try Template(source, escape: mode)
    var sink = 0
    for _ in 0..<warmups { sink &+= try template.render(context).count }

    let allocationsBefore = malloc_counter_allocations()
    let sampleRenders = max(1, warmups / 2)
    for _ in 0..<sampleRenders { sink &+= try template.render(context).count }
    let allocationsPerRender = Double(malloc_counter_allocations() - allocationsBefore) / Double(sampleRenders)

    let clock = ContinuousClock()
    var renders = 0
    let cpuStart = threadCPUSeconds()
    let start = clock.now
    let deadline = start.advanced(by: .milliseconds(Int(seconds * 1000)))
    while clock.now < deadline {
        for _ in 0..<1000 { sink &+= try template.render(context).count }
        renders += 1000
    }
    let elapsed = start.duration(to: clock.now)
    let elapsedSeconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    let rate = Double(renders) / elapsedSeconds
    let cpuRate = Double(renders) / (threadCPUSeconds() - cpuStart)
    let bytes = try template.render(context).count
    print(
        "swift-\(mode.rawValue) renders_per_second=\(Int(rate)) renders_per_cpu_second=\(Int(cpuRate))",
        "allocations_per_render=\(allocationsPerRender) output_bytes=\(bytes) checksum=\(sink % 1000)")
}
