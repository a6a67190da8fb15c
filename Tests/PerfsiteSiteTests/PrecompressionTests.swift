import Foundation
import PerfsiteCore
import Testing
import ZIPFoundation

@testable import PerfsiteSite

@Suite struct PrecompressionTests {
    /// The members of an RFC 1952 stream: header fields, the inflated bytes, and the trailer's CRC-32
    /// and length, checked against the original.
    func inflate(_ gzip: [UInt8]) throws -> (bytes: [UInt8], crcMatches: Bool) {
        #expect(Array(gzip.prefix(4)) == [0x1F, 0x8B, 8, 0])
        let deflated = Data(gzip[10..<(gzip.count - 8)])
        var inflated = Data()
        let crc = try Data.decompress(
            size: Int64(deflated.count), bufferSize: 16 * 1024, skipCRC32: false,
            provider: { position, size in
                deflated.subdata(in: Int(position)..<min(Int(position) + size, deflated.count))
            },
            consumer: { inflated.append($0) })
        let trailer = gzip.suffix(8).map(UInt32.init)
        let storedCRC = trailer[0] | trailer[1] << 8 | trailer[2] << 16 | trailer[3] << 24
        let storedLength = trailer[4] | trailer[5] << 8 | trailer[6] << 16 | trailer[7] << 24
        #expect(Int(storedLength) == inflated.count)
        return ([UInt8](inflated), storedCRC == crc)
    }

    @Test func everyLargeTextFileHasAFaithfulGzip() throws {
        let site = try TemporarySite()
        defer { site.remove() }
        try site.addSample()
        var settings = SiteSettings()
        settings.precompress = true
        #expect(site.build(settings: settings).outcome.isPublished)
        let files = try site.snapshot()
        var compressed = 0
        // manifest.json lists every file with its digest, the .gz files included; it is written
        // last and has no .gz of its own (it would have to list itself).
        for (path, bytes) in files where !path.hasSuffix(".gz") && path != "manifest.json" {
            let kind = (path as NSString).pathExtension
            let wanted = Precompression.extensions.contains(kind) && bytes.count >= Precompression.minimumBytes
            guard let gzip = files[path + ".gz"] else {
                #expect(!wanted, "\(path) has no .gz")
                continue
            }
            #expect(wanted, "\(path) should not have a .gz")
            let (inflated, crcMatches) = try inflate(gzip)
            #expect(inflated == bytes, "\(path)")
            #expect(crcMatches, "\(path)")
            compressed += 1
        }
        #expect(compressed > 20)
        // No .gz for workbooks, which are zip files already.
        #expect(!files.keys.contains { $0.hasSuffix(".xlsx.gz") })
    }

    @Test func turningPrecompressionOffRemovesTheGzips() throws {
        let site = try TemporarySite()
        defer { site.remove() }
        try site.addSample()
        var settings = SiteSettings()
        settings.precompress = true
        #expect(site.build(settings: settings).outcome.isPublished)
        #expect(try site.snapshot().keys.contains { $0.hasSuffix(".gz") })
        #expect(site.build().outcome.isPublished)
        #expect(try !site.snapshot().keys.contains { $0.hasSuffix(".gz") })
    }

    @Test func settingsReadPrecompress() throws {
        #expect(try SiteSettings.parse("precompress = true").precompress)
        #expect(try !SiteSettings.parse("").precompress)
    }
}
