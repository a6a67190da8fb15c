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
        // Keyed by year and name (or id) as values, not as "2026|name" strings made for every
        // table; and every array below is changed where it is, not mapped into a copy: with the
        // department models (a retain per string and array for each copy) this had been 10-30 ms
        // of a one-table rebuild at 1,000 departments, on the path everything else waits on.
        struct Key: Hashable {
            var year: Int
            var text: String
        }
        var byYear: [Int: [SiteDepartment]] = [:]
        var firstFile: [Key: String] = [:]  // year and name → file
        var owners: [Key: String] = [:]  // year and id → name
        func id(for name: String) -> String {
            settings.departmentCodes[name].flatMap { isValidID($0) ? $0 : nil } ?? derivedID(for: name)
        }
        for department in departments {
            let name = department.name.value
            let key = Key(year: department.year, text: name)
            if let other = firstFile[key] {
                diagnostics.append(
                    Diagnostic(
                        .duplicateDepartment(name: name, year: department.year, otherFile: other),
                        at: department.name.location))
                continue
            }
            firstFile[key] = department.sourcePath
            let id = id(for: name)
            if let owner = owners[Key(year: department.year, text: id)] {
                diagnostics.append(
                    Diagnostic(.departmentIDCollision(id: id, name: name, other: owner), at: department.name.location))
                continue
            }
            owners[Key(year: department.year, text: id)] = name
            byYear[department.year, default: []].append(SiteDepartment(id: id, department: department))
        }
        // Project tables join their 主管部门's entry of the same year, or make one: a department may
        // publish project tables without an overall table.
        var positions: [Key: Int] = [:]  // year and name → index in byYear[year], once asked
        for table in projectTables {
            let name = table.department.value
            let key = Key(year: table.year, text: name)
            var index = positions[key] ?? byYear[table.year]?.firstIndex { $0.name == name }
            if index == nil {
                let id = id(for: name)
                if let owner = owners[Key(year: table.year, text: id)], owner != name {
                    diagnostics.append(
                        Diagnostic(
                            .departmentIDCollision(id: id, name: name, other: owner), at: table.department.location))
                    continue
                }
                owners[Key(year: table.year, text: id)] = name
                byYear[table.year, default: []].append(SiteDepartment(id: id, name: name, year: table.year))
                index = byYear[table.year]!.count - 1
            }
            positions[key] = index
            let entry = index!
            var id = projectTableID(for: table.name.value)
            if byYear[table.year]![entry].projectTables.contains(where: { $0.id == id }) {
                id = projectTableID(for: table.name.value + "|" + table.sourcePath)
            }
            byYear[table.year]![entry].projectTables.append(SiteProjectTable(id: id, table: table))
        }

        // Link each department across years: the years it appears in, and its previous table for
        // the year-over-year comparison (the overall table of the nearest earlier year).
        var yearsOfID: [String: [Int]] = [:]
        var tablesOfID: [String: [(year: Int, index: Int)]] = [:]
        for (year, entries) in byYear {
            for (index, entry) in entries.enumerated() {
                yearsOfID[entry.id, default: []].append(year)
                if entry.department != nil { tablesOfID[entry.id, default: []].append((year, index)) }
            }
        }
        for year in Array(byYear.keys) {
            for index in byYear[year]!.indices {
                let id = byYear[year]![index].id
                byYear[year]![index].years = (yearsOfID[id] ?? []).sorted(by: >)
                if byYear[year]![index].projectTables.count > 1 {
                    byYear[year]![index].projectTables.sort {
                        ($0.table.name.value, $0.table.sourcePath) < ($1.table.name.value, $1.table.sourcePath)
                    }
                }
                guard byYear[year]![index].department != nil,
                    let earlier = tablesOfID[id]?.filter({ $0.year < year }).max(by: { $0.year < $1.year })
                else { continue }
                byYear[year]![index].previous = byYear[earlier.year]![earlier.index].department
            }
        }
        let years = byYear.keys.sorted(by: >).map { year in
            // Sorted by their keys, taken once: sorting the entries themselves moved and copied
            // them and read each key through its boxed department at every comparison (2.5% of a
            // one-table rebuild of 1,000 departments).
            let entries = byYear[year]!
            let keys = entries.map { (OrderingKey($0.name), OrderingKey($0.department?.sourcePath ?? "")) }
            return SiteYear(year: year, departments: entries.indices.sorted { keys[$0] < keys[$1] }.map { entries[$0] })
        }
        return (Site(settings: settings, years: years), diagnostics)
    }

    /// A string as `<` orders it, compared as bytes where that gives the same order. `<` compares
    /// Unicode scalars after NFC normalization, and UTF-8 keeps the scalars' order, so two strings
    /// that are their own NFC forms compare as their UTF-8 bytes. `<` on the department names
    /// normalized both Chinese names at every comparison (1% of a one-table rebuild's samples at
    /// 1,000 departments, perf, on the main thread). A name of ASCII, CJK ideographs and CJK or
    /// full-width punctuation, as department names are, is its own NFC form: none of these scalars
    /// decomposes or combines with another. Other names are compared with `<` itself (Foundation's
    /// NFC is dearer than the comparisons, and does not compose every Hangul syllable as `<` does).
    struct OrderingKey: Comparable {
        let text: String
        /// The UTF-8 of `text` when it is its own NFC form.
        let bytes: [UInt8]?

        init(_ text: String) {
            self.text = text
            bytes = text.unicodeScalars.allSatisfy(Self.isOwnNFC) ? Array(text.utf8) : nil
        }

        static func < (left: OrderingKey, right: OrderingKey) -> Bool {
            if let bytes = left.bytes, let otherBytes = right.bytes {
                return bytes.lexicographicallyPrecedes(otherBytes)
            }
            return left.text < right.text
        }

        static func == (left: OrderingKey, right: OrderingKey) -> Bool {
            if let bytes = left.bytes, let otherBytes = right.bytes { return bytes == otherBytes }
            return left.text == right.text
        }

        /// Whether a string of such scalars is in NFC whatever their neighbours: ASCII, CJK
        /// symbols and punctuation without the combining tone marks U+302A-U+302F, CJK ideographs
        /// (extension A and the unified block) and the full-width forms; not the compatibility
        /// ideographs (U+F900-U+FAFF), which NFC replaces.
        private static func isOwnNFC(_ scalar: Unicode.Scalar) -> Bool {
            switch scalar.value {
            case 0x00...0x7F, 0x3000...0x3029, 0x3030...0x303F, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xFF01...0xFF60: true
            default: false
            }
        }
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
