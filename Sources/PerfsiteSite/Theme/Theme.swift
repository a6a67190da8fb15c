import Foundation
import PerfsiteCore

/// A theme: Mustache templates and static assets. perfsite carries the default theme in the binary;
/// a site overrides any single file by putting one of the same path in `Themes/<theme>/` (the
/// lookup of Hugo and toucan), so a bureau restyles a page without copying the whole theme.
/// Templates are parsed once, when the theme is loaded, and any error names the file and line.
public struct Theme: Sendable {
    public let name: String
    /// Every file by path inside the theme (`templates/layout.mustache`, `assets/style.css`).
    public let files: [String: String]
    /// Where each file came from, for messages: a path on disk, or the built-in theme.
    public let origins: [String: String]
    /// How templates become pages (replaceable for the parity test with swift-mustache).
    var renderer: any TemplateRenderer

    /// Templates every theme must have: the page kinds perfsite renders.
    public static let requiredTemplates = ["layout", "home", "year", "department", "project", "404", "search", "print"]

    public static func load(name: String, themesDirectory: String) throws(ThemeError) -> Theme {
        var files = defaultFiles
        var origins = Dictionary(uniqueKeysWithValues: defaultFiles.keys.map { ($0, "(内置主题 default)/\($0)") })
        let folder = (themesDirectory as NSString).appendingPathComponent(name)
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue {
            let entries = (FileManager.default.enumerator(atPath: folder)?.allObjects as? [String]) ?? []
            for entry in entries.sorted() {
                let path = (folder as NSString).appendingPathComponent(entry)
                var entryIsDirectory: ObjCBool = false
                _ = FileManager.default.fileExists(atPath: path, isDirectory: &entryIsDirectory)
                if entryIsDirectory.boolValue || (entry as NSString).lastPathComponent.hasPrefix(".") { continue }
                guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
                    throw ThemeError(file: path, line: nil, message: "无法读取(主题文件需为 UTF-8 文本)")
                }
                files[entry] = text
                origins[entry] = path
            }
        } else if name != "default" {
            throw ThemeError(file: folder, line: nil, message: "找不到主题“\(name)”")
        }
        var templates: [String: Template] = [:]
        for (path, text) in files.sorted(by: { $0.key < $1.key })
        where path.hasPrefix("templates/") && path.hasSuffix(".mustache") {
            let templateName = String(path.dropFirst("templates/".count).dropLast(".mustache".count))
            do throws(TemplateSyntaxError) {
                templates[templateName] = try Template(string: text)
            } catch {
                throw ThemeError(
                    file: origins[path]!, line: error.line, message: "模板语法错误:\(error.reason)(\(error.lineText))")
            }
        }
        for required in requiredTemplates where templates[required] == nil {
            throw ThemeError(file: folder, line: nil, message: "主题缺少模板 templates/\(required).mustache")
        }
        return Theme(name: name, files: files, origins: origins, renderer: TemplateRendering(templates: templates))
    }

    /// The built-in default theme's files, for `perfsite theme list` and `perfsite theme copy`.
    public static var builtInFiles: [String: String] { defaultFiles }

    /// Renders a page template with its view model, as the bytes of the page.
    func renderBytes(_ template: String, _ view: some TemplateObject) -> [UInt8] {
        renderer.render(template, view)
    }

    /// Renders a page template with its view model.
    func render(_ template: String, _ view: some TemplateObject) -> String {
        String(decoding: renderer.render(template, view), as: UTF8.self)
    }

    /// The static files of the theme (`assets/…`), each to be published under a fingerprinted name.
    var assets: [(path: String, text: String)] {
        files.filter { $0.key.hasPrefix("assets/") }.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }
}

/// A theme that cannot be used, at the file (and line) to fix.
public struct ThemeError: Error, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public var message: String

    public var description: String {
        (line.map { "\(file):\($0)" } ?? file) + ": error: " + message
    }
}
