import Crypto
import Foundation
import PerfsiteCore

/// Validated departments → a `Site`: grouped by year, ordered, and given stable ids. The checks
/// here are the ones no single table can make: the same department twice in a year, and two
/// departments that would share an address.
public enum SiteAssembler {
    public static func assemble(
        _ departments: [Department], projectTables: [ProjectTable] = [], settings: SiteSettings
    ) -> (Site, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        let codeProblems = settings.departmentCodes.sorted { $0.key < $1.key }.filter { !isValidID($0.value) }
        for (name, code) in codeProblems {
            diagnostics.append(
                Diagnostic(.invalidDepartmentCode(name: name, code: code), at: .file("perfsite.toml")))
        }
        var byYear: [Int: [SiteDepartment]] = [:]
        var firstFile: [String: String] = [:]  // "year|name" → file
        var owners: [String: String] = [:]  // "year|id" → name
        for department in departments {
            let name = department.name.value
            let key = "\(department.year)|\(name)"
            if let other = firstFile[key] {
                diagnostics.append(
                    Diagnostic(
                        .duplicateDepartment(name: name, year: department.year, otherFile: other),
                        at: department.name.location))
                continue
            }
            firstFile[key] = department.sourcePath
            let id = settings.departmentCodes[name].flatMap { isValidID($0) ? $0 : nil } ?? derivedID(for: name)
            if let owner = owners["\(department.year)|\(id)"] {
                diagnostics.append(
                    Diagnostic(.departmentIDCollision(id: id, name: name, other: owner), at: department.name.location))
                continue
            }
            owners["\(department.year)|\(id)"] = name
            byYear[department.year, default: []].append(SiteDepartment(id: id, department: department))
        }
        // Project tables join their 主管部门's entry of the same year, or make one: a department may
        // publish project tables without an overall table.
        for table in projectTables {
            let name = table.department.value
            var entries = byYear[table.year, default: []]
            var index = entries.firstIndex { $0.name == name }
            if index == nil {
                let id = settings.departmentCodes[name].flatMap { isValidID($0) ? $0 : nil } ?? derivedID(for: name)
                if let owner = owners["\(table.year)|\(id)"], owner != name {
                    diagnostics.append(
                        Diagnostic(
                            .departmentIDCollision(id: id, name: name, other: owner), at: table.department.location))
                    continue
                }
                owners["\(table.year)|\(id)"] = name
                entries.append(SiteDepartment(id: id, name: name, year: table.year))
                index = entries.count - 1
            }
            var id = projectTableID(for: table.name.value)
            if entries[index!].projectTables.contains(where: { $0.id == id }) {
                id = projectTableID(for: table.name.value + "|" + table.sourcePath)
            }
            entries[index!].projectTables.append(SiteProjectTable(id: id, table: table))
            byYear[table.year] = entries
        }
        for (year, entries) in byYear {
            byYear[year] = entries.map { entry in
                var sorted = entry
                sorted.projectTables.sort {
                    ($0.table.name.value, $0.table.sourcePath) < ($1.table.name.value, $1.table.sourcePath)
                }
                return sorted
            }
        }

        // Link each department across years: the years it appears in, and its previous table for
        // the year-over-year comparison.
        var yearsOfID: [String: [Int: Department]] = [:]
        var yearsWithID: [String: Set<Int>] = [:]
        for (year, entries) in byYear {
            for entry in entries {
                yearsWithID[entry.id, default: []].insert(year)
                if let department = entry.department { yearsOfID[entry.id, default: [:]][year] = department }
            }
        }
        for (year, entries) in byYear {
            byYear[year] = entries.map { entry in
                var linked = entry
                let tables = yearsOfID[entry.id] ?? [:]
                linked.years = (yearsWithID[entry.id] ?? []).sorted(by: >)
                if entry.department != nil {
                    linked.previous = tables.keys.filter { $0 < year }.max().flatMap { tables[$0] }
                }
                return linked
            }
        }
        let years = byYear.keys.sorted(by: >).map { year in
            // Sorted by their keys, taken once: sorting the entries themselves moved and copied
            // them and read each key through its boxed department at every comparison (2.5% of a
            // one-table rebuild of 1,000 departments).
            let entries = byYear[year]!
            let keys = entries.map { ($0.name, $0.department?.sourcePath ?? "") }
            return SiteYear(year: year, departments: entries.indices.sorted { keys[$0] < keys[$1] }.map { entries[$0] })
        }
        return (Site(settings: settings, years: years), diagnostics)
    }

    /// `d` and the first ten hex digits of the SHA-256 of the name: ASCII, the same every year for
    /// the same name, and independent of file names and order. A perfsite.toml code replaces it.
    public static func derivedID(for name: String) -> String {
        let digest = SHA256.hash(data: Data(name.utf8))
        return "d" + String(Manifest.hex(digest: digest).prefix(10))
    }

    /// `x` and ten hex digits of the SHA-256 of the project name: a project table's folder.
    static func projectTableID(for name: String) -> String {
        "x" + String(Manifest.hex(Data(name.utf8)).prefix(10))
    }

    /// Lower-case ASCII letters, digits and hyphens, starting with a letter or digit: safe in any URL
    /// and on any file system.
    static func isValidID(_ id: String) -> Bool {
        guard let first = id.unicodeScalars.first, id.count <= 64 else { return false }
        let allowed = { (scalar: Unicode.Scalar) in
            ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) || scalar == "-"
        }
        return first != "-" && id.unicodeScalars.allSatisfy(allowed)
    }
}
