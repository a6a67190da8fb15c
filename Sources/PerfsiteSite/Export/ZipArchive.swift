/// A ZIP archive made in memory: the container of the XLSX downloads. Written here rather than
/// through ZIPFoundation (which still reads the workbooks publishers upload), because its
/// in-memory archive cost 1.8 ms of CPU per workbook, ten times zlib's deflate of the same parts —
/// a quarter of a 1,000-department build (measured by building without workbooks: 4.3 s → 3.2 s).
/// A workbook's four fixed parts are also deflated once per process, not once per workbook.
///
/// What is written is the plain subset of the format (APPNOTE 6.3.10) every reader takes: local
/// headers with sizes and CRC-32 known up front, no data descriptors, no ZIP64 (a workbook is far
/// below 4 GB), a fixed time stamp so the same parts give the same bytes.
struct ZipArchive {
    /// A part, compressed and checksummed, ready to be added to any number of archives.
    struct Entry: Sendable {
        let name: [UInt8]
        let crc: UInt32
        let size: Int
        /// 8: deflate; 0: stored, when deflating would not make it smaller.
        let method: UInt16
        let data: [UInt8]

        /// `level`: libdeflate's 1 (fastest) to 12 (smallest); 6 is zlib's default.
        init(_ name: String, deflating bytes: [UInt8], level: Int32 = 6) {
            self.name = Array(name.utf8)
            size = bytes.count
            crc = CRC32.of(bytes)
            if let deflated = DeflateCompressor.deflate(bytes, level: level) {
                method = 8
                data = deflated
            } else {
                method = 0
                data = bytes
            }
        }
    }

    private var body: [UInt8] = []
    private var directory: [UInt8] = []
    private var count = 0

    /// 2000-01-01 00:00 in MS-DOS form: the entries' fixed time stamp.
    private static let dosTime: UInt16 = 0
    private static let dosDate: UInt16 = (2000 - 1980) << 9 | 1 << 5 | 1

    mutating func add(_ entry: Entry) {
        let offset = body.count
        // Local file header.
        Self.append(UInt32(0x0403_4B50), to: &body)
        Self.appendShared(entry, to: &body)
        Self.append(UInt16(0), to: &body)  // extra field length
        body += entry.name
        body += entry.data
        // Central directory header.
        Self.append(UInt32(0x0201_4B50), to: &directory)
        Self.append(UInt16(3 << 8 | 20), to: &directory)  // made by: Unix, format 2.0
        Self.appendShared(entry, to: &directory)
        for field: UInt16 in [0, 0, 0, 0] { Self.append(field, to: &directory) }  // extra, comment, disk, internal
        Self.append(UInt32(0o100644) << 16, to: &directory)  // a regular file, rw-r--r--
        Self.append(UInt32(offset), to: &directory)
        directory += entry.name
        count += 1
    }

    /// The archive: the entries, the central directory, and its end record.
    var bytes: [UInt8] {
        var bytes = body + directory
        Self.append(UInt32(0x0605_4B50), to: &bytes)
        for field: UInt16 in [0, 0, UInt16(count), UInt16(count)] { Self.append(field, to: &bytes) }
        Self.append(UInt32(directory.count), to: &bytes)
        Self.append(UInt32(body.count), to: &bytes)
        Self.append(UInt16(0), to: &bytes)  // comment length
        return bytes
    }

    /// The fields local and central headers share: version needed, flags, method, time, date,
    /// CRC-32, sizes and the name's length.
    private static func appendShared(_ entry: Entry, to bytes: inout [UInt8]) {
        append(UInt16(20), to: &bytes)
        append(UInt16(0), to: &bytes)
        append(entry.method, to: &bytes)
        append(dosTime, to: &bytes)
        append(dosDate, to: &bytes)
        append(entry.crc, to: &bytes)
        append(UInt32(entry.data.count), to: &bytes)
        append(UInt32(entry.size), to: &bytes)
        append(UInt16(entry.name.count), to: &bytes)
    }

    private static func append(_ value: some FixedWidthInteger, to bytes: inout [UInt8]) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }
}
