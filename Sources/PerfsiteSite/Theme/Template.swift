/// A Mustache template parsed once, when the theme loads, into a tree, which `TemplateProgram` then
/// flattens into the instructions pages are rendered from.
///
/// Written here rather than rendered with swift-mustache, whose renderer looks every value up as
/// `Any` with several protocol casts per lookup and builds a String per token: half of a full
/// build's CPU. The parser follows swift-mustache's (itself tested on the Mustache spec) step by
/// step — standalone lines, indentation of partials, parents and blocks, set delimiters — so a
/// theme renders to the same bytes; a test renders every page kind with both and compares. Not
/// supported, with a clear error: lambdas, transforms (`{{name(fn)}}`) and dynamic partials
/// (`{{>*name}}`), which no perfsite theme needs.
struct Template: Sendable {
    indirect enum Node: Sendable {
        case text([UInt8])
        case variable(path: [String], escaped: Bool)
        case section(path: [String], inverted: Bool, body: [Node])
        /// `{{>name}}` (overrides nil) or `{{<name}}…{{/name}}` (the blocks it overrides).
        case partial(name: String, indentation: String?, overrides: [String: [Node]]?)
        /// `{{$name}}default{{/name}}` where a template is rendered.
        case block(name: String, defaultBody: [Node], indentation: String)
        /// `{{$name}}…{{/name}}` inside `{{<parent}}`: collected into the partial's overrides.
        case blockDefinition(name: String, body: [Node])
    }

    let nodes: [Node]

    init(string: String) throws(TemplateSyntaxError) {
        var parser = TemplateParser(string)
        do {
            nodes = try parser.parse(state: TemplateParser.State())
        } catch {
            throw TemplateSyntaxError(line: parser.line, lineText: parser.currentLineText, reason: error.reason)
        }
    }
}

/// A template that does not parse: the line, its text, and why.
struct TemplateSyntaxError: Error, Sendable {
    var line: Int
    var lineText: String
    var reason: String
}

private struct ParseFailure: Error {
    var reason: String
}

/// swift-mustache's parser (Template+Parser.swift), on an array of Characters.
private struct TemplateParser {
    struct State {
        var sectionName: String?
        var newLine = true
        var isPartialDefinition = false
        var isPartialDefinitionTopLevel = false
        var startDelimiter: [Character] = ["{", "{"]
        var endDelimiter: [Character] = ["}", "}"]
        var partialDefinitionIndent: Int?

        func withSectionName(_ name: String, newLine: Bool) -> State {
            var state = self
            state.sectionName = name
            state.isPartialDefinitionTopLevel = false
            if !newLine { state.newLine = false }
            return state
        }

        func withInheritancePartial(_ name: String) -> State {
            var state = self
            state.sectionName = name
            state.newLine = true
            state.isPartialDefinition = true
            state.isPartialDefinitionTopLevel = true
            return state
        }
    }

    let characters: [Character]
    var position = 0

    init(_ string: String) {
        characters = Array(string)
    }

    var line: Int { characters[..<min(position, characters.count)].count { $0.isNewline } + 1 }

    var currentLineText: String {
        var start = min(position, characters.count)
        while start > 0 && !characters[start - 1].isNewline { start -= 1 }
        var end = min(position, characters.count)
        while end < characters.count && !characters[end].isNewline { end += 1 }
        return String(characters[start..<end]).trimmingCharacters(in: .whitespaces)
    }

    var atEnd: Bool { position >= characters.count }
    var current: Character { characters[position] }

    mutating func read(while predicate: (Character) -> Bool) -> [Character] {
        let start = position
        while position < characters.count && predicate(characters[position]) { position += 1 }
        return Array(characters[start..<position])
    }

    mutating func read(string: [Character]) -> Bool {
        guard position + string.count <= characters.count,
            Array(characters[position..<(position + string.count)]) == string
        else { return false }
        position += string.count
        return true
    }

    mutating func parse(state initial: State) throws(ParseFailure) -> [Template.Node] {
        var nodes: [Template.Node] = []
        var state = initial
        var whiteSpaceBefore: [Character] = []
        func flushWhiteSpace() {
            if !whiteSpaceBefore.isEmpty {
                nodes.append(.text(Array(String(whiteSpaceBefore).utf8)))
                whiteSpaceBefore = []
            }
        }
        while !atEnd {
            if state.newLine {
                let whiteSpace = read { $0 == " " || $0 == "\t" }
                if state.isPartialDefinition && !state.isPartialDefinitionTopLevel {
                    if let indent = state.partialDefinitionIndent {
                        whiteSpaceBefore = Array(whiteSpace.dropFirst(indent))
                    } else {
                        state.partialDefinitionIndent = whiteSpace.count
                    }
                } else {
                    whiteSpaceBefore = whiteSpace
                }
            }
            let text = readUntilDelimiterOrNewline(state)
            if !atEnd && current.isNewline {
                nodes.append(.text(Array(String(whiteSpaceBefore + text + [current]).utf8)))
                state.newLine = true
                position += 1
                continue
            }
            if !text.isEmpty {
                nodes.append(.text(Array(String(whiteSpaceBefore + text).utf8)))
                whiteSpaceBefore = []
                state.newLine = false
            }
            if atEnd { break }
            var setNewLine = false
            switch current {
            case "#", "^":
                let inverted = current == "^"
                position += 1
                let name = try parseName(state)
                if isStandalone(state) {
                    setNewLine = true
                } else {
                    flushWhiteSpace()
                }
                let body = try parse(state: state.withSectionName(name, newLine: setNewLine))
                nodes.append(.section(path: Self.path(name), inverted: inverted, body: body))

            case "/":
                position += 1
                let name = try parseName(state)
                guard name == state.sectionName else {
                    throw ParseFailure(
                        reason: "结束标签 {{/\(name)}} 与开始的 \(state.sectionName.map { "{{#\($0)}}" } ?? "标签") 不匹配")
                }
                if !isStandalone(state) { flushWhiteSpace() }
                return nodes

            case "!":
                position += 1
                guard let end = find(state.endDelimiter) else { throw ParseFailure(reason: "注释没有结束") }
                position = end + state.endDelimiter.count
                setNewLine = isStandalone(state)

            case "{":
                flushWhiteSpace()
                position += 1
                let name = try parseName(state)
                guard !atEnd, current == "}" else { throw ParseFailure(reason: "{{{ 没有对应的 }}}") }
                position += 1
                nodes.append(.variable(path: Self.path(name), escaped: false))

            case "&":
                flushWhiteSpace()
                position += 1
                nodes.append(.variable(path: Self.path(try parseName(state)), escaped: false))

            case ">":
                position += 1
                _ = read { $0.isWhitespace }
                if !atEnd && current == "*" { throw ParseFailure(reason: "不支持动态局部模板 {{>*…}}") }
                let name = try parsePartialName(state)
                flushWhiteSpaceKeeping(&nodes, whiteSpaceBefore)
                if isStandalone(state) {
                    setNewLine = true
                    nodes.append(.partial(name: name, indentation: String(whiteSpaceBefore), overrides: nil))
                } else {
                    nodes.append(.partial(name: name, indentation: nil, overrides: nil))
                }
                whiteSpaceBefore = []

            case "<":
                position += 1
                _ = read { $0.isWhitespace }
                let name = try parsePartialName(state)
                if name.hasPrefix("*") { throw ParseFailure(reason: "不支持动态父模板 {{<*…}}") }
                flushWhiteSpaceKeeping(&nodes, whiteSpaceBefore)
                if isStandalone(state) { setNewLine = true }
                let body = try parse(state: state.withInheritancePartial(name))
                var overrides: [String: [Template.Node]] = [:]
                for node in body {
                    switch node {
                    case .blockDefinition(let block, let blockBody): overrides[block] = blockBody
                    case .text: break
                    default: throw ParseFailure(reason: "{{<\(name)}} 中只能有 {{$块}} 定义")
                    }
                }
                nodes.append(.partial(name: name, indentation: String(whiteSpaceBefore), overrides: overrides))
                whiteSpaceBefore = []

            case "$":
                position += 1
                let name = try parseName(state)
                if state.isPartialDefinitionTopLevel {
                    if isStandalone(state) { setNewLine = true }
                    let body = try parse(state: state.withSectionName(name, newLine: setNewLine))
                    nodes.append(.blockDefinition(name: name, body: body))
                } else {
                    flushWhiteSpaceKeeping(&nodes, whiteSpaceBefore)
                    if isStandalone(state) { setNewLine = true }
                    let body = try parse(state: state.withSectionName(name, newLine: setNewLine))
                    nodes.append(.block(name: name, defaultBody: body, indentation: String(whiteSpaceBefore)))
                    whiteSpaceBefore = []
                }

            case "=":
                position += 1
                state = try parseSetDelimiter(state)
                setNewLine = isStandalone(state)

            case "%":
                // `{{% CONTENT_TYPE: … }}`: swift-mustache's pragma, harmless here (every template
                // escapes for HTML).
                position += 1
                guard let end = find(state.endDelimiter) else { throw ParseFailure(reason: "{{% 没有结束") }
                position = end + state.endDelimiter.count
                setNewLine = isStandalone(state)

            default:
                flushWhiteSpace()
                nodes.append(.variable(path: Self.path(try parseName(state)), escaped: true))
            }
            state.newLine = setNewLine
        }
        if let open = state.sectionName {
            throw ParseFailure(reason: "{{#\(open)}} 或 {{$\(open)}} 没有对应的 {{/\(open)}}")
        }
        return nodes
    }

    /// swift-mustache appends the whitespace before a partial, parent or block tag whether or not
    /// the tag is standalone; the partial then also indents by it.
    private func flushWhiteSpaceKeeping(_ nodes: inout [Template.Node], _ whiteSpace: [Character]) {
        if !whiteSpace.isEmpty { nodes.append(.text(Array(String(whiteSpace).utf8))) }
    }

    mutating func readUntilDelimiterOrNewline(_ state: State) -> [Character] {
        var text: [Character] = []
        let first = state.startDelimiter[0]
        while !atEnd {
            let character = current
            if character.isNewline { break }
            if character == first {
                if read(string: state.startDelimiter) { break }
                text.append(character)
                position += 1
                continue
            }
            text.append(character)
            position += 1
        }
        return text
    }

    func find(_ delimiter: [Character]) -> Int? {
        var index = position
        while index + delimiter.count <= characters.count {
            if Array(characters[index..<(index + delimiter.count)]) == delimiter { return index }
            index += 1
        }
        return nil
    }

    static let nameCharacters = Set<Character>("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-_?*")
    static let partialNameCharacters = Set<Character>(
        "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-_?()*/")

    mutating func parseName(_ state: State) throws(ParseFailure) -> String {
        _ = read { $0.isWhitespace }
        let name = String(read { Self.nameCharacters.contains($0) })
        _ = read { $0.isWhitespace }
        if !atEnd && current == "(" { throw ParseFailure(reason: "不支持变换函数(如 {{name(fn)}})") }
        guard read(string: state.endDelimiter) else { throw ParseFailure(reason: "标签没有正确结束") }
        return name
    }

    mutating func parsePartialName(_ state: State) throws(ParseFailure) -> String {
        _ = read { $0.isWhitespace }
        let name = String(read { Self.partialNameCharacters.contains($0) })
        _ = read { $0.isWhitespace }
        guard read(string: state.endDelimiter) else { throw ParseFailure(reason: "标签没有正确结束") }
        return name
    }

    mutating func parseSetDelimiter(_ state: State) throws(ParseFailure) -> State {
        _ = read { $0.isWhitespace }
        let start = read { !$0.isWhitespace }
        _ = read { $0.isWhitespace }
        let end = read { $0 != "=" && !$0.isWhitespace }
        _ = read { $0.isWhitespace }
        guard !start.isEmpty, !end.isEmpty, !atEnd, current == "=" else {
            throw ParseFailure(reason: "分隔符设置 {{=… …=}} 的写法不正确")
        }
        position += 1
        guard read(string: state.endDelimiter) else { throw ParseFailure(reason: "分隔符设置 {{=… …=}} 的写法不正确") }
        var next = state
        next.startDelimiter = start
        next.endDelimiter = end
        next.isPartialDefinitionTopLevel = false
        return next
    }

    /// The rest of the line is blank (and is consumed with its line end) and the tag began the line.
    mutating func isStandalone(_ state: State) -> Bool {
        guard state.newLine else { return false }
        if atEnd { return true }
        var probe = position
        while probe < characters.count && (characters[probe] == " " || characters[probe] == "\t") { probe += 1 }
        if probe < characters.count && characters[probe].isNewline {
            position = probe + 1
            return true
        }
        return false
    }

    static func path(_ name: String) -> [String] {
        name == "." ? ["."] : name.split(separator: ".").map(String.init)
    }
}
