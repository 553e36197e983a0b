/// A stack over memory the caller provides (a temporary allocation sized from the template's
/// nesting, usually on the machine stack), so a render needs no heap for its bookkeeping.
struct RenderStack<Element> {
    private let base: UnsafeMutablePointer<Element>
    private let capacity: Int
    private(set) var count = 0

    init(_ memory: UnsafeMutableBufferPointer<Element>) {
        base = memory.baseAddress!
        capacity = memory.count
    }

    /// Pushes `element`; `false` when full (the caller turns that into a depth error).
    mutating func push(_ element: Element) -> Bool {
        guard count < capacity else { return false }
        (base + count).initialize(to: element)
        count += 1
        return true
    }

    mutating func pop() {
        count -= 1
        (base + count).deinitialize(count: 1)
    }

    mutating func pop(_ elements: Int) {
        for _ in 0..<elements { pop() }
    }

    subscript(index: Int) -> Element {
        get { base[index] }
        nonmutating set { base[index] = newValue }
    }

    var last: Element { base[count - 1] }
}
