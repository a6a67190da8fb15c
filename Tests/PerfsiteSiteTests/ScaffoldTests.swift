import Foundation
import PerfsiteCore
import Testing

@testable import PerfsiteSite

@Suite struct ScaffoldTests {
    @Test func newSiteBuilds() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("perfsite-new-\(UUID())").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let written = try SiteScaffold.create(in: folder)
        #expect(written.count == 3)
        let sample = try Data(contentsOf: URL(fileURLWithPath: folder + "/" + TemporarySite.samplePath))
        let original = try Data(contentsOf: TemporarySite.packageRoot.appendingPathComponent(TemporarySite.samplePath))
        #expect(sample == original, "the scaffold's sample must be byte-identical to the shipped one")
        let settings = try SiteSettings.load(path: folder + "/perfsite.toml", required: true)
        #expect(settings.title == "洛阳高新区预算绩效目标公开")
        var isDirectory: ObjCBool = false
        #expect(
            FileManager.default.fileExists(atPath: folder + "/Themes/default", isDirectory: &isDirectory)
                && isDirectory.boolValue)
        let result = SiteBuilder(
            settings: settings, contentPaths: [folder + "/Content"], outputPath: folder + "/Public",
            themesDirectory: folder + "/Themes"
        ).build()
        #expect(result.outcome.isPublished)
        #expect(throws: SiteScaffold.Failure.self) { try SiteScaffold.create(in: folder) }
    }

    @Test func embeddedFilesMatchTheirSources() throws {
        let root = TemporarySite.packageRoot
        let themeFolder = root.appendingPathComponent("Themes/default").path
        var onDisk: [String: String] = [:]
        for case let relative as String in FileManager.default.enumerator(atPath: themeFolder)! {
            var isDirectory: ObjCBool = false
            FileManager.default.fileExists(atPath: themeFolder + "/" + relative, isDirectory: &isDirectory)
            if !isDirectory.boolValue && !(relative as NSString).lastPathComponent.hasPrefix(".") {
                onDisk[relative] = try String(contentsOfFile: themeFolder + "/" + relative, encoding: .utf8)
            }
        }
        #expect(onDisk == Theme.defaultFiles, "run scripts/embed-resources after editing Themes/default/")
        #expect(
            SiteScaffold.files["perfsite.toml"]
                == (try String(contentsOf: root.appendingPathComponent("perfsite.toml"), encoding: .utf8)))
    }

    @Test func settingsParseAndComplain() throws {
        let settings = try SiteSettings.parse(
            "title = \"测试\"\n[vocabulary.aliases]\n\"进度类指标\" = \"时效指标\"\n[departments]\n\"甲\" = \"a\"\n")
        #expect(settings.title == "测试" && settings.departmentCodes == ["甲": "a"])
        #expect(try settings.vocabulary().canonicalLevel2("进度类指标") == "时效指标")
        #expect(throws: (any Error).self) { try SiteSettings.parse("title = ") }
        let bad = try SiteSettings.parse("[vocabulary.aliases]\n\"x\" = \"不存在\"\n")
        #expect(throws: SettingsError.self) { try bad.vocabulary() }
    }
}
