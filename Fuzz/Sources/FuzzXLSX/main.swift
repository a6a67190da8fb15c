import PerfsiteCore

/// The whole check of an Excel workbook: ZIPFoundation, the streaming XML reader, the worksheet reader, both layouts,
/// the fragment normalizer and the validator. Any input may be rejected; none may crash.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzXLSX(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let bytes = Array(UnsafeRawBufferPointer(start: start, count: count))
    _ = TableChecker().check(bytes: bytes, path: "Content/2026/fuzz.xlsx")
    return 0
}
