import Foundation
import ZIPFoundation

/// The first worksheet of an `.xlsx` workbook → `RawTable`, with each cell's text as Excel shows
/// it: shared and inline strings as written, numbers to 15 significant digits (152.9, never
/// 152.90000000000001), percentages formatted (`0.98` in a `0%` cell reads `98%`), booleans as
/// TRUE/FALSE. Merged cells keep their value in the top-left cell only — what Excel writes when
/// it saves the same sheet as text, so a workbook and its text export give the same table.
///
/// The archive is untrusted: every part is size-checked against the read limits before and while
/// it is inflated (a zip bomb stops at the limit), and XML is read by libxml2's streaming reader
/// without DTDs or network access.
struct XLSXTableReader: Sendable {
    var limits: ReadLimits

    func read(bytes: [UInt8], path: String) throws(ReadFailure) -> RawTable {
        guard Self.hasEndOfCentralDirectory(bytes) else {
            throw ReadFailure(.notATextTable(reason: "扩展名为 .xlsx,但不是有效的 Excel 工作簿(不是 zip 压缩包)"))
        }
        // A file-backed archive, not ZIPFoundation's in-memory one: its memory file traps when an
        // entry's offset points past the end of the data (found by fuzzing), where a FILE simply
        // reads nothing. The copy lives only while the workbook is read.
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("perfsite-\(UUID().uuidString).xlsx")
        defer { try? FileManager.default.removeItem(at: copy) }
        let archive: Archive
        do {
            // ZIPFoundation inflates until the deflate stream ends and, at the end of the file, asks
            // for more input forever: a truncated part hung the reader (found by fuzzing). `part`
            // now inflates with a provider that stops at the entry's end; before that, bytes of
            // 0xFF after the archive end that: past any stored block (at most 65,535 bytes) the next
            // block header reads as the reserved type 3, a data error; Huffman codes read from them
            // run into that header or into the size limit first. The zip itself is unaffected: its
            // offsets count from the start, and its end record is found before the padding.
            try (Data(bytes) + Data(repeating: 0xFF, count: 70_000)).write(to: copy)
            archive = try Archive(url: copy, accessMode: .read)
        } catch {
            throw ReadFailure(.notATextTable(reason: "扩展名为 .xlsx,但不是有效的 Excel 工作簿(不是 zip 压缩包)"))
        }
        let sheet = try firstSheet(in: archive, of: bytes)
        let sharedStrings = try part("xl/sharedStrings.xml", in: archive, of: bytes).map(Self.sharedStrings) ?? nil
        let styles = try part("xl/styles.xml", in: archive, of: bytes).map(Self.percentStyles) ?? [:]
        guard let sheetXML = try part(sheet.part, in: archive, of: bytes) else {
            throw ReadFailure(.notATextTable(reason: "工作簿缺少工作表“\(sheet.name)”(\(sheet.part))"))
        }
        let rows = try cells(of: sheetXML, sharedStrings: sharedStrings, percentStyles: styles)
        return RawTable(path: path, encoding: .utf8, rows: rows, sheet: sheet.name)
    }

    /// Whether the bytes end with a complete zip end-of-central-directory record, looked for where
    /// the format puts it (within the last 22 + 65,535 bytes). Checked before ZIPFoundation sees
    /// the bytes: it scans the whole input for the record, which on 64 MB of noise takes seconds,
    /// and its in-memory archive leaked the data when the record was missing (found by fuzzing).
    static func hasEndOfCentralDirectory(_ bytes: [UInt8]) -> Bool {
        let recordSize = 22
        guard bytes.count >= recordSize else { return false }
        var position = bytes.count - recordSize
        let lowest = max(0, position - 65_535)
        while position >= lowest {
            if bytes[position] == 0x50, bytes[position + 1] == 0x4B, bytes[position + 2] == 0x05,
                bytes[position + 3] == 0x06
            {
                let commentLength = Int(bytes[position + 20]) | Int(bytes[position + 21]) << 8
                return position + recordSize + commentLength <= bytes.count
            }
            position -= 1
        }
        return false
    }

    /// The bytes of one part, or nil when the archive has no such part.
    private func part(_ name: String, in archive: Archive, of workbook: [UInt8]) throws(ReadFailure) -> [UInt8]? {
        guard let entry = archive[name] else { return nil }
        let limit = limits.maxFileBytes
        let tooLarge = ReadFailure(.limitExceeded(what: "工作簿中 \(name) 解压后的大小(字节)", limit: limit, actual: nil))
        let corrupted = ReadFailure(.notATextTable(reason: "工作簿中 \(name) 已损坏,无法解压"))
        guard entry.uncompressedSize <= UInt64(limit) else {
            throw ReadFailure(
                .limitExceeded(
                    what: "工作簿中 \(name) 解压后的大小(字节)", limit: limit, actual: Int(clamping: entry.uncompressedSize)))
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(Int(entry.uncompressedSize))
        // The sizes in the directory can lie; count what actually comes out.
        let consume = { (chunk: Data) throws in
            guard bytes.count + chunk.count <= limit else { throw tooLarge }
            bytes.append(contentsOf: chunk)
        }
        do {
            guard entry.isCompressed else {
                _ = try archive.extract(entry, skipCRC32: false, consumer: consume)
                return bytes
            }
            // Inflated here, from the entry's own bytes: ZIPFoundation's extraction asks for more
            // input forever when a deflate stream is cut short (found by fuzzing, twice); this
            // provider throws instead.
            guard let compressed = Self.compressedBytes(of: entry, in: workbook) else { throw corrupted }
            let checksum = try Data.decompress(
                size: Int64(compressed.count), bufferSize: Self.inflateChunk, skipCRC32: false,
                provider: { position, size in
                    guard let chunk = Self.chunk(of: compressed, at: Int(position), size: size) else { throw corrupted }
                    return chunk
                }, consumer: consume)
            guard checksum == entry.checksum else { throw corrupted }
        } catch let failure as ReadFailure {
            throw failure
        } catch {
            throw corrupted
        }
        return bytes
    }

    /// Bytes of compressed input handed to zlib at a time.
    static let inflateChunk = 64 * 1024

    /// The input chunk at `position`, always exactly `size` bytes: ZIPFoundation 0.9.20's inflate
    /// loop tells zlib every chunk is `bufferSize` long (`avail_in = bufferSize`) whatever the
    /// provider returned, so a shorter last chunk let zlib read past its end — a SEGV inside libz
    /// (found by fuzzing). The part's end is filled with 0xFF: a complete deflate stream ends
    /// before it, and a truncated one reads it as the reserved block type 3 (a data error) or runs
    /// into the size limit; the next call, past the end, is nil and the provider throws.
    static func chunk(of compressed: Data, at position: Int, size: Int) -> Data? {
        guard position >= 0, position < compressed.count, size > 0 else { return nil }
        var chunk = compressed.subdata(in: position..<min(position + size, compressed.count))
        if chunk.count < size { chunk.append(Data(repeating: 0xFF, count: size - chunk.count)) }
        return chunk
    }

    /// The compressed bytes of an entry: after its local header, which is found by its name (the
    /// central directory's offset is not public in ZIPFoundation), `compressedSize` long. Nil when
    /// they are not all in the file.
    static func compressedBytes(of entry: Entry, in workbook: [UInt8]) -> Data? {
        let name = Array(entry.path.utf8)
        var position = 0
        while position + 30 <= workbook.count {
            defer { position += 1 }
            guard workbook[position] == 0x50, workbook[position + 1] == 0x4B, workbook[position + 2] == 0x03,
                workbook[position + 3] == 0x04
            else { continue }
            let nameLength = Int(workbook[position + 26]) | Int(workbook[position + 27]) << 8
            let extraLength = Int(workbook[position + 28]) | Int(workbook[position + 29]) << 8
            let nameStart = position + 30
            guard nameStart + nameLength <= workbook.count,
                workbook[nameStart..<nameStart + nameLength].elementsEqual(name)
            else { continue }
            let start = nameStart + nameLength + extraLength
            guard entry.compressedSize <= UInt64(workbook.count), start + Int(entry.compressedSize) <= workbook.count
            else { return nil }
            return Data(workbook[start..<start + Int(entry.compressedSize)])
        }
        return nil
    }

    private struct SheetReference {
        var name: String
        var part: String
    }

    /// The first sheet in the workbook's order, and the part that holds it.
    private func firstSheet(in archive: Archive, of bytes: [UInt8]) throws(ReadFailure) -> SheetReference {
        guard let workbook = try part("xl/workbook.xml", in: archive, of: bytes) else {
            throw ReadFailure(.notATextTable(reason: "zip 压缩包中没有 xl/workbook.xml,不是 Excel 工作簿"))
        }
        var first: (name: String, relation: String)?
        do {
            try XMLStreamReader.read(workbook) { event in
                if first == nil, case .start("sheet", let attributes) = event {
                    first = (attributes["name"] ?? "Sheet1", attributes["id"] ?? "")
                }
            }
        } catch {
            throw ReadFailure(.notATextTable(reason: "xl/workbook.xml 不是有效的 XML"))
        }
        guard let first else { throw ReadFailure(.notATextTable(reason: "工作簿中没有工作表")) }
        var target = "worksheets/sheet1.xml"
        if let relations = try part("xl/_rels/workbook.xml.rels", in: archive, of: bytes) {
            try? XMLStreamReader.read(relations) { event in
                if case .start("Relationship", let attributes) = event, attributes["Id"] == first.relation,
                    let found = attributes["Target"]
                {
                    target = found
                }
            }
        }
        let part = target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
        return SheetReference(name: first.name, part: part)
    }

    /// The shared-string table: each `<si>`'s text runs joined, phonetic guides (`<rPh>`) left out.
    private static func sharedStrings(_ xml: [UInt8]) throws(ReadFailure) -> [String] {
        var strings: [String] = []
        var current = ""
        var inItem = false
        var inText = false
        var phoneticDepth = 0
        do {
            try XMLStreamReader.read(xml) { event in
                switch event {
                case .start("si", _): (inItem, current) = (true, "")
                case .end("si"):
                    strings.append(current)
                    inItem = false
                case .start("rPh", _): phoneticDepth += 1
                case .end("rPh"): phoneticDepth -= 1
                case .start("t", _): inText = true
                case .end("t"): inText = false
                case .text(let text) where inItem && inText && phoneticDepth == 0: current += text
                default: break
                }
            }
        } catch {
            throw ReadFailure(.notATextTable(reason: "xl/sharedStrings.xml 不是有效的 XML"))
        }
        return strings
    }

    /// Cell-format index → decimals, for the formats that show a number as a percentage.
    private static func percentStyles(_ xml: [UInt8]) -> [Int: Int] {
        var customFormats: [Int: String] = [:]
        var formatOfStyle: [Int] = []
        var inCellFormats = false
        try? XMLStreamReader.read(xml) { event in
            switch event {
            case .start("numFmt", let attributes):
                if let id = attributes["numFmtId"].flatMap(Int.init) {
                    customFormats[id] = attributes["formatCode"] ?? ""
                }
            case .start("cellXfs", _): inCellFormats = true
            case .end("cellXfs"): inCellFormats = false
            case .start("xf", let attributes) where inCellFormats:
                formatOfStyle.append(attributes["numFmtId"].flatMap(Int.init) ?? 0)
            default: break
            }
        }
        var result: [Int: Int] = [:]
        for (style, format) in formatOfStyle.enumerated() {
            // Built-in 9 is 0%, 10 is 0.00%.
            let code = customFormats[format] ?? (format == 9 ? "0%" : format == 10 ? "0.00%" : "")
            guard code.contains("%") else { continue }
            let decimals = code.split(separator: ".").dropFirst().first.map { $0.prefix { $0 == "0" }.count } ?? 0
            result[style] = decimals
        }
        return result
    }

    private func cells(
        of xml: [UInt8], sharedStrings: [String]?, percentStyles: [Int: Int]
    ) throws(ReadFailure) -> [RawRow] {
        var rows: [RawRow] = []
        var cells: [String] = []
        var rowNumber = 0
        var column = 0
        var cellType = ""
        var cellStyle = 0
        var value = ""
        var inValue = false
        var inInlineText = false
        let limits = limits
        do {
            try XMLStreamReader.read(xml) { event in
                switch event {
                case .start("row", let attributes):
                    rowNumber = attributes["r"].flatMap(Int.init) ?? rowNumber + 1
                    guard rowNumber <= limits.maxRows else {
                        throw ReadFailure(
                            .limitExceeded(what: "行数", limit: limits.maxRows, actual: nil), row: rowNumber)
                    }
                    cells = []
                    column = 0
                case .end("row"):
                    while cells.last?.isEmpty == true { cells.removeLast() }
                    rows.append(RawRow(line: rowNumber, cells: cells))
                case .start("c", let attributes):
                    column = attributes["r"].flatMap(Self.columnIndex) ?? column + 1
                    guard column <= limits.maxColumns else {
                        throw ReadFailure(
                            .limitExceeded(what: "列数", limit: limits.maxColumns, actual: column), row: rowNumber)
                    }
                    cellType = attributes["t"] ?? "n"
                    cellStyle = attributes["s"].flatMap(Int.init) ?? 0
                    value = ""
                case .start("v", _): inValue = true
                case .end("v"): inValue = false
                case .start("t", _): inInlineText = cellType == "inlineStr"
                case .end("t"): inInlineText = false
                case .text(let text) where inValue || inInlineText:
                    value += text
                    guard value.utf8.count <= limits.maxCellBytes else {
                        throw ReadFailure(
                            .limitExceeded(what: "单元格大小(字节)", limit: limits.maxCellBytes, actual: nil),
                            row: rowNumber, column: column)
                    }
                case .end("c"):
                    let shown = try Self.shown(
                        value, type: cellType, percentDecimals: percentStyles[cellStyle], sharedStrings: sharedStrings,
                        row: rowNumber, column: column)
                    while cells.count < column - 1 { cells.append("") }
                    if cells.count == column - 1 {
                        cells.append(shown)
                    } else if column >= 1 {
                        cells[column - 1] = shown
                    }
                default: break
                }
            }
        } catch let failure as ReadFailure {
            throw failure
        } catch let failure as XMLStreamReader.Failure {
            throw ReadFailure(.notATextTable(reason: "工作表不是有效的 XML(第 \(failure.line) 行)"))
        } catch {
            throw ReadFailure(.notATextTable(reason: "工作表无法读取"))
        }
        return rows
    }

    /// A cell's text as Excel shows it.
    private static func shown(
        _ value: String, type: String, percentDecimals: Int?, sharedStrings: [String]?, row: Int, column: Int
    ) throws(ReadFailure) -> String {
        switch type {
        case "s":
            guard let sharedStrings else {
                throw ReadFailure(
                    .notATextTable(reason: "单元格引用共享字符串,但工作簿缺少 xl/sharedStrings.xml"), row: row, column: column)
            }
            guard let index = Int(value), sharedStrings.indices.contains(index) else {
                throw ReadFailure(
                    .notATextTable(reason: "单元格引用的共享字符串 \(value) 不存在"), row: row, column: column)
            }
            return sharedStrings[index]
        case "b":
            return value == "1" ? "TRUE" : "FALSE"
        case "n", "":
            guard !value.isEmpty, let number = Double(value) else { return value }
            if let percentDecimals { return format(number * 100, decimals: percentDecimals) + "%" }
            return general(number)
        default:  // str (formula text), inlineStr, e (errors such as #N/A)
            return value
        }
    }

    /// Excel's General format for the values these tables hold: up to 15 significant digits, no
    /// trailing zeros, no exponent below 1e15.
    static func general(_ number: Double) -> String {
        if number == number.rounded(), abs(number) < 1e15 { return String(Int64(number)) }
        var text = String(format: "%.15g", number)
        if text.contains("."), !text.contains("e") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text
    }

    private static func format(_ number: Double, decimals: Int) -> String {
        String(format: "%.\(decimals)f", number)
    }

    /// "B13" → 2.
    static func columnIndex(_ reference: String) -> Int? {
        var index = 0
        for scalar in reference.unicodeScalars {
            guard scalar.value >= 65, scalar.value <= 90 else { break }
            index = index * 26 + Int(scalar.value - 64)
            if index > 1 << 20 { return nil }
        }
        return index > 0 ? index : nil
    }
}
