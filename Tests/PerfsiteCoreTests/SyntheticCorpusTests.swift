import Foundation
import Testing

@testable import PerfsiteCore

/// 1,000 departments from the team's corpus generator (Benchmarks/synth.py): every figure adds up
/// and every task has the minimum indicator set, so the whole corpus must check clean.
@Suite struct SyntheticCorpusTests {
    @Test func thousandDepartmentsCheckClean() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("perfsite-synth-\(UUID())")
        defer { try? FileManager.default.removeItem(at: folder) }
        let python = Process()
        python.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        python.arguments = [
            "python3", TestSupport.packageRoot.appendingPathComponent("Benchmarks/synth.py").path, "--departments",
            "1000",
            "--out", folder.path,
        ]
        python.standardOutput = FileHandle.nullDevice
        try python.run()
        python.waitUntilExit()
        try #require(python.terminationStatus == 0, "python3 Benchmarks/synth.py failed")

        let files = try ContentFinder.tableFiles(in: [folder.path])
        #expect(files.count == 1000)
        let report = TableChecker().check(paths: files)
        let summary = report.summary()
        #expect(summary.departments == 1000)
        #expect(summary.errors == 0, "\(report.diagnostics.prefix(5).map(\.formatted))")
        #expect(summary.warnings == 0, "\(report.diagnostics.prefix(5).map(\.formatted))")
        #expect(summary.projects > 3000 && summary.indicators >= summary.projects * 5)
        // Each department's tasks add up to its 项目支出, to the fen, as the generator made them.
        for department in report.departments {
            let total = department.projects.compactMap(\.amount).reduce(Amount(fen: 0, unit: .tenThousandYuan)) {
                $0 + $1.value
            }
            #expect(total == department.budget.project?.value)
        }
    }
}
