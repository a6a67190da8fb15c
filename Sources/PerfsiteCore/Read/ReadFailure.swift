/// A reader's reason to give up on a file, at the place it gave up. The pipeline turns it into a
/// diagnostic and goes on with the other files.
public struct ReadFailure: Error, Sendable, Hashable {
    public var finding: Finding
    /// 0 when the failure concerns the whole file.
    public var row: Int
    public var column: Int

    public init(_ finding: Finding, row: Int = 0, column: Int = 0) {
        self.finding = finding
        self.row = row
        self.column = column
    }

    public func diagnostic(file: String) -> Diagnostic {
        Diagnostic(finding, at: SourceLocation(file: file, row: row, column: column))
    }
}
