import Foundation
import ZIPFoundation

/// A one-sheet Excel workbook (Office Open XML): a bold, frozen header row, text cells, and number
/// cells for counts and amounts (so Excel sums them). ZIPFoundation makes the container; the XML is
/// written here, as no maintained Swift package writes XLSX on Linux.
struct XLSXWorkbook {
    var sheetName: String
    var columns: [OpenDataTables.Column]
    var rows: [[OpenDataTables.Cell]]

    /// A fixed entry date, so the same data gives the same bytes.
    static let entryDate = Date(timeIntervalSince1970: 946_684_800)

    func bytes() throws -> [UInt8] {
        let archive = try Archive(data: Data(), accessMode: .create)
        for (path, text) in parts() {
            let data = Data(text.utf8)
            try archive.addEntry(
                with: path, type: .file, uncompressedSize: Int64(data.count), modificationDate: Self.entryDate,
                compressionMethod: .deflate
            ) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        return [UInt8](archive.data ?? Data())
    }

    private func parts() -> [(String, String)] {
        let declaration = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
        let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
        let relationships = "http://schemas.openxmlformats.org/package/2006/relationships"
        let officeRelationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
        let contentTypes = """
            \(declaration)<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
            <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
            <Default Extension="xml" ContentType="application/xml"/>\
            <Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>\
            <Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>\
            <Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>\
            </Types>
            """
        let rootRelationships = """
            \(declaration)<Relationships xmlns="\(relationships)">\
            <Relationship Id="rId1" Type="\(officeRelationships)/officeDocument" Target="xl/workbook.xml"/>\
            </Relationships>
            """
        let workbook = """
            \(declaration)<workbook xmlns="\(main)" xmlns:r="\(officeRelationships)">\
            <sheets><sheet name="\(Self.escape(sheetName))" sheetId="1" r:id="rId1"/></sheets></workbook>
            """
        let workbookRelationships = """
            \(declaration)<Relationships xmlns="\(relationships)">\
            <Relationship Id="rId1" Type="\(officeRelationships)/worksheet" Target="worksheets/sheet1.xml"/>\
            <Relationship Id="rId2" Type="\(officeRelationships)/styles" Target="styles.xml"/>\
            </Relationships>
            """
        // Style 1: bold header; style 2: #,##0.00 for amounts (the value keeps every digit).
        let styles = """
            \(declaration)<styleSheet xmlns="\(main)">\
            <fonts count="2"><font><sz val="11"/><name val="等线"/></font><font><b/><sz val="11"/><name val="等线"/></font></fonts>\
            <fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>\
            <borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>\
            <cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>\
            <cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>\
            <xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>\
            <xf numFmtId="4" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>\
            <cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>\
            </styleSheet>
            """
        var sheet = "\(declaration)<worksheet xmlns=\"\(main)\"><sheetViews><sheetView workbookViewId=\"0\">"
        sheet +=
            "<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/></sheetView></sheetViews>"
        sheet += "<cols>"
        for (index, column) in columns.enumerated() {
            let width = column.kind == .string ? 24 : 14
            sheet += "<col min=\"\(index + 1)\" max=\"\(index + 1)\" width=\"\(width)\" customWidth=\"1\"/>"
        }
        sheet += "</cols><sheetData>"
        sheet += row(1, columns.map { .text($0.title) }, header: true)
        for (index, cells) in rows.enumerated() { sheet += row(index + 2, cells, header: false) }
        sheet += "</sheetData></worksheet>"
        return [
            ("[Content_Types].xml", contentTypes), ("_rels/.rels", rootRelationships), ("xl/workbook.xml", workbook),
            ("xl/_rels/workbook.xml.rels", workbookRelationships), ("xl/styles.xml", styles),
            ("xl/worksheets/sheet1.xml", sheet),
        ]
    }

    private func row(_ number: Int, _ cells: [OpenDataTables.Cell], header: Bool) -> String {
        var xml = "<row r=\"\(number)\">"
        for (index, cell) in cells.enumerated() {
            let reference = Self.columnName(index) + String(number)
            switch cell {
            case .empty: continue
            case .number(let value):
                let style = columns[index].kind == .number ? " s=\"2\"" : ""
                xml += "<c r=\"\(reference)\"\(style)><v>\(value)</v></c>"
            case .text(let value):
                let style = header ? " s=\"1\"" : ""
                xml +=
                    "<c r=\"\(reference)\" t=\"inlineStr\"\(style)><is><t xml:space=\"preserve\">\(Self.escape(value))</t></is></c>"
            }
        }
        return xml + "</row>"
    }

    /// A, B, … Z, AA, AB …
    static func columnName(_ index: Int) -> String {
        var name = ""
        var rest = index + 1
        while rest > 0 {
            let digit = (rest - 1) % 26
            name = String(UnicodeScalar(UInt8(65 + digit))) + name
            rest = (rest - 1) / 26
        }
        return name
    }

    /// XML text: the five entities, and control characters (not allowed in XML 1.0) dropped.
    static func escape(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "\t", "\n", "\r": result.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF { continue }
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
