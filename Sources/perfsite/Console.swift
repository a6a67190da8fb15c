import Foundation

/// Messages for people, on standard error; standard output carries the diagnostics and summaries.
enum Console {
    static func error(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }
}
