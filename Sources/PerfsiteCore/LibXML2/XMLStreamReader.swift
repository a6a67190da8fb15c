internal import CLibXML2

/// One step of an XML document, as the XLSX reader needs it: element starts with their attributes
/// (local names, prefixes dropped), element ends, and text.
enum XMLStreamEvent: Sendable, Equatable {
    case start(name: String, attributes: [String: String])
    case end(name: String)
    case text(String)
}

/// libxml2's streaming reader (xmlTextReader) over bytes in memory. A worksheet of a million rows is
/// walked without building its tree, so memory follows the cells kept, not the XML's size. The
/// options load no DTD, fetch nothing from the network and substitute no entities: a workbook is
/// untrusted input.
enum XMLStreamReader {
    struct Failure: Error, Sendable {
        var message: String
        var line: Int
    }

    private static let initialized: Bool = {
        xmlInitParser()
        return true
    }()

    /// Calls `handle` for each event; the handler may throw to stop early.
    static func read(_ bytes: [UInt8], handle: (XMLStreamEvent) throws -> Void) throws {
        _ = initialized
        let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue)
        try bytes.withUnsafeBufferPointer { buffer in
            try buffer.withMemoryRebound(to: CChar.self) { chars in
                guard let reader = xmlReaderForMemory(chars.baseAddress, Int32(chars.count), nil, "UTF-8", options)
                else { throw Failure(message: "无法读取 XML", line: 0) }
                defer { xmlFreeTextReader(reader) }
                while true {
                    let status = xmlTextReaderRead(reader)
                    if status == 0 { return }
                    guard status == 1 else {
                        throw Failure(message: "XML 格式错误", line: Int(xmlTextReaderGetParserLineNumber(reader)))
                    }
                    switch xmlTextReaderNodeType(reader) {
                    case 1:  // element
                        let name = string(xmlTextReaderConstLocalName(reader))
                        let isEmpty = xmlTextReaderIsEmptyElement(reader) == 1
                        var attributes: [String: String] = [:]
                        if xmlTextReaderHasAttributes(reader) == 1 {
                            while xmlTextReaderMoveToNextAttribute(reader) == 1 {
                                attributes[string(xmlTextReaderConstLocalName(reader))] = string(
                                    xmlTextReaderConstValue(reader))
                            }
                            xmlTextReaderMoveToElement(reader)
                        }
                        try handle(.start(name: name, attributes: attributes))
                        if isEmpty { try handle(.end(name: name)) }
                    case 15:  // end element
                        try handle(.end(name: string(xmlTextReaderConstLocalName(reader))))
                    case 3, 4, 13, 14:  // text, CDATA, whitespace, significant whitespace
                        try handle(.text(string(xmlTextReaderConstValue(reader))))
                    default:
                        break
                    }
                }
            }
        }
    }

    private static func string(_ pointer: UnsafePointer<xmlChar>?) -> String {
        guard let pointer else { return "" }
        return String(cString: pointer)
    }
}
