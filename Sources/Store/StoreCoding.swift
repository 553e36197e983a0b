package import Foundation

/// The JSON form of stored documents: sorted keys, so equal states store byte-equal text.
package enum StoreCoding {
    package static func encode(_ value: some Encodable) throws(StoreError) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        do { return String(decoding: try encoder.encode(value), as: UTF8.self) } catch {
            throw .backend("cannot encode a stored document: \(error)")
        }
    }

    /// An attempt's history document, written without `JSONEncoder` (`Invocation.storeJSON`: the runner writes one
    /// per attempt).
    package static func encode(_ invocation: Invocation) throws(StoreError) -> String { invocation.storeJSON }

    package static func decode<T: Decodable>(
        _ type: T.Type, from text: String, using decoder: JSONDecoder = JSONDecoder()
    ) throws(StoreError) -> T {
        do { return try decoder.decode(type, from: Data(text.utf8)) } catch {
            throw .backend("a stored document cannot be read (written by another hookctl version?)")
        }
    }
}
