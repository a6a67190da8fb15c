/// A 年度工作任务: one row of the project block of a 部门整体支出绩效目标表.
public struct Project: Sendable {
    public var sequence: Located<Int>? {
        get {
            switch storage {
            case .full(let fields): fields.value.sequence
            case .outline(let outline): outline.sequence
            case .moved: Self.readWhileChanged()
            }
        }
        _modify { yield &fields.value.sequence }
    }
    public var name: Located<String> {
        get {
            switch storage {
            case .full(let fields): fields.value.name
            case .outline(let outline): Located(outline.name, at: outline.location(of: .name))
            case .moved: Self.readWhileChanged()
            }
        }
        _modify { yield &fields.value.name }
    }
    public var content: Located<Fragment> {
        get {
            switch storage {
            case .full(let fields): fields.value.content
            case .outline(let outline): Located(.empty, at: outline.location(of: .content))
            case .moved: Self.readWhileChanged()
            }
        }
        _modify { yield &fields.value.content }
    }
    public var taskSource: Located<String> {
        get {
            switch storage {
            case .full(let fields): fields.value.taskSource
            case .outline(let outline): Located("", at: outline.location(of: .taskSource))
            case .moved: Self.readWhileChanged()
            }
        }
        _modify { yield &fields.value.taskSource }
    }
    public var amount: Located<Amount>? {
        get {
            switch storage {
            case .full(let fields): fields.value.amount
            case .outline(let outline): outline.amount
            case .moved: Self.readWhileChanged()
            }
        }
        _modify { yield &fields.value.amount }
    }
    public var indicators: [Indicator] {
        get {
            switch storage {
            case .full(let fields): fields.value.indicators
            case .outline: []
            case .moved: Self.readWhileChanged()
            }
        }
        _modify { yield &fields.value.indicators }
    }
    /// The line on which the project's row starts.
    public var row: Int {
        get {
            switch storage {
            case .full(let fields): fields.value.row
            case .outline(let outline): outline.row
            case .moved: Self.readWhileChanged()
            }
        }
        _modify { yield &fields.value.row }
    }

    /// A task without content, 任务来源 or indicators — an outline, as a large build keeps every
    /// task of the site (`TableChecker.FileResult.outline`) — is held in a smaller object.
    public init(
        sequence: Located<Int>?, name: Located<String>, content: Located<Fragment>, taskSource: Located<String>,
        amount: Located<Amount>?, indicators: [Indicator], row: Int
    ) {
        if content.value == .empty, taskSource.value.isEmpty, indicators.isEmpty,
            let outline = Outline.make(
                sequence: sequence, name: name, content: content.location, taskSource: taskSource.location,
                amount: amount, row: row)
        {
            storage = .outline(outline)
        } else {
            storage = .full(
                CopyOnWrite(
                    Fields(
                        sequence: sequence, name: name, content: content, taskSource: taskSource, amount: amount,
                        indicators: indicators, row: row)))
        }
    }

    /// Whether the task is held as an outline (for tests).
    var isHeldAsOutline: Bool {
        if case .outline = storage { true } else { false }
    }

    /// Shared by copies until one changes (`CopyOnWrite`).
    private struct Fields: Sendable {
        var sequence: Located<Int>?
        var name: Located<String>
        var content: Located<Fragment>
        var taskSource: Located<String>
        var amount: Located<Amount>?
        var indicators: [Indicator]
        var row: Int
    }

    /// An outline's fields, the name's UTF-8 after them in the same object. A build of 30,000
    /// departments keeps the outlines of 400,000 tasks from the check to the end: as `Fields`
    /// they were 84 MB of its 370 MB peak heap (205 bytes a task), each name's own `String` 85
    /// bytes more (11.5 MB at 10,000); held here, name included, 51 MB (124 bytes a task;
    /// heaptrack, synthetic corpora). The locations share one origin, so each keeps only its row
    /// and column.
    private final class Outline: ManagedBuffer<OutlineHeader, UInt8> {
        /// Nil when the locations do not share one origin: the task is then held whole.
        static func make(
            sequence: Located<Int>?, name: Located<String>, content: SourceLocation, taskSource: SourceLocation,
            amount: Located<Amount>?, row: Int
        ) -> Outline? {
            let origin = name.location.origin
            guard content.origin === origin, taskSource.origin === origin,
                sequence.map({ $0.location.origin === origin }) ?? true,
                amount.map({ $0.location.origin === origin }) ?? true
            else { return nil }
            var text = name.value
            guard text.utf8.count <= Int32.max else { return nil }
            let unused = Position(name.location)
            let header = OutlineHeader(
                origin: origin, row: row, sequenceValue: sequence?.value ?? 0, amountFen: amount?.value.fen ?? 0,
                amountUnit: amount?.value.unit, hasSequence: sequence != nil,
                cells: (
                    sequence.map { Position($0.location) } ?? unused, Position(name.location), Position(content),
                    Position(taskSource), amount.map { Position($0.location) } ?? unused
                ), nameCount: Int32(text.utf8.count))
            let outline = unsafeDowncast(
                Outline.create(minimumCapacity: text.utf8.count) { _ in header }, to: Outline.self)
            text.withUTF8 { bytes in
                outline.withUnsafeMutablePointerToElements { elements in
                    if let source = bytes.baseAddress { elements.initialize(from: source, count: bytes.count) }
                }
            }
            return outline
        }

        var name: String {
            withUnsafeMutablePointers { header, bytes in
                String(decoding: UnsafeBufferPointer(start: bytes, count: Int(header.pointee.nameCount)), as: UTF8.self)
            }
        }

        func location(of cell: Cell) -> SourceLocation {
            let position =
                switch cell {
                case .sequence: header.cells.0
                case .name: header.cells.1
                case .content: header.cells.2
                case .taskSource: header.cells.3
                case .amount: header.cells.4
                }
            return SourceLocation(origin: header.origin, row: Int(position.row), column: Int(position.column))
        }

        var row: Int { header.row }

        var sequence: Located<Int>? {
            header.hasSequence ? Located(header.sequenceValue, at: location(of: .sequence)) : nil
        }

        var amount: Located<Amount>? {
            header.amountUnit.map { Located(Amount(fen: header.amountFen, unit: $0), at: location(of: .amount)) }
        }

        var fields: Fields {
            Fields(
                sequence: sequence, name: Located(name, at: location(of: .name)),
                content: Located(.empty, at: location(of: .content)),
                taskSource: Located("", at: location(of: .taskSource)), amount: amount, indicators: [], row: row)
        }
    }

    /// The cells an outline keeps the place of.
    private enum Cell { case sequence, name, content, taskSource, amount }

    private struct Position {
        var row: Int32
        var column: Int32

        init(_ location: SourceLocation) {
            row = Int32(clamping: location.row)
            column = Int32(clamping: location.column)
        }
    }

    private struct OutlineHeader {
        let origin: SourceLocation.Origin
        let row: Int
        let sequenceValue: Int
        let amountFen: Int64
        let amountUnit: MoneyUnit?
        let hasSequence: Bool
        /// Row and column of each `Cell`, in its order.
        let cells: (Position, Position, Position, Position, Position)
        let nameCount: Int32
    }

    /// Unchecked Sendable: `ManagedBuffer` never is, and nothing changes an outline once `make`
    /// has filled it; whole tasks are `CopyOnWrite`, which is.
    private enum Storage: @unchecked Sendable {
        case full(CopyOnWrite<Fields>)
        case outline(Outline)
        /// Only while `fields` is changed.
        case moved
    }

    private var storage: Storage

    /// Exclusivity rules out reading a task during its own change; this says so if it happens.
    private static func readWhileChanged() -> Never { preconditionFailure("a task read while it is changed") }

    /// The fields to change: an outline becomes a whole task first. Taken out of `storage` while
    /// changed, so that the object stays uniquely referenced and is changed in place.
    private var fields: CopyOnWrite<Fields> {
        get {
            switch storage {
            case .full(let fields): fields
            case .outline(let outline): CopyOnWrite(outline.fields)
            case .moved: Self.readWhileChanged()
            }
        }
        _modify {
            var fields: CopyOnWrite<Fields>
            switch storage {
            case .full(let held):
                storage = .moved
                fields = held
            case .outline(let outline): fields = CopyOnWrite(outline.fields)
            case .moved: Self.readWhileChanged()
            }
            defer { storage = .full(fields) }
            yield &fields
        }
    }
}

extension Project: Encodable {
    private enum CodingKeys: String, CodingKey { case sequence, name, content, contentHTML, source, amount, indicators }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(sequence, forKey: .sequence)
        try container.encode(name, forKey: .name)
        try container.encode(content.value.text, forKey: .content)
        if content.value.html != HTMLSerializer.escapeText(content.value.text) {
            try container.encode(content.value.html, forKey: .contentHTML)
        }
        try container.encode(taskSource, forKey: .source)
        try container.encodeIfPresent(amount, forKey: .amount)
        try container.encode(indicators, forKey: .indicators)
    }
}
