// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "perfsite",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "perfsite", targets: ["perfsite"]),
        .library(name: "PerfsiteCore", targets: ["PerfsiteCore"]),
        .library(name: "PerfsiteSite", targets: ["PerfsiteSite"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    ],
    targets: [
        // libxml2 from the system (Debian: libxml2-dev). pkg-config adds -I/usr/include/libxml2;
        // shim.h hides libxml2's ICU fields, which clash with Foundation's bundled ICU.
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"]), .brew(["libxml2"])]
        ),
        // libdeflate from the system (Debian: libdeflate-dev): the deflate of the XLSX downloads
        // (ZipArchive) and the CRC-32 of ZIP entries and cache files, about twice and four times
        // zlib's speed. (zlib itself is still linked, by ZIPFoundation.) Linked statically, by
        // PerfsiteSite's linker settings, so that an installed binary needs no libdeflate; no
        // pkg-config, whose flags would link the shared library.
        .systemLibrary(name: "CLibDeflate"),
        // ZIPFoundation opens .xlsx workbooks; their XML goes through libxml2's streaming reader.
        .target(
            name: "PerfsiteCore",
            dependencies: ["CLibXML2", .product(name: "ZIPFoundation", package: "ZIPFoundation")]
        ),
        // renameat2(RENAME_EXCHANGE), which Swift's Glibc module does not export: the atomic swap
        // of the staging folder with Public/.
        .target(name: "CPosixShims"),
        // SHA-256 blocks with a state the caller keeps (ResumableSHA256): a rebuild hashes a
        // site-wide open-data file from where it first changed.
        .target(name: "CSHA256"),
        .target(
            name: "PerfsiteSite",
            dependencies: [
                "PerfsiteCore",
                "CPosixShims",
                "CSHA256",
                "CLibDeflate",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "TOMLKit", package: "TOMLKit"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            linkerSettings: [.linkedLibrary(":libdeflate.a")]
        ),
        // The preview server: Hummingbird (SwiftNIO) for HTTP, a file watcher, live reload over
        // Server-Sent Events. Only the command line links it; the site builder knows nothing of it.
        .target(
            name: "PerfsiteServe",
            dependencies: [
                "PerfsiteCore",
                "PerfsiteSite",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "perfsite",
            dependencies: [
                "PerfsiteCore",
                "PerfsiteSite",
                "PerfsiteServe",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "TOMLKit", package: "TOMLKit"),
            ]
        ),
        .testTarget(
            name: "PerfsiteCoreTests",
            dependencies: ["PerfsiteCore", .product(name: "ZIPFoundation", package: "ZIPFoundation")],
            exclude: ["Fixtures"]
        ),
        // swift-mustache renders every page kind beside perfsite's own template renderer in a test,
        // which compares the bytes: the themes' semantics stay those of a spec-tested Mustache.
        .testTarget(
            name: "PerfsiteSiteTests",
            dependencies: [
                "PerfsiteSite", "PerfsiteCore", "CSHA256", .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .testTarget(
            name: "PerfsiteServeTests",
            dependencies: ["PerfsiteServe", "PerfsiteCore"]
        ),
    ]
)

// Fuzz targets (libFuzzer), only when PERFSITE_FUZZ is set: `scripts/fuzz` builds them with
// `--sanitize=fuzzer --sanitize=address` into .build-fuzz/. Each is one LLVMFuzzerTestOneInput.
if Context.environment["PERFSITE_FUZZ"] != nil {
    for name in ["FuzzTSV", "FuzzCSV", "FuzzXLSX", "FuzzHTML", "FuzzFragment"] {
        package.targets.append(
            .executableTarget(name: name, dependencies: ["PerfsiteCore"], path: "Fuzz/Sources/\(name)"))
    }
}
