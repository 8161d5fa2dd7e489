// EmbeddedData.swift — the data blobs compiled into the binary (Lexicons/compiled/).
internal import CBitextData

/// Read-only data compiled into the bitext binary, so the tool needs no files at run time.
///
///     EmbeddedData.blob(named: "selftest")?.count   // 31
public enum EmbeddedData {
    /// The bytes of an embedded blob (16-byte aligned, valid for the life of the process).
    public static func blob(named name: String) -> UnsafeRawBufferPointer? {
        var size = 0
        guard let p = name.withCString({ bx_embedded_blob($0, &size) }) else { return nil }
        return UnsafeRawBufferPointer(start: p, count: size)
    }

    /// The names of every embedded blob.
    public static var names: [String] {
        (0..<bx_embedded_count()).map { String(cString: bx_embedded_name($0)) }
    }
}
