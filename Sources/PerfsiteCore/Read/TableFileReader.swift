import Foundation

/// A table file on disk → `RawTable`, choosing the reader by extension: tab- or comma-separated
/// text, an Excel workbook's first sheet, or an HTML page's first data table. Later stages never
/// know which format a table came in.
public struct TableFileReader: Sendable {
    public var limits: ReadLimits

    public init(limits: ReadLimits = .standard) {
        self.limits = limits
    }

    /// Extensions perfsite reads as tables; other files under Content/ are ignored.
    /// `.xls` is listed so that an old binary workbook gets a clear error instead of being skipped.
    public static let tableExtensions: Set<String> = ["tsv", "txt", "csv", "xlsx", "xls", "html", "htm"]

    public static func isTable(_ path: String) -> Bool {
        tableExtensions.contains((path as NSString).pathExtension.lowercased())
    }

    /// `isTable` for a file's name (no folder in it) that does not start with a point, read from
    /// its bytes: NSString's path parsing for every name under Content/ was 1.5% of a one-table
    /// rebuild at 1,000 departments (perf), on the thread everything else waits for.
    static func isTable(name: String) -> Bool {
        let utf8 = name.utf8
        guard let point = utf8.lastIndex(of: UInt8(ascii: ".")) else { return false }
        return tableExtensions.contains(String(name[utf8.index(after: point)...]).lowercased())
    }

    /// Reads the file at `url`; `path` is how diagnostics name it.
    public func read(contentsOf url: URL, path: String) throws(ReadFailure) -> RawTable {
        let bytes: [UInt8]
        do {
            let handle = try FileHandle(forReadingFrom: url)
            defer { try? handle.close() }
            // Read one byte past the limit: enough to know the file is too big without loading it all.
            let data = try handle.read(upToCount: limits.maxFileBytes + 1) ?? Data()
            guard data.count <= limits.maxFileBytes else {
                throw ReadFailure(.limitExceeded(what: "文件大小(字节)", limit: limits.maxFileBytes, actual: nil))
            }
            bytes = [UInt8](data)
        } catch let failure as ReadFailure {
            throw failure
        } catch {
            throw ReadFailure(.unreadableFile(reason: Self.describe(error)))
        }
        return try read(bytes: bytes, path: path)
    }

    /// Reads a table from memory, for tests and for the preview server.
    public func read(bytes: [UInt8], path: String) throws(ReadFailure) -> RawTable {
        guard bytes.count <= limits.maxFileBytes else {
            throw ReadFailure(.limitExceeded(what: "文件大小(字节)", limit: limits.maxFileBytes, actual: bytes.count))
        }
        switch (path as NSString).pathExtension.lowercased() {
        case "xlsx":
            return try XLSXTableReader(limits: limits).read(bytes: bytes, path: path)
        case "html", "htm":
            return try HTMLTableReader(limits: limits).read(bytes: bytes, path: path)
        case "xls":
            throw ReadFailure(.notATextTable(reason: "是旧版 Excel 文件(.xls),请在 Excel 中另存为 .xlsx 工作簿"))
        default:
            break
        }
        let decoded = try TextDecoder.decode(bytes)
        let separator: DelimitedTableReader.Separator =
            (path as NSString).pathExtension.lowercased() == "csv" ? .comma : .tab
        return try DelimitedTableReader(separator: separator, limits: limits)
            .read(decoded.text, path: path, encoding: decoded.encoding)
    }

    private static func describe(_ error: any Error) -> String {
        let nsError = error as NSError
        if nsError.domain == NSCocoaErrorDomain {
            switch nsError.code {
            case NSFileReadNoSuchFileError, NSFileNoSuchFileError: return "文件不存在"
            case NSFileReadNoPermissionError: return "没有读取权限"
            default: break
            }
        }
        if let posix = (nsError.userInfo[NSUnderlyingErrorKey] as? NSError), posix.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(posix.code)))
        }
        return nsError.localizedDescription
    }
}
