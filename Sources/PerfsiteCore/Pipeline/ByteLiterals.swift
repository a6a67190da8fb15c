extension Array where Element == UInt8 {
    /// A literal's UTF-8 bytes, copied straight from the binary. Appending a String literal's
    /// `utf8` view goes through the generic sequence path, and a literal kept in a static array is
    /// retained and released on every use: either was a third of writing a workbook's sheet
    /// (perf, 1,000 departments), where markup is appended a dozen times per cell.
    @inlinable
    public mutating func append(literal: StaticString) {
        literal.withUTF8Buffer { append(contentsOf: $0) }
    }
}
