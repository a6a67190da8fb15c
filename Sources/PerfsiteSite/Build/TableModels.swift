import Foundation
import PerfsiteCore

/// Where the second pass of a build gets each table's full model. A small site keeps every model
/// the check made; a large one keeps only outlines (`TableChecker.FileResult.outline`) — at 10,000
/// departments the models of all tables were 600 MB, most of the build's peak memory — and reads
/// each model back from where the check set it aside (`ModelSpill`), or, for a table the build
/// cache gave or without that file, reads and checks the table again when its turn comes.
struct TableModels: Sendable {
    let checker: TableChecker
    /// Full results by path, when the site is small enough to keep them.
    let kept: [String: TableChecker.FileResult]
    /// The SHA-256 of each table as the check read it: a table saved again during the build is
    /// refused, so that its pages and its manifest entry come from the same bytes.
    let digests: [String: String]
    /// Full models set aside by the check, made from the bytes `digests` names.
    var spill: ModelSpill? = nil
    var spilled: [String: ModelSpill.Location] = [:]

    /// The entry with full models of its tables. The previous year's table stays an outline: the
    /// comparison reads its budget and its tasks' names and amounts, which outlines keep.
    func materialize(_ entry: SiteDepartment) throws -> SiteDepartment {
        var full = entry
        if let path = entry.department?.sourcePath { full.department = try result(path).department }
        full.projectTables = try entry.projectTables.map { placed in
            var table = placed
            if let model = try result(placed.table.sourcePath).projectTable { table.table = model }
            return table
        }
        return full
    }

    private func result(_ path: String) throws -> TableChecker.FileResult {
        if let result = kept[path] { return result }
        if let location = spilled[path], let result = spill?.load(location, path: path) { return result }
        guard let data = FileManager.default.contents(atPath: path), Manifest.hex(data) == digests[path] else {
            throw PublishError(path: path, message: "表格在构建过程中被修改或无法读取,请重新运行 perfsite build")
        }
        let result = checker.model(bytes: [UInt8](data), path: path)
        guard result.department != nil || result.projectTable != nil else {
            throw PublishError(path: path, message: "表格在构建过程中无法再次读取")
        }
        return result
    }
}

extension TableChecker.FileResult {
    /// The result without what only pages, downloads and the search index use — indicators, the
    /// text of goals and task contents, 任务来源 — keeping what places the table in the site and
    /// what the listings and the next year's comparison show (name, year, budget, tasks with their
    /// names and amounts) and its diagnostics.
    var outline: TableChecker.FileResult {
        var copy = self
        if var department = copy.department {
            department.goals.value = .empty
            department.note = nil
            // Made anew rather than changed: a task without content, 任务来源 and indicators
            // is held in a smaller object (`Project.init`).
            department.projects = department.projects.map { project in
                Project(
                    sequence: project.sequence, name: project.name,
                    content: Located(.empty, at: project.content.location),
                    taskSource: Located("", at: project.taskSource.location), amount: project.amount,
                    indicators: [], row: project.row)
            }
            copy.department = department
        }
        if var table = copy.projectTable {
            table.goals.value = .empty
            table.indicators = []
            copy.projectTable = table
        }
        return copy
    }
}
