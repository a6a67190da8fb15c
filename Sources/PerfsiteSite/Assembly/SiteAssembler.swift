import Crypto
import Foundation
import PerfsiteCore

/// Validated departments → a `Site`: grouped by year, ordered, and given stable ids. The checks
/// here are the ones no single table can make: the same department twice in a year, and two
/// departments that would share an address.
public enum SiteAssembler {
    public static func assemble(_ departments: [Department], settings: SiteSettings) -> (Site, [Diagnostic]) {
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
        // Link each department across years: the years it appears in, and its previous table for
        // the year-over-year comparison.
        var yearsOfID: [String: [Int: Department]] = [:]
        for (year, entries) in byYear {
            for entry in entries { yearsOfID[entry.id, default: [:]][year] = entry.department }
        }
        for (year, entries) in byYear {
            byYear[year] = entries.map { entry in
                var linked = entry
                let tables = yearsOfID[entry.id] ?? [:]
                linked.years = tables.keys.sorted(by: >)
                linked.previous = tables.keys.filter { $0 < year }.max().flatMap { tables[$0] }
                return linked
            }
        }
        let years = byYear.keys.sorted(by: >).map { year in
            SiteYear(
                year: year,
                departments: byYear[year]!.sorted {
                    ($0.department.name.value, $0.department.sourcePath) < (
                        $1.department.name.value, $1.department.sourcePath
                    )
                })
        }
        return (Site(settings: settings, years: years), diagnostics)
    }

    /// `d` and the first ten hex digits of the SHA-256 of the name: ASCII, the same every year for
    /// the same name, and independent of file names and order. A perfsite.toml code replaces it.
    public static func derivedID(for name: String) -> String {
        let digest = SHA256.hash(data: Data(name.utf8))
        return "d" + digest.prefix(5).map { String(format: "%02x", $0) }.joined()
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
