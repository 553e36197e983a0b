/// Formats a `Double` the way JavaScript's `Number.prototype.toString()` does, appending ASCII
/// bytes to a buffer without allocating.
///
/// Integers below 2^53 take a direct path; every other finite value starts from Swift's shortest
/// round-trip digits (the same digits JavaScript picks) and is re-laid-out with JavaScript's rules:
/// plain notation for exponents in `-7 < n <= 21`, `1e+21`/`1e-7` style otherwise, `NaN`,
/// `Infinity`, `-Infinity`, and `0` for negative zero.
package enum JSNumberFormatter {
    package static func append(_ value: Double, to output: inout [UInt8]) {
        if value.isNaN {
            output.append(contentsOf: "NaN".utf8)
            return
        }
        if value.isInfinite {
            output.append(contentsOf: value < 0 ? "-Infinity".utf8 : "Infinity".utf8)
            return
        }
        if value == 0 {
            output.append(UInt8(ascii: "0"))
            return
        }
        // `Int64(_:)` truncates; `rounded()` would need libm, which plain executables may not link.
        if value.magnitude < 9_007_199_254_740_992, Double(Int64(value)) == value {
            appendInteger(Int64(value), to: &output)
            return
        }
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 64) { scratch in
            var sink = ScratchSink(buffer: scratch)
            value.write(to: &sink)
            layOut(UnsafeBufferPointer(rebasing: scratch[..<sink.count]), negative: value < 0, to: &output)
        }
    }

    package static func appendInteger(_ value: Int64, to output: inout [UInt8]) {
        if value < 0 { output.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        if magnitude < 10 {
            output.append(UInt8(ascii: "0") &+ UInt8(magnitude))
            return
        }
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var position = 20
            while magnitude > 0 {
                position -= 1
                digits[position] = UInt8(ascii: "0") &+ UInt8(magnitude % 10)
                magnitude /= 10
            }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: digits[position...]))
        }
    }

    /// Re-lays-out Swift's `1.2345e+20` / `0.001` / `100.0` text as JavaScript would print it.
    private static func layOut(_ swiftText: UnsafeBufferPointer<UInt8>, negative: Bool, to output: inout [UInt8]) {
        var digits: UInt64 = 0
        var digitCount = 0
        var pointPosition = -1  // digits seen (after stripping leading zeros) when '.' was met
        var seenDigits = 0  // significant digits seen so far (including interior zeros)
        var pendingZeros = 0  // trailing zeros not yet folded into `digits`
        var exponent = 0
        var index = 0
        let zero = UInt8(ascii: "0")
        var leadingZerosAfterPoint = 0
        while index < swiftText.count {
            let byte = swiftText[index]
            if byte == UInt8(ascii: "-") {
                index += 1
                continue
            }
            if byte == UInt8(ascii: ".") {
                pointPosition = seenDigits
                index += 1
                continue
            }
            if byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") {
                index += 1
                var exponentNegative = false
                if index < swiftText.count,
                    swiftText[index] == UInt8(ascii: "+") || swiftText[index] == UInt8(ascii: "-")
                {
                    exponentNegative = swiftText[index] == UInt8(ascii: "-")
                    index += 1
                }
                while index < swiftText.count {
                    exponent = exponent * 10 + Int(swiftText[index] &- zero)
                    index += 1
                }
                if exponentNegative { exponent = -exponent }
                break
            }
            let digit = byte &- zero
            if digit == 0 && seenDigits == 0 {
                if pointPosition >= 0 { leadingZerosAfterPoint += 1 }
            } else if digit == 0 {
                pendingZeros += 1
                seenDigits += 1
            } else {
                for _ in 0..<pendingZeros { digits = digits &* 10 }
                digitCount += pendingZeros
                pendingZeros = 0
                digits = digits &* 10 &+ UInt64(digit)
                digitCount += 1
                seenDigits += 1
            }
            index += 1
        }
        if pointPosition < 0 { pointPosition = seenDigits }
        // value = 0.d1d2…dk × 10^n
        let n = pointPosition - leadingZerosAfterPoint + exponent
        let k = digitCount
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 24) { text in
            var remaining = digits
            for position in stride(from: k - 1, through: 0, by: -1) {
                text[position] = zero &+ UInt8(remaining % 10)
                remaining /= 10
            }
            let significant = UnsafeBufferPointer(rebasing: text[..<k])
            if negative { output.append(UInt8(ascii: "-")) }
            if k <= n && n <= 21 {
                output.append(contentsOf: significant)
                for _ in 0..<(n - k) { output.append(zero) }
            } else if 0 < n && n <= 21 {
                output.append(contentsOf: significant[..<n])
                output.append(UInt8(ascii: "."))
                output.append(contentsOf: significant[n...])
            } else if -6 < n && n <= 0 {
                output.append(zero)
                output.append(UInt8(ascii: "."))
                for _ in 0..<(-n) { output.append(zero) }
                output.append(contentsOf: significant)
            } else {
                output.append(significant[0])
                if k > 1 {
                    output.append(UInt8(ascii: "."))
                    output.append(contentsOf: significant[1...])
                }
                output.append(UInt8(ascii: "e"))
                let e = n - 1
                output.append(e < 0 ? UInt8(ascii: "-") : UInt8(ascii: "+"))
                appendInteger(Int64(e.magnitude), to: &output)
            }
        }
    }
}

/// A `TextOutputStream` that copies ASCII into caller-provided scratch memory.
///
/// `Double.write(to:)` hands its digits to `_writeASCII` directly, so no `String` is created.
private struct ScratchSink: TextOutputStream {
    let buffer: UnsafeMutableBufferPointer<UInt8>
    var count = 0

    init(buffer: UnsafeMutableBufferPointer<UInt8>) {
        self.buffer = buffer
    }

    mutating func write(_ string: String) {
        for byte in string.utf8 where count < buffer.count {
            buffer[count] = byte
            count += 1
        }
    }

    mutating func _writeASCII(_ ascii: UnsafeBufferPointer<UInt8>) {
        for byte in ascii where count < buffer.count {
            buffer[count] = byte
            count += 1
        }
    }
}
