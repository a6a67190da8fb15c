import Foundation
import Testing

@testable import PerfsiteCore

/// 1,000 departments from the team's corpus generator (Benchmarks/synth.py): every figure adds up
/// and every task has the minimum indicator set, so the whole corpus must check clean.
@Suite struct SyntheticCorpusTests {
    @Test func thousandDepartmentsCheckClean() throws {
        let folder = try TestSupport.syntheticCorpus(departments: 1000, name: "synth")
        defer { try? FileManager.default.removeItem(at: folder) }

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
