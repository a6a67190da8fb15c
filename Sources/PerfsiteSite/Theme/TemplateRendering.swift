import PerfsiteCore

/// Turns a named template and its view model into page bytes. The theme renders with
/// `TemplateRendering`; a test puts swift-mustache behind this protocol and compares the sites.
protocol TemplateRenderer: Sendable {
    func render(_ name: String, _ object: any TemplateObject) -> [UInt8]
}

/// Renders parsed templates into one byte buffer, with swift-mustache's semantics: values are
/// looked up from the innermost context outwards; a list section repeats per element, a flag
/// section shows or hides, any other present value (even "" or 0) is pushed as the new context;
/// partials and parents share the context stack; a parent's block overrides win over those of the
/// partials it renders; standalone partials indent every line they render.
struct TemplateRendering: TemplateRenderer {
    let program: TemplateProgram

    init(templates: [String: Template]) {
        program = TemplateProgram(templates)
    }

    func render(_ name: String, _ object: any TemplateObject) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(16 * 1024)
        guard let template = program.templateNumbers[name] else { return output }
        var stack = ContextStack()
        stack.push(.object(TemplateContext.holding(object)))
        program.instructions.withUnsafeBufferPointer { instructions in
            program.text.withUnsafeBufferPointer { text in
                program.keys.withUnsafeBufferPointer { keys in
                    let walk = Walk(program: program, instructions: instructions, text: text, keys: keys)
                    walk.run(program.templates[template], frame: Frame(), stack: &stack, into: &output)
                }
            }
        }
        return output
    }
}

/// What a partial or block changes for what it renders. The context stack is not in here: it is one
/// array for the whole page, pushed and popped in step, so a partial does not copy it.
private struct Frame {
    var indentation: String?
    var inherited: [Int: Range<Int>]?
}

/// One page's walk through the program. The arrays it reads every instruction are held as
/// buffer pointers for the page: read through the arrays, each instruction retained and released
/// their storage, a dozen reference counts per instruction (objdump of `step`).
private struct Walk {
    let program: TemplateProgram
    let instructions: UnsafeBufferPointer<TemplateProgram.Instruction>
    let text: UnsafeBufferPointer<UInt8>
    let keys: UnsafeBufferPointer<TemplateKey?>

    func run(_ range: Range<Int>, frame: Frame, stack: inout ContextStack, into output: inout [UInt8]) {
        var index = range.lowerBound
        guard let indentation = frame.indentation, !indentation.isEmpty else {
            while index < range.upperBound { index = step(index, frame: frame, stack: &stack, into: &output) }
            return
        }
        // Inside an indented partial: each node's output that starts a new line is indented.
        while index < range.upperBound {
            var rendered: [UInt8] = []
            index = step(index, frame: frame, stack: &stack, into: &rendered)
            if !rendered.isEmpty && output.last == 0x0A { output.append(contentsOf: indentation.utf8) }
            output.append(contentsOf: rendered)
        }
    }

    /// Renders the instruction at `index` (with its body) and returns the index of the next one.
    private func step(_ index: Int, frame: Frame, stack: inout ContextStack, into output: inout [UInt8]) -> Int {
        switch instructions[index] {
        case .text(let start, let count):
            output.append(contentsOf: UnsafeBufferPointer(rebasing: text[start..<(start + count)]))
            return index + 1

        case .variable(let path, let escaped):
            switch lookup(path, in: stack) {
            case .text(let text):
                if escaped {
                    HTMLEscaping.append(text, escapedTo: &output)
                } else {
                    output.append(contentsOf: text.utf8)
                }
            case .number(let number): output.append(contentsOf: String(number).utf8)
            case .flag(let flag): output.append(contentsOf: (flag ? "true" : "false").utf8)
            case .missing, .object, .list: break
            }
            return index + 1

        case .section(let path, let inverted, let bodyCount):
            let body = (index + 1)..<(index + 1 + bodyCount)
            let value = lookup(path, in: stack)
            if inverted {
                switch value {
                case .list(let items) where items.isEmpty:
                    runPushing(value, body, frame: frame, stack: &stack, into: &output)
                case .flag(false), .missing: run(body, frame: frame, stack: &stack, into: &output)
                default: break
                }
                return body.upperBound
            }
            switch value {
            case .list(let items):
                for item in items { runPushing(.object(item), body, frame: frame, stack: &stack, into: &output) }
            case .flag(let flag):
                if flag { run(body, frame: frame, stack: &stack, into: &output) }
            case .missing: break
            case .text, .number, .object: runPushing(value, body, frame: frame, stack: &stack, into: &output)
            }
            return body.upperBound

        case .partial(let template, let indentation, let overrides):
            var inner = frame
            if indentation >= 0 { inner.indentation = (frame.indentation ?? "") + program.strings[indentation] }
            if overrides >= 0 {
                // The outer template's blocks win over the ones this parent call sets.
                inner.inherited = (frame.inherited ?? [:]).merging(program.overrideSets[overrides]) { outer, _ in outer
                }
            }
            run(program.templates[template], frame: inner, stack: &stack, into: &output)
            return index + 1

        case .block(let name, let indentation, let bodyCount):
            let body = (index + 1)..<(index + 1 + bodyCount)
            var inner = frame
            inner.indentation = (frame.indentation ?? "") + program.strings[indentation]
            run(frame.inherited?[name] ?? body, frame: inner, stack: &stack, into: &output)
            return body.upperBound
        }
    }

    private func runPushing(
        _ value: TemplateValue, _ body: Range<Int>, frame: Frame, stack: inout ContextStack,
        into output: inout [UInt8]
    ) {
        stack.push(value)
        run(body, frame: frame, stack: &stack, into: &output)
        stack.pop()
    }

    /// `name` from the innermost context that has it; `a.b` then looks `b` up in `a` only.
    private func lookup(_ path: TemplateProgram.KeyPath, in stack: ContextStack) -> TemplateValue {
        if path.isImplicit { return stack.values.last ?? .missing }
        // A name no view model has is missing from every context.
        guard path.count > 0, let firstKey = keys[Int(path.start)] else { return .missing }
        let first = Int(path.start)
        // By index, through references the stack holds already: copying each value out (and
        // before that each view model) retained and released it for every context a lookup passed.
        for index in stack.objects.indices.reversed() {
            guard let context = stack.objects[index] else { continue }
            var found = context._withUnsafeGuaranteedRef { $0.templateValue(firstKey) }
            if case .missing = found { continue }
            for position in (first + 1)..<(first + Int(path.count)) {
                guard case .object(let inner) = found, let key = keys[position] else { return .missing }
                found = inner.templateValue(key)
            }
            return found
        }
        return .missing
    }
}

/// The contexts a lookup searches, innermost last: the values pushed, and beside each the view
/// model it holds, as a reference the lookup uses without retaining it (the value keeps it alive
/// while it is on the stack).
private struct ContextStack {
    private(set) var values: [TemplateValue] = []
    private(set) var objects: [Unmanaged<TemplateContext>?] = []

    mutating func push(_ value: TemplateValue) {
        values.append(value)
        if case .object(let context) = value {
            objects.append(Unmanaged.passUnretained(context))
        } else {
            objects.append(nil)
        }
    }

    mutating func pop() {
        values.removeLast()
        objects.removeLast()
    }
}
