internal import CLibXML2

/// The one place perfsite talks to libxml2's HTML parser. It takes a fragment, returns Swift
/// values, and keeps every libxml2 pointer inside this file. The quirks of libxml2 2.9.14 that
/// shape it are noted where they apply.
enum HTMLFragmentParser {
    struct Problem: Sendable, Hashable {
        var line: Int
        var message: String
        var isFatal: Bool
    }

    struct Result: Sendable {
        var nodes: [HTMLNode]
        var problems: [Problem]
        var fatal: Problem? { problems.first(where: \.isFatal) }
    }

    /// libxml2 must be initialised once before threads parse in parallel.
    private static let initialized: Bool = {
        xmlInitParser()
        return true
    }()

    static func parse(_ fragment: String) -> Result {
        if fragment.allSatisfy(\.isWhitespace) { return Result(nodes: [], problems: []) }
        // A leading <body> keeps leading text from being wrapped in an implied <p>;
        // HTML_PARSE_NOIMPLIED is not used because 2.9.14 then nests later siblings in the first.
        return parse(input: Array(("<body>" + fragment).utf8), wholeDocument: false)
    }

    /// A whole page (a CMS page holding a table): the children of its `<html>` element. The text
    /// is already decoded, so UTF-8 is named and a `<meta charset>` in the page is not obeyed.
    static func parseDocument(_ html: String) -> Result {
        if html.allSatisfy(\.isWhitespace) { return Result(nodes: [], problems: []) }
        return parse(input: Array(html.utf8), wholeDocument: true)
    }

    private static func parse(input: [UInt8], wholeDocument: Bool) -> Result {
        _ = initialized
        guard let context = htmlNewParserCtxt() else {
            return Result(nodes: [], problems: [Problem(line: 0, message: "libxml2 无法创建解析器", isFatal: true)])
        }
        defer { htmlFreeParserCtxt(context) }

        let collector = ProblemCollector()
        let unmanaged = Unmanaged.passRetained(collector)
        // The structured error handler is thread-local in 2.9.14 (setting sax->serror is ignored for
        // HTML), so it is installed around each parse on the parsing thread.
        xmlSetStructuredErrorFunc(unmanaged.toOpaque()) { userData, error in
            guard let userData, let error else { return }
            let collector = Unmanaged<ProblemCollector>.fromOpaque(userData).takeUnretainedValue()
            let message = error.pointee.message.map { String(cString: $0) } ?? ""
            collector.problems.append(
                Problem(
                    line: Int(error.pointee.line),
                    message: message.trimmingTrailingNewlines,
                    isFatal: error.pointee.level == XML_ERR_FATAL))
        }
        defer {
            xmlSetStructuredErrorFunc(nil, nil)
            unmanaged.release()
        }

        let options = Int32(HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue | HTML_PARSE_NONET.rawValue)
        // Always name UTF-8: without it libxml2 guesses Latin-1 for a fragment with no <meta charset>.
        let document = input.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                htmlCtxtReadMemory(context, chars.baseAddress, Int32(chars.count), nil, "UTF-8", options)
            }
        }
        guard let document else {
            return Result(nodes: [], problems: collector.problems)
        }
        defer { xmlFreeDoc(document) }
        var nodes: [HTMLNode] = []
        if wholeDocument, let root = xmlDocGetRootElement(document) {
            nodes = children(of: root)
        } else if let body = findBody(xmlDocGetRootElement(document)) {
            nodes = children(of: body)
        }
        return Result(nodes: nodes, problems: collector.problems)
    }

    private final class ProblemCollector {
        var problems: [Problem] = []
    }

    private static func findBody(_ root: xmlNodePtr?) -> xmlNodePtr? {
        var child = root?.pointee.children
        while let node = child {
            if node.pointee.type == XML_ELEMENT_NODE, name(of: node) == "body" { return node }
            child = node.pointee.next
        }
        return nil
    }

    private static func children(of parent: xmlNodePtr) -> [HTMLNode] {
        var result: [HTMLNode] = []
        var child = parent.pointee.children
        while let node = child {
            switch node.pointee.type {
            case XML_ELEMENT_NODE:
                result.append(
                    .element(name: name(of: node), attributes: attributes(of: node), children: children(of: node)))
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let content = node.pointee.content { result.append(.text(String(cString: content))) }
            case XML_COMMENT_NODE:
                result.append(.comment(node.pointee.content.map { String(cString: $0) } ?? ""))
            default:
                // Processing instructions, entity references: nothing a page shows.
                break
            }
            child = node.pointee.next
        }
        return result
    }

    private static func name(of node: xmlNodePtr) -> String {
        node.pointee.name.map { String(cString: $0) } ?? ""
    }

    private static func attributes(of node: xmlNodePtr) -> [HTMLAttribute] {
        var result: [HTMLAttribute] = []
        var attribute = node.pointee.properties
        while let current = attribute {
            let name = current.pointee.name.map { String(cString: $0) } ?? ""
            var value = ""
            var valueNode = current.pointee.children
            while let text = valueNode {
                if let content = text.pointee.content { value += String(cString: content) }
                valueNode = text.pointee.next
            }
            result.append(HTMLAttribute(name: name, value: value))
            attribute = current.pointee.next
        }
        return result
    }
}

extension String {
    fileprivate var trimmingTrailingNewlines: String {
        var copy = self
        while copy.last?.isNewline == true { copy.removeLast() }
        return copy
    }
}
