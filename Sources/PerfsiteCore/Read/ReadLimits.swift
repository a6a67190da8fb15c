/// Bounds on what a reader accepts. Real tables are far inside them (the sample is 7.6 KB); they
/// exist so that a wrong file dropped into Content/ ends in a clear diagnostic in bounded time and
/// memory instead of a stalled build.
public struct ReadLimits: Sendable, Hashable {
    public var maxFileBytes: Int
    public var maxCellBytes: Int
    public var maxColumns: Int
    public var maxRows: Int

    public init(maxFileBytes: Int, maxCellBytes: Int, maxColumns: Int, maxRows: Int) {
        self.maxFileBytes = maxFileBytes
        self.maxCellBytes = maxCellBytes
        self.maxColumns = maxColumns
        self.maxRows = maxRows
    }

    public static let standard = ReadLimits(
        maxFileBytes: 64 << 20, maxCellBytes: 256 << 10, maxColumns: 256, maxRows: 1_000_000)
}
