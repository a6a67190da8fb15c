import Foundation

/// read → recognize → normalize → validate, for each file on its own: one bad file never hides
/// the diagnostics of the others.
public struct TableChecker: Sendable {
    public var reader: TableFileReader
    public var layout: DepartmentTableLayout
    public var projectLayout: ProjectTableLayout
    public var validator: Validator

    public init(vocabulary: IndicatorVocabulary = .national, limits: ReadLimits = .standard) {
        reader = TableFileReader(limits: limits)
        layout = DepartmentTableLayout(vocabulary: vocabulary)
        projectLayout = ProjectTableLayout(vocabulary: vocabulary)
        validator = Validator(vocabulary: vocabulary)
    }

    /// What one file gave.
    public struct FileResult: Sendable {
        public var path: String
        @Boxed public var department: Department?
        /// Set instead of `department` for a 项目支出绩效目标表.
        @Boxed public var projectTable: ProjectTable? = nil
        public var diagnostics: [Diagnostic]

        public init(
            path: String, department: Department? = nil, projectTable: ProjectTable? = nil,
            diagnostics: [Diagnostic] = []
        ) {
            self.path = path
            self.department = department
            self.projectTable = projectTable
            self.diagnostics = diagnostics
        }
    }

    public func check(path: String) -> FileResult {
        do throws(ReadFailure) {
            let table = try reader.read(contentsOf: URL(fileURLWithPath: path), path: path)
            return check(table)
        } catch {
            return FileResult(path: path, department: nil, diagnostics: [error.diagnostic(file: path)])
        }
    }

    public func check(bytes: [UInt8], path: String) -> FileResult {
        do throws(ReadFailure) {
            return check(try reader.read(bytes: bytes, path: path))
        } catch {
            return FileResult(path: path, department: nil, diagnostics: [error.diagnostic(file: path)])
        }
    }

    public func check(_ table: RawTable) -> FileResult { check(table, validating: true) }

    /// The model of a table already checked, without running the rules again: a large site's
    /// build reads each table a second time when it renders it, and has its diagnostics already.
    public func model(bytes: [UInt8], path: String) -> FileResult {
        do throws(ReadFailure) {
            return check(try reader.read(bytes: bytes, path: path), validating: false)
        } catch {
            return FileResult(path: path, department: nil, diagnostics: [error.diagnostic(file: path)])
        }
    }

    private func check(_ table: RawTable, validating: Bool) -> FileResult {
        if ProjectTableLayout.recognizes(table) {
            let outcome = projectLayout.read(table)
            var diagnostics = outcome.diagnostics
            if validating, let projectTable = outcome.table { diagnostics += validator.validate(projectTable) }
            diagnostics.sort { ($0.location, $0.rule.id) < ($1.location, $1.rule.id) }
            return FileResult(path: table.path, department: nil, projectTable: outcome.table, diagnostics: diagnostics)
        }
        let outcome = layout.read(table)
        var diagnostics = outcome.diagnostics
        if validating, let department = outcome.department { diagnostics += validator.validate(department) }
        diagnostics.sort { ($0.location, $0.rule.id) < ($1.location, $1.rule.id) }
        return FileResult(path: table.path, department: outcome.department, diagnostics: diagnostics)
    }

    /// Every file, in parallel, results in the order of `paths`.
    public func check(paths: [String]) -> CheckReport {
        let results = paths.parallelMap { check(path: $0) }
        return CheckReport(files: results)
    }
}

/// The outcome of checking a set of files.
public struct CheckReport: Sendable {
    public var files: [TableChecker.FileResult]

    public init(files: [TableChecker.FileResult]) {
        self.files = files
    }

    public var departments: [Department] { files.compactMap(\.department) }
    public var projectTables: [ProjectTable] { files.compactMap(\.projectTable) }
    public var diagnostics: [Diagnostic] { files.flatMap(\.diagnostics) }

    public func diagnostics(strict: Bool) -> [Diagnostic] {
        strict ? diagnostics.map { $0.strict() } : diagnostics
    }

    public struct Summary: Sendable, Hashable, Encodable {
        public var files: Int
        public var departments: Int
        /// 项目支出绩效目标表 read.
        public var projectTables: Int
        public var projects: Int
        public var indicators: Int
        public var errors: Int
        public var warnings: Int
    }

    public func summary(strict: Bool = false) -> Summary {
        let all = diagnostics(strict: strict)
        let departments = self.departments
        return Summary(
            files: files.count, departments: departments.count, projectTables: projectTables.count,
            projects: departments.reduce(0) { $0 + $1.projects.count },
            indicators: departments.reduce(0) { $0 + $1.indicatorCount }
                + projectTables.reduce(0) { $0 + $1.indicators.count },
            errors: all.count { $0.severity == .error }, warnings: all.count { $0.severity == .warning })
    }
}
