extension String {
    /// The string's UTF-8 bytes, lent without copying the string first. `withUTF8` is mutating,
    /// so code holding a `let` made a copy to call it: a reference count taken and dropped for
    /// every text escaped into a page, a download or a sheet. A native string (every string
    /// perfsite makes) lends its bytes in place; any other is copied, as before.
    @inlinable
    public func withUTF8Bytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
        if let result = try utf8.withContiguousStorageIfAvailable(body) { return result }
        var copy = self
        return try copy.withUTF8(body)
    }
}
