extension Array where Element == UInt8 {
    /// A literal's UTF-8 bytes, copied straight from the binary. Appending a String literal's
    /// `utf8` view goes through the generic sequence path, and a literal kept in a static array is
    /// retained and released on every use: either was a third of writing a workbook's sheet
    /// (perf, 1,000 departments), where markup is appended a dozen times per cell.
    /// A one-byte literal (the commas of the search index's posting lists) is appended as its
    /// byte: as a buffer it was twice the cost of writing a list (perf).
    @inlinable
    public mutating func append(literal: StaticString) {
        if literal.hasPointerRepresentation && literal.utf8CodeUnitCount == 1 {
            append(literal.utf8Start.pointee)
        } else {
            literal.withUTF8Buffer { append(contentsOf: $0) }
        }
    }
}
