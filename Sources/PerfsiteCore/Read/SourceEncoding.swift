/// The text encodings budget exports arrive in. Chinese Windows tools write GB18030/GBK; Excel's
/// "Unicode text" is UTF-16 with a byte-order mark; everything newer is UTF-8, with or without BOM.
public enum SourceEncoding: String, Sendable, Codable {
    case utf8 = "UTF-8"
    case utf8WithBOM = "UTF-8 (BOM)"
    case utf16LittleEndian = "UTF-16LE"
    case utf16BigEndian = "UTF-16BE"
    case gb18030 = "GB18030"
}
