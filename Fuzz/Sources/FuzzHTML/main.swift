import PerfsiteCore

/// The whole check of an HTML page: encoding detection, libxml2 HTML parsing, table and span expansion, both layouts,
/// the fragment normalizer and the validator. Any input may be rejected; none may crash.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzHTML(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let bytes = Array(UnsafeRawBufferPointer(start: start, count: count))
    _ = TableChecker().check(bytes: bytes, path: "Content/2026/fuzz.html")
    return 0
}
