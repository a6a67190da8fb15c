/// What the site-wide files take from one department: its rows of the three open-data tables, its
/// search documents and their terms. A build computes them for every department — the site-wide
/// files list them all — so a rebuild takes those of unchanged departments from the build cache,
/// keyed by the department's render key, instead of reading, checking and tokenizing every table
/// of the site again.
struct DepartmentDerivatives: Sendable, Archivable {
    /// One byte string per `SiteRenderer.openData` table.
    var openDataRows: [[UInt8]]
    var documents: [SearchDocument]
    /// The terms of each document, in the same order.
    var terms: [DocumentTerms]

    init(openDataRows: [[UInt8]], documents: [SearchDocument]) {
        self.openDataRows = openDataRows
        self.documents = documents
        terms = documents.map(DocumentTerms.init)
    }

    func archive(into writer: inout ArchiveWriter) {
        writer.write(openDataRows.count)
        for rows in openDataRows { writer.write(bytes: rows) }
        writer.write(documents)
        writer.write(terms)
    }

    init(from reader: inout ArchiveReader) throws {
        let tables = try reader.int()
        guard tables == SiteRenderer.openData.count else { throw ArchiveReader.Malformed() }
        openDataRows = try (0..<tables).map { _ in try reader.byteArray() }
        documents = try reader.array()
        terms = try reader.array()
        guard terms.count == documents.count else { throw ArchiveReader.Malformed() }
    }
}

extension SearchDocument: Archivable {
    func archive(into writer: inout ArchiveWriter) {
        writer.write(kind.rawValue)
        writer.write(title)
        writer.write(path)
        writer.write(year)
        writer.write(department)
        writer.write(fields.count)
        for field in fields {
            writer.write(field.label)
            writer.write(field.text)
        }
    }

    init(from reader: inout ArchiveReader) throws {
        guard let kind = Kind(rawValue: try reader.string()) else { throw ArchiveReader.Malformed() }
        self.kind = kind
        title = try reader.string()
        path = try reader.string()
        year = try reader.int()
        department = try reader.string()
        let count = try reader.int()
        guard count >= 0, count < 1 << 16 else { throw ArchiveReader.Malformed() }
        fields = try (0..<count).map { _ in Field(label: try reader.string(), text: try reader.string()) }
    }
}

extension DocumentTerms.Terms: Archivable {
    func archive(into writer: inout ArchiveWriter) {
        // Sorted, so as differences: most fit in two bytes.
        writer.write(han.count)
        var previous = 0
        for key in han {
            writer.write(Int(key) - previous)
            previous = Int(key)
        }
        writer.write(words)
    }

    init(from reader: inout ArchiveReader) throws {
        let count = try reader.int()
        guard count >= 0, count < 1 << 24 else { throw ArchiveReader.Malformed() }
        var previous = 0
        han = try (0..<count).map { _ in
            let (sum, overflow) = previous.addingReportingOverflow(try reader.int())
            guard !overflow, sum >= 0 else { throw ArchiveReader.Malformed() }
            previous = sum
            return UInt64(sum)
        }
        words = try reader.array()
    }
}

extension DocumentTerms: Archivable {
    func archive(into writer: inout ArchiveWriter) {
        writer.write(title)
        writer.write(body)
    }

    init(from reader: inout ArchiveReader) throws {
        title = try reader.read()
        body = try reader.read()
    }
}
