import Foundation
import PerfsiteCore
import Testing

@testable import PerfsiteSite

/// A throw-away site folder with Content/, Themes/ and a Public/ to build into.
struct TemporarySite {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    static let samplePath = "Content/2026/洛阳高新技术产业开发区管理委员会.tsv"
    static var sampleText: String {
        try! String(contentsOf: packageRoot.appendingPathComponent(samplePath), encoding: .utf8)
    }

    let root: URL
    var content: URL { root.appendingPathComponent("Content") }
    var themes: URL { root.appendingPathComponent("Themes") }
    var publicFolder: URL { root.appendingPathComponent("Public") }
    var cache: URL { root.appendingPathComponent(".perfsite-cache") }

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("perfsite-site-\(UUID().uuidString)")
        try FileManager.default.createDirectory(
            at: root.appendingPathComponent("Content/2026"), withIntermediateDirectories: true)
    }

    func remove() { try? FileManager.default.removeItem(at: root) }

    func write(_ text: String, to relative: String) throws {
        let url = root.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    func addSample(as relative: String = "Content/2026/sample.tsv", _ edit: (String) -> String = { $0 }) throws {
        try write(edit(Self.sampleText), to: relative)
    }

    func build(
        settings: SiteSettings = SiteSettings(), strict: Bool = false, inPlace: Bool = false,
        modelMemoryBudget: Int? = nil, setsModelsAside: Bool = true, cached: Bool = false
    ) -> SiteBuilder.Result {
        var builder = SiteBuilder(
            settings: settings, contentPaths: [content.path], outputPath: publicFolder.path,
            themesDirectory: themes.path, strict: strict)
        builder.inPlace = inPlace
        if cached { builder.cacheDirectory = cache.path }
        if let modelMemoryBudget { builder.modelMemoryBudget = modelMemoryBudget }
        builder.setsModelsAside = setsModelsAside
        return builder.build()
    }

    /// Every published file with its bytes.
    func snapshot() throws -> [String: [UInt8]] {
        var files: [String: [UInt8]] = [:]
        let base = publicFolder.path
        for case let relative as String in FileManager.default.enumerator(atPath: base)! {
            var isDirectory: ObjCBool = false
            FileManager.default.fileExists(atPath: base + "/" + relative, isDirectory: &isDirectory)
            if !isDirectory.boolValue {
                files[relative] = [UInt8](try Data(contentsOf: URL(fileURLWithPath: base + "/" + relative)))
            }
        }
        return files
    }

    func page(_ relative: String) throws -> String {
        try String(contentsOf: publicFolder.appendingPathComponent(relative), encoding: .utf8)
    }

    /// The folder of the only department of a year.
    func departmentFolder(year: Int = 2026) throws -> String {
        let names = try FileManager.default.contentsOfDirectory(
            atPath: publicFolder.appendingPathComponent("\(year)").path)
        return "\(year)/" + (try #require(names.filter { $0.hasPrefix("d") }.sorted().first)) + "/"
    }
}

extension SiteBuilder.Outcome {
    var isPublished: Bool {
        if case .published = self { return true }
        return false
    }
}
