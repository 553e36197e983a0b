import Reconciler
import Testing

@Suite("Line diff")
struct LineDiffTests {
    @Test func alignsInsertionsAndDeletions() {
        let diff = LineDiff.diff(old: "a\nb\nc\nd\n", new: "a\nc\nx\nd\n")
        #expect(diff.map { $0.kind.marker + $0.text } == [" a", "-b", " c", "+x", " d"])
    }

    @Test func equalTextsHaveNoChanges() {
        #expect(LineDiff.diff(old: "a\nb", new: "a\nb").allSatisfy { $0.kind == .same })
    }

    @Test func emptySides() {
        #expect(LineDiff.diff(old: "", new: "a\n").map(\.kind) == [.added])
        #expect(LineDiff.diff(old: "a\n", new: "").map(\.kind) == [.removed])
    }
}
