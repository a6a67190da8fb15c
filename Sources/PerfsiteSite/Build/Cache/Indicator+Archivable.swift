import PerfsiteCore

// What the outline archive leaves out (TableOutline+Archivable.swift): the indicators, for the
// full models a large build sets aside between its two passes (ModelSpill).

extension Bool: Archivable {
    func archive(into writer: inout ArchiveWriter) { writer.write(self) }
    init(from reader: inout ArchiveReader) throws { self = try reader.bool() }
}

extension Indicator: Archivable {
    /// The target as written: its parsed form is made again from it, exactly as the check made it.
    func archive(into writer: inout ArchiveWriter) {
        writer.write(level1)
        writer.write(level2)
        writer.write(level3)
        writer.write(category?.rawValue)
        writer.write(canonicalLevel2)
        writer.write(comparator?.rawValue)
        writer.write(target.raw)
        writer.write(isCore)
        writer.write(location)
        writer.write(valueLocation)
    }

    init(from reader: inout ArchiveReader) throws {
        let level1 = try reader.string()
        let level2 = try reader.string()
        let level3 = try reader.string()
        let category = try reader.optional(String.self)
        let canonicalLevel2 = try reader.optional(String.self)
        let comparator = try reader.optional(String.self)
        let raw = try reader.string()
        let isCore = try reader.optional(Bool.self)
        let location: SourceLocation = try reader.read()
        let valueLocation: SourceLocation = try reader.read()
        // A stored name that is no longer a case: not this build's archive.
        guard category.map({ IndicatorCategory(rawValue: $0) != nil }) ?? true,
            comparator.map({ TargetComparator(rawValue: $0) != nil }) ?? true
        else { throw ArchiveReader.Malformed() }
        self.init(
            level1: level1, level2: level2, level3: level3,
            category: category.flatMap { IndicatorCategory(rawValue: $0) },
            canonicalLevel2: canonicalLevel2, comparator: comparator.flatMap { TargetComparator(rawValue: $0) },
            target: IndicatorTarget(raw: raw), isCore: isCore, location: location, valueLocation: valueLocation)
    }
}

/// A table's full model: the outline's archive of it, then each task's indicators (a department)
/// or the table's (a project table).
struct ArchivedModel: Archivable {
    var department: Department?
    var projectTable: ProjectTable?

    func archive(into writer: inout ArchiveWriter) {
        writer.write(department)
        if let department {
            for project in department.projects { writer.write(project.indicators) }
        }
        writer.write(projectTable)
        if let projectTable { writer.write(projectTable.indicators) }
    }

    init(department: Department?, projectTable: ProjectTable?) {
        self.department = department
        self.projectTable = projectTable
    }

    init(from reader: inout ArchiveReader) throws {
        var department: Department? = try reader.optional()
        for index in department?.projects.indices ?? 0..<0 {
            department?.projects[index].indicators = try reader.array()
        }
        var projectTable: ProjectTable? = try reader.optional()
        if projectTable != nil { projectTable?.indicators = try reader.array() }
        self.init(department: department, projectTable: projectTable)
    }
}
