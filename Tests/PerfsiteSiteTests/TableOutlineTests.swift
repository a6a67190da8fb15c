import Foundation
import Testing

@testable import PerfsiteCore
@testable import PerfsiteSite

/// Outlines (`TableChecker.FileResult.outline`): what a large build keeps of every table from the
/// check to the end. Their tasks are held in a smaller object than whole tasks (`Project.init`);
/// they must read exactly as the whole tasks they came from, without what outlines set aside.
@Suite struct TableOutlineTests {
    let result = TableChecker().check(
        bytes: Array(TemporarySite.sampleText.utf8), path: "Content/2026/sample.tsv")

    @Test func anOutlinesTasksReadAsTheWholeTasksWithoutWhatIsSetAside() throws {
        let full = try #require(result.department)
        let outline = try #require(result.outline.department)
        #expect(full.projects.count == 10)
        #expect(outline.projects.count == full.projects.count)
        for (whole, kept) in zip(full.projects, outline.projects) {
            #expect(!whole.isHeldAsOutline)
            #expect(kept.isHeldAsOutline)
            #expect(kept.sequence == whole.sequence)
            #expect(kept.name == whole.name)
            #expect(kept.amount == whole.amount)
            #expect(kept.row == whole.row)
            #expect(kept.content == Located(.empty, at: whole.content.location))
            #expect(kept.taskSource == Located("", at: whole.taskSource.location))
            #expect(kept.indicators.isEmpty)
            #expect(!whole.indicators.isEmpty)
        }
    }

    /// The cache stores outlines and gives them back held the same way, reading the same.
    @Test func outlinesFromTheBuildCacheAreHeldAsOutlines() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("perfsite-cache-\(UUID())")
        defer { try? FileManager.default.removeItem(at: folder) }
        let fingerprint = BuildCache.Fingerprint(stat())
        let stored = BuildCache.Table(fingerprint: fingerprint, digest: "d", indicators: 1, outline: result.outline)
        BuildCache(directory: folder, stamp: "s").save(tables: ["t.tsv": stored], started: Date())
        let decoded = try #require(
            BuildCache(directory: folder, stamp: "s").table(at: "t.tsv", fingerprint: fingerprint))
        let original = try #require(result.outline.department)
        let projects = try #require(decoded.department?.projects)
        #expect(projects.count == original.projects.count)
        for (kept, read) in zip(original.projects, projects) {
            #expect(read.isHeldAsOutline)
            #expect(read.name == kept.name && read.amount == kept.amount && read.sequence == kept.sequence)
            #expect(read.content.location == kept.content.location)
        }
    }

    /// Changing an outline's task makes it a whole task of its own: the rest of its fields stay,
    /// and copies made before keep what they had.
    @Test func changingAnOutlinesTaskChangesOnlyThatCopy() throws {
        let outline = try #require(result.outline.department)
        let before = outline.projects[2]
        var changed = before
        changed.indicators = try #require(result.department?.projects[2].indicators)
        #expect(!changed.isHeldAsOutline)
        #expect(before.isHeldAsOutline && before.indicators.isEmpty)
        #expect(changed.name == before.name && changed.amount == before.amount && changed.row == before.row)
        #expect(changed.content == before.content)
        changed.name.value += "(修改)"
        #expect(changed.name.value == before.name.value + "(修改)")
        var copy = changed
        copy.amount = nil
        #expect(changed.amount == before.amount)
        #expect(copy.amount == nil)
    }

    /// A task whose cells name different files (not one table's) cannot share one origin, and is
    /// held whole, reading the same.
    @Test func aTaskFromCellsOfDifferentFilesIsHeldWhole() {
        let name = Located("任务", at: SourceLocation(file: "a.tsv", row: 3, column: 2))
        let amount = Located(
            Amount(fen: 1234, unit: .tenThousandYuan), at: SourceLocation(file: "b.tsv", row: 3, column: 4))
        let task = Project(
            sequence: nil, name: name, content: Located(.empty, at: name.location),
            taskSource: Located("", at: name.location), amount: amount, indicators: [], row: 3)
        #expect(!task.isHeldAsOutline)
        #expect(task.amount == amount)
        #expect(task.sequence == nil)
        let origin = name.location.origin
        let same = Project(
            sequence: nil, name: name, content: Located(.empty, at: name.location),
            taskSource: Located("", at: name.location),
            amount: Located(amount.value, at: SourceLocation(origin: origin, row: 3, column: 4)), indicators: [],
            row: 3)
        #expect(same.isHeldAsOutline)
        #expect(same.sequence == nil)
        #expect(same.amount?.value == amount.value)
        #expect(same.amount?.location.description == "a.tsv:3:4")
    }

    /// An outline keeps its task's name as UTF-8 bytes of its own: empty, short enough for a
    /// `String` to hold inline, long, and beyond the Basic Multilingual Plane.
    @Test(arguments: ["", "短", "农村道路养护项目", String(repeating: "乡村振兴衔接资金𠀀", count: 40), "a\u{0}b"])
    func anOutlineKeepsItsTasksName(_ text: String) {
        let origin = SourceLocation.Origin(file: "t.tsv")
        let name = Located(text, at: SourceLocation(origin: origin, row: 7, column: 3))
        let task = Project(
            sequence: Located(4, at: SourceLocation(origin: origin, row: 7, column: 1)), name: name,
            content: Located(.empty, at: SourceLocation(origin: origin, row: 7, column: 4)),
            taskSource: Located("", at: SourceLocation(origin: origin, row: 7, column: 5)), amount: nil,
            indicators: [], row: 7)
        #expect(task.isHeldAsOutline)
        #expect(task.name == name)
        #expect(task.name.value.utf8.elementsEqual(text.utf8))
        #expect(task.sequence?.value == 4 && task.sequence?.location.column == 1)
        #expect(task.amount == nil)
        #expect(task.taskSource.location.column == 5)
    }
}
