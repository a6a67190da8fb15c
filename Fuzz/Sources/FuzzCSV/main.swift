import PerfsiteCore

/// The whole check of a comma-separated table: encoding detection, the RFC 4180 reader, both layouts,
/// the fragment normalizer and the validator. Any input may be rejected; none may crash.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSV(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let bytes = Array(UnsafeRawBufferPointer(start: start, count: count))
    _ = TableChecker().check(bytes: bytes, path: "Content/2026/fuzz.csv")
    return 0
}
