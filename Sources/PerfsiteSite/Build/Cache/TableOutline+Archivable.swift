import PerfsiteCore

// The outline of a checked table (`TableChecker.FileResult.outline`) in the build cache. Only
// outlines are stored: indicators, the text of goals and task contents and 任务来源 are set aside
// by `outline` before a result is archived, and a table whose pages must be rendered is read again.

extension SourceLocation: Archivable {
    func archive(into writer: inout ArchiveWriter) {
        writer.write(originFile: file, sheet: sheet)
        writer.write(row)
        writer.write(column)
    }

    init(from reader: inout ArchiveReader) throws {
        let origin = try reader.origin()
        self.init(origin: origin, row: try reader.int(), column: try reader.int())
    }
}

extension Located: Archivable where Value: Archivable {
    func archive(into writer: inout ArchiveWriter) {
        writer.write(value)
        writer.write(location)
    }

    init(from reader: inout ArchiveReader) throws {
        self.init(try reader.read(Value.self), at: try reader.read())
    }
}

// As a number: read back through `MoneyUnit(rawValue:)`, the Chinese name was compared with each
// unit's by Unicode-normalizing string comparison, for every amount of every cached table (1% of a
// one-table rebuild's samples at 1,000 departments, perf).
extension MoneyUnit: Archivable {
    func archive(into writer: inout ArchiveWriter) {
        let number =
            switch self {
            case .yuan: 0
            case .thousandYuan: 1
            case .tenThousandYuan: 2
            case .hundredMillionYuan: 3
            }
        writer.write(number)
    }

    init(from reader: inout ArchiveReader) throws {
        self =
            switch try reader.int() {
            case 0: .yuan
            case 1: .thousandYuan
            case 2: .tenThousandYuan
            case 3: .hundredMillionYuan
            default: throw ArchiveReader.Malformed()
            }
    }
}

extension Amount: Archivable {
    func archive(into writer: inout ArchiveWriter) {
        writer.write(Int(fen))
        writer.write(unit)
    }

    init(from reader: inout ArchiveReader) throws {
        self.init(fen: Int64(try reader.int()), unit: try reader.read())
    }
}

extension Fragment: Archivable {
    func archive(into writer: inout ArchiveWriter) {
        writer.write(html)
        writer.write(text)
    }

    init(from reader: inout ArchiveReader) throws {
        self.init(html: try reader.string(), text: try reader.string())
    }
}

extension TableTitle: Archivable {
    func archive(into writer: inout ArchiveWriter) {
        writer.write(raw)
        writer.write(region)
        writer.write(level)
        writer.write(year)
        writer.write(kind)
    }

    init(from reader: inout ArchiveReader) throws {
        self.init(
            raw: try reader.string(), region: try reader.string(), level: try reader.string(),
            year: try reader.optional(), kind: try reader.string())
    }
}

extension Budget.IncomeLine: Archivable {
    func archive(into writer: inout ArchiveWriter) {
        writer.write(label)
        writer.write(amount)
    }

    init(from reader: inout ArchiveReader) throws {
        self.init(label: try reader.string(), amount: try reader.read())
    }
}

extension Budget: Archivable {
    func archive(into writer: inout ArchiveWriter) {
        writer.write(unit)
        writer.write(basic)
        writer.write(project)
        writer.write(statedExpenditureTotal)
        writer.write(incomes)
        writer.write(statedIncomeTotal)
    }

    init(from reader: inout ArchiveReader) throws {
        self.init(
            unit: try reader.read(), basic: try reader.optional(), project: try reader.optional(),
            statedExpenditureTotal: try reader.optional(), incomes: try reader.array(),
            statedIncomeTotal: try reader.optional())
    }
}

extension Project: Archivable {
    /// Without indicators: an outline has none.
    func archive(into writer: inout ArchiveWriter) {
        writer.write(sequence)
        writer.write(name)
        writer.write(content)
        writer.write(taskSource)
        writer.write(amount)
        writer.write(row)
    }

    init(from reader: inout ArchiveReader) throws {
        self.init(
            sequence: try reader.optional(), name: try reader.read(), content: try reader.read(),
            taskSource: try reader.read(), amount: try reader.optional(), indicators: [], row: try reader.int())
    }
}

extension Department: Archivable {
    func archive(into writer: inout ArchiveWriter) {
        writer.write(sourcePath)
        writer.write(title)
        writer.write(year)
        writer.write(name)
        writer.write(supervisor)
        writer.write(staffCount)
        writer.write(subordinateUnitCount)
        writer.write(budget)
        writer.write(goals)
        writer.write(projects)
        writer.write(note)
    }

    init(from reader: inout ArchiveReader) throws {
        self.init(
            sourcePath: try reader.string(), title: try reader.read(), year: try reader.int(), name: try reader.read(),
            supervisor: try reader.optional(), staffCount: try reader.optional(),
            subordinateUnitCount: try reader.optional(), budget: try reader.read(), goals: try reader.read(),
            projects: try reader.array(), note: try reader.optional())
    }
}

extension ProjectFunds: Archivable {
    func archive(into writer: inout ArchiveWriter) {
        writer.write(unit)
        writer.write(total)
        writer.write(fiscal)
        writer.write(other)
    }

    init(from reader: inout ArchiveReader) throws {
        self.init(
            unit: try reader.read(), total: try reader.optional(), fiscal: try reader.optional(),
            other: try reader.optional())
    }
}

extension ProjectTable: Archivable {
    /// Without indicators: an outline has none.
    func archive(into writer: inout ArchiveWriter) {
        writer.write(sourcePath)
        writer.write(title)
        writer.write(year)
        writer.write(name)
        writer.write(department)
        writer.write(implementer)
        writer.write(funds)
        writer.write(goals)
    }

    init(from reader: inout ArchiveReader) throws {
        self.init(
            sourcePath: try reader.string(), title: try reader.read(), year: try reader.int(), name: try reader.read(),
            department: try reader.read(), implementer: try reader.optional(), funds: try reader.read(),
            goals: try reader.read(), indicators: [])
    }
}
