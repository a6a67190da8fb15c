import Foundation

/// The table files named by the command line: files as given, folders searched recursively.
/// Sorted, so the same Content/ always gives the same order of diagnostics and pages.
public enum ContentFinder {
    public struct Missing: Error, Sendable, Hashable {
        public var path: String
    }

    public static func tableFiles(in paths: [String]) throws(Missing) -> [String] {
        var found: [String] = []
        let manager = FileManager.default
        for path in paths {
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: path, isDirectory: &isDirectory) else { throw Missing(path: path) }
            if !isDirectory.boolValue {
                found.append(path)
                continue
            }
            let base = path.hasSuffix("/") ? String(path.dropLast()) : path
            // A folder named through a symbolic link (Content/ linked to a shared drive, say) is
            // searched where it points: the enumerator does not follow the link it starts from,
            // and the site came out empty without a word.
            let resolved = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
            let entries = (manager.enumerator(atPath: resolved)?.allObjects as? [String]) ?? []
            for entry in entries.sorted() where TableFileReader.isTable(entry) {
                let name = (entry as NSString).lastPathComponent
                if name.hasPrefix(".") || name.hasPrefix("~$") { continue }  // hidden files, Excel lock files
                found.append(base + "/" + entry)
            }
        }
        return found
    }
}
