/// A theme's templates flattened, when the theme loads, into one array of plain instructions: text
/// as ranges of one byte buffer, names as indices into a table, partials as template numbers,
/// sections as counts of the instructions they hold.
///
/// Why not render the parsed tree: every node of `Template.Node` is a reference-counted box, with
/// arrays inside, and every page walks every node — on all cores at once, the same shared boxes.
/// Rendering spent a third of its time in `swift_retain` on them (perf, 1,000 departments: 6% of a
/// full build's samples). These instructions hold integers only, so walking them counts no
/// references; and a partial is found by number, not by hashing its name on every page.
struct TemplateProgram: Sendable {
    enum Instruction: Sendable {
        /// `text[start..<start + count]`.
        case text(start: Int, count: Int)
        /// `{{path}}` or `{{{path}}}`.
        case variable(KeyPath, escaped: Bool)
        /// `{{#path}}` or `{{^path}}`: its body is the next `bodyCount` instructions.
        case section(KeyPath, inverted: Bool, bodyCount: Int)
        /// `{{>name}}` or `{{<name}}`: `templates[template]`; `indentation` indexes `strings` (-1: not
        /// standalone); `overrides` indexes `overrideSets` (-1: a plain partial).
        case partial(template: Int, indentation: Int, overrides: Int)
        /// `{{$name}}`: `name` numbers the block; its default body is the next `bodyCount` instructions.
        case block(name: Int, indentation: Int, bodyCount: Int)
    }

    /// A dotted name as `keys[start..<start + count]`; `.` (the current context) has no keys and
    /// `isImplicit`.
    struct KeyPath: Sendable {
        var start: Int32
        var count: Int32
        var isImplicit: Bool
    }

    private(set) var instructions: [Instruction] = []
    private(set) var text: [UInt8] = []
    /// The names of every path, one after the other; nil for a name no view model has.
    private(set) var keys: [TemplateKey?] = []
    private(set) var strings: [String] = []
    /// Each template's instructions, by template number.
    private(set) var templates: [Range<Int>] = []
    /// Template numbers by name, for the pages.
    private(set) var templateNumbers: [String: Int] = [:]
    /// The blocks a parent call overrides: block number → instructions.
    private(set) var overrideSets: [[Int: Range<Int>]] = []
    private var paths: [[String]: KeyPath] = [:]
    private var stringNumbers: [String: Int] = [:]
    private var blockNumbers: [String: Int] = [:]

    init(_ parsed: [String: Template]) {
        let names = parsed.keys.sorted()
        for (number, name) in names.enumerated() { templateNumbers[name] = number }
        for name in names {
            let body = compile(parsed[name]!.nodes)
            templates.append(instructions.count..<(instructions.count + body.count))
            instructions += body
        }
    }

    /// The nodes as instructions, with section and block bodies counted rather than placed, so the
    /// result can be appended anywhere; the bodies of overridden blocks go straight into
    /// `instructions`, where their ranges are final.
    private mutating func compile(_ nodes: [Template.Node]) -> [Instruction] {
        var compiled: [Instruction] = []
        for node in nodes {
            switch node {
            case .text(let bytes):
                // An empty text renders nothing, and so does not start an indented line either.
                guard !bytes.isEmpty else { continue }
                compiled.append(.text(start: text.count, count: bytes.count))
                text += bytes
            case .variable(let path, let escaped):
                compiled.append(.variable(keyPath(path), escaped: escaped))
            case .section(let path, let inverted, let nodes):
                let body = compile(nodes)
                compiled.append(.section(keyPath(path), inverted: inverted, bodyCount: body.count))
                compiled += body
            case .partial(let name, let indentation, let overrides):
                // A partial the theme does not have renders nothing, as in swift-mustache.
                guard let template = templateNumbers[name] else { continue }
                var set = -1
                if let overrides {
                    var blocks: [Int: Range<Int>] = [:]
                    for (block, nodes) in overrides.sorted(by: { $0.key < $1.key }) {
                        let body = compile(nodes)
                        blocks[number(block: block)] = instructions.count..<(instructions.count + body.count)
                        instructions += body
                    }
                    set = overrideSets.count
                    overrideSets.append(blocks)
                }
                compiled.append(
                    .partial(
                        template: template, indentation: indentation.map { number(string: $0) } ?? -1, overrides: set))
            case .block(let name, let defaultBody, let indentation):
                let body = compile(defaultBody)
                compiled.append(
                    .block(name: number(block: name), indentation: number(string: indentation), bodyCount: body.count))
                compiled += body
            case .blockDefinition:
                continue  // collected by the parser into its parent call's overrides
            }
        }
        return compiled
    }

    private mutating func keyPath(_ path: [String]) -> KeyPath {
        if let known = paths[path] { return known }
        let keyPath =
            path == ["."]
            ? KeyPath(start: 0, count: 0, isImplicit: true)
            : KeyPath(start: Int32(keys.count), count: Int32(path.count), isImplicit: false)
        if !keyPath.isImplicit { keys += path.map(TemplateKey.init(rawValue:)) }
        paths[path] = keyPath
        return keyPath
    }

    private mutating func number(string: String) -> Int {
        if let number = stringNumbers[string] { return number }
        strings.append(string)
        stringNumbers[string] = strings.count - 1
        return strings.count - 1
    }

    private mutating func number(block: String) -> Int {
        if let number = blockNumbers[block] { return number }
        blockNumbers[block] = blockNumbers.count
        return blockNumbers.count - 1
    }
}
