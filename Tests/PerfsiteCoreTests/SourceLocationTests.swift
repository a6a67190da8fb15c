import Foundation
import Testing

@testable import PerfsiteCore

/// Swift Testing has a `SourceLocation` of its own.
private typealias Location = PerfsiteCore.SourceLocation

/// Locations are shared-origin values: every cell of a table points at one file-and-sheet object,
/// yet they compare, hash, print and encode as the four fields they stand for.
@Suite struct SourceLocationTests {
    @Test func everyValueOfTheSampleSharesTheTablesOrigin() throws {
        let department = try #require(TableChecker().check(path: TestSupport.sampleURL.path).department)
        let origin = department.name.location.origin
        #expect(origin.file == TestSupport.sampleURL.path)
        let locations =
            department.projects.flatMap { project in
                [project.name.location, project.content.location, project.taskSource.location]
                    + project.indicators.map(\.location)
            } + [department.goals.location]
        #expect(locations.count > 50)
        #expect(locations.allSatisfy { $0.origin === origin })
        #expect(MemoryLayout<Location>.size == 16)
    }

    @Test func equalByFileRowColumnAndSheetWhateverTheOrigin() {
        let one = Location(file: "a.xlsx", row: 13, column: 2, sheet: "Sheet1")
        let two = Location(origin: .init(file: "a.xlsx", sheet: "Sheet1"), row: 13, column: 2)
        #expect(one.origin !== two.origin)
        #expect(one == two && one.hashValue == two.hashValue)
        #expect(one != Location(file: "a.xlsx", row: 13, column: 2, sheet: "Sheet2"))
        #expect(one != Location(file: "a.xlsx", row: 13, column: 3, sheet: "Sheet1"))
        #expect(one.description == "a.xlsx:Sheet1!B13")
        #expect(Location(file: "t.tsv", row: 4, column: 9).description == "t.tsv:4:9")
        #expect(Location(file: "t.tsv", row: 4, column: 9) < Location(file: "t.tsv", row: 5, column: 1))
    }

    @Test func encodesAsItsFourFields() throws {
        let location = Location(file: "a.xlsx", row: 13, column: 2, sheet: "表1")
        let json = try JSONSerialization.jsonObject(with: JSONEncoder().encode(location)) as? [String: Any]
        #expect(json?["file"] as? String == "a.xlsx" && json?["row"] as? Int == 13)
        #expect(json?["column"] as? Int == 2 && json?["sheet"] as? String == "表1")
        #expect(try JSONDecoder().decode(Location.self, from: JSONEncoder().encode(location)) == location)
        let text = Location(file: "t.tsv", row: 1, column: 1)
        #expect(try String(decoding: JSONEncoder().encode(text), as: UTF8.self).contains("sheet") == false)
    }

    @Test func aRowPastInt32IsClampedNotATrap() {
        #expect(Location(file: "t.tsv", row: Int.max, column: -5).row == Int(Int32.max))
    }
}
