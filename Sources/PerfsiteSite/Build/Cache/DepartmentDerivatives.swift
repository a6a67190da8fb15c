/// What the site-wide files take from one department: its rows of the three open-data tables, its
/// search documents' cards and terms. A build computes them for every department — the site-wide
/// files list them all — so a rebuild takes those of unchanged departments from the build cache,
/// keyed by the department's render key, instead of reading, checking and tokenizing every table
/// of the site again.
struct DepartmentDerivatives: Sendable {
    /// One byte string per `SiteRenderer.openData` table.
    var openDataRows: [[UInt8]]
    /// The department's search documents, carded and tokenized.
    var documents: [IndexedDocument]

    init(openDataRows: [[UInt8]], documents: [SearchDocument]) {
        self.openDataRows = openDataRows
        self.documents = documents.map(IndexedDocument.init)
    }

    init(openDataRows: [[UInt8]], indexed documents: [IndexedDocument]) {
        self.openDataRows = openDataRows
        self.documents = documents
    }

    /// The rows and the documents are stored apart (`BuildCache`): a rebuild reads the rows of
    /// every department, the documents of the few the search index update needs.
    static func write(rows: [[UInt8]], into writer: inout ArchiveWriter) {
        writer.write(rows.count)
        for table in rows { writer.write(bytes: table) }
    }

    static func rows(from reader: inout ArchiveReader) throws -> [[UInt8]] {
        let tables = try reader.int()
        guard tables == SiteRenderer.openData.count else { throw ArchiveReader.Malformed() }
        return try (0..<tables).map { _ in try reader.byteArray() }
    }
}

extension IndexedDocument: Archivable {
    func archive(into writer: inout ArchiveWriter) {
        writer.write(bytes: card)
        writer.write(terms)
    }

    init(from reader: inout ArchiveReader) throws {
        self.init(card: try reader.byteArray(), terms: try reader.read())
    }
}

extension DocumentTerms.Terms: Archivable {
    func archive(into writer: inout ArchiveWriter) {
        // Sorted, so as differences: most fit in two bytes.
        writer.write(differencesOf: han)
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
