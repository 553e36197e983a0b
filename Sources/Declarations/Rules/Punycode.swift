/// RFC 3492's Punycode decoding, to tell a real `xn--` label (an internationalized name's ASCII form) from one
/// no registry could have issued.
enum Punycode {
    private static let base = 36, tMin = 1, tMax = 26, skew = 38, damp = 700, initialBias = 72
    private static let initialN = 0x80

    /// Whether `label` (lower-case, `xn--` prefix included) decodes to an internationalized name: a valid
    /// encoding whose result has a non-ASCII character and no control, surrogate or out-of-range one.
    static func isValidALabel(_ label: Substring) -> Bool {
        guard label.hasPrefix("xn--"), let decoded = decode(label.dropFirst(4)) else { return false }
        return decoded.contains { $0 >= 0x80 }
            && decoded.allSatisfy { !(0x80...0x9F).contains($0) && Unicode.Scalar($0) != nil && $0 >= 0x20 }
    }

    /// The code points `encoded` stands for, or `nil` if it is not Punycode.
    static func decode(_ encoded: Substring) -> [UInt32]? {
        let bytes = Array(encoded.utf8)
        var output: [UInt32] = []
        var start = 0
        if let delimiter = bytes.lastIndex(of: UInt8(ascii: "-")) {
            guard bytes[..<delimiter].allSatisfy({ $0 < 0x80 }) else { return nil }
            output = bytes[..<delimiter].map(UInt32.init)
            start = delimiter + 1
        }
        var n = initialN, i = 0, bias = initialBias
        var position = start
        while position < bytes.count {
            let oldI = i
            var w = 1
            var k = base
            while true {
                guard position < bytes.count, let digit = digitValue(bytes[position]) else { return nil }
                position += 1
                let (product, overflowed) = digit.multipliedReportingOverflow(by: w)
                guard !overflowed, i <= Int(Int32.max) - product else { return nil }
                i += product
                let t = k <= bias ? tMin : (k >= bias + tMax ? tMax : k - bias)
                if digit < t { break }
                guard w <= Int(Int32.max) / (base - t) else { return nil }
                w *= base - t
                k += base
            }
            bias = adapt(delta: i - oldI, points: output.count + 1, first: oldI == 0)
            n += i / (output.count + 1)
            guard n <= 0x10FFFF else { return nil }
            i %= output.count + 1
            output.insert(UInt32(n), at: i)
            i += 1
        }
        return output
    }

    private static func digitValue(_ byte: UInt8) -> Int? {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"): Int(byte - UInt8(ascii: "a"))
        case UInt8(ascii: "0")...UInt8(ascii: "9"): Int(byte - UInt8(ascii: "0")) + 26
        default: nil
        }
    }

    private static func adapt(delta: Int, points: Int, first: Bool) -> Int {
        var delta = first ? delta / damp : delta / 2
        delta += delta / points
        var k = 0
        while delta > ((base - tMin) * tMax) / 2 {
            delta /= base - tMin
            k += base
        }
        return k + (base - tMin + 1) * delta / (delta + skew)
    }
}
