import Foundation
import Hummingbird

#if canImport(Glibc)
    import Glibc
#endif

/// Answers every request of the preview: the built site from disk (with the reload script added to
/// HTML), the live-reload files under `/_perfsite/`, and the build errors while there is no site.
/// Written as one responder rather than router routes because every path is a file path: the
/// site's own folders decide what exists, and the resolver decides what may be read.
struct PreviewResponder: HTTPResponder {
    typealias Context = BasicRequestContext

    let resolver: SiteFileResolver
    let hub: LiveReloadHub
    /// Seconds between SSE comments that keep a quiet stream open through proxies and let the
    /// server notice pages that have gone.
    let heartbeat: Duration
    let cache = ServedBytesCache()

    func respond(to request: Request, context: Context) async throws -> Response {
        guard request.method == .get || request.method == .head else {
            return Self.text(
                "只支持 GET 和 HEAD 请求。\n", status: .methodNotAllowed, request: request, extra: [.allow: "GET, HEAD"])
        }
        let target = request.head.path ?? "/"
        let path = String(target.prefix { $0 != "?" })
        if path.hasPrefix(LiveReloadAssets.prefix) { return preview(path, request: request) }

        let status = hub.status
        guard status.hasSite else {
            // Nothing published yet: every address shows the build's state, and reloads with it.
            let page = Data(LiveReloadAssets.errorPage(status).utf8)
            return Self.body(
                LiveReloadAssets.inject(into: page), request: request, status: .serviceUnavailable,
                contentType: SiteFileResolver.contentType(forExtension: "html"))
        }
        switch resolver.resolve(target) {
        case .file(let url, let contentType):
            return serve(url, contentType: contentType, status: .ok, request: request)
        case .redirect(let location):
            return Response(status: .movedPermanently, headers: [.location: location, .contentLength: "0"])
        case .rejected:
            return Self.text("请求的地址无效。\n", status: .badRequest, request: request)
        case .notFound:
            let page = resolver.root.appendingPathComponent("404.html")
            if FileManager.default.fileExists(atPath: page.path) {
                return serve(
                    page, contentType: SiteFileResolver.contentType(forExtension: "html"), status: .notFound,
                    request: request)
            }
            return Self.text("页面不存在。\n", status: .notFound, request: request)
        }
    }

    /// `/_perfsite/…`: the reload script, the overlay style, the event stream and the error page.
    private func preview(_ path: String, request: Request) -> Response {
        switch path {
        case LiveReloadAssets.scriptPath:
            return Self.body(
                Data(LiveReloadAssets.script.utf8), request: request, status: .ok,
                contentType: SiteFileResolver.contentType(forExtension: "js"))
        case LiveReloadAssets.stylePath:
            return Self.body(
                Data(LiveReloadAssets.style.utf8), request: request, status: .ok,
                contentType: SiteFileResolver.contentType(forExtension: "css"))
        case LiveReloadAssets.errorsPath, LiveReloadAssets.errorsPath + "/":
            let page = Data(LiveReloadAssets.errorPage(hub.status).utf8)
            return Self.body(
                LiveReloadAssets.inject(into: page), request: request, status: .ok,
                contentType: SiteFileResolver.contentType(forExtension: "html"))
        case LiveReloadAssets.eventsPath:
            return events(request)
        default:
            return Self.text("页面不存在。\n", status: .notFound, request: request)
        }
    }

    /// The Server-Sent Events stream: the current status at once, then one per build, with a
    /// comment every `heartbeat` in between.
    private func events(_ request: Request) -> Response {
        let headers: HTTPFields = [
            .contentType: "text/event-stream; charset=utf-8", .cacheControl: "no-store",
        ]
        guard request.method == .get else { return Response(status: .ok, headers: headers) }
        let hub = hub
        let heartbeat = heartbeat
        let body = ResponseBody { writer in
            let (lines, continuation) = AsyncStream.makeStream(of: String.self)
            let statuses = Task {
                for await status in hub.listen() { continuation.yield(status.event) }
                continuation.finish()
            }
            let pings = Task {
                while !Task.isCancelled {
                    try? await Task.sleep(for: heartbeat)
                    continuation.yield(": ping\n\n")
                }
            }
            defer {
                statuses.cancel()
                pings.cancel()
            }
            try await writer.write(ByteBuffer(string: "retry: 1000\n\n"))
            for await line in lines {
                try await writer.write(ByteBuffer(string: line))
            }
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: headers, body: body)
    }

    /// A file of the site, with validators; HTML gets the reload script.
    private func serve(_ url: URL, contentType: String, status: HTTPResponse.Status, request: Request) -> Response {
        guard let fileTag = SiteFileResolver.entityTag(for: url) else {
            return Self.text("页面不存在。\n", status: .notFound, request: request)
        }
        let isHTML = contentType.hasPrefix("text/html")
        // The bytes sent differ from the file's when the script is added, so the tag does too.
        let entityTag = isHTML ? String(fileTag.dropLast()) + "-live\"" : fileTag
        var headers: HTTPFields = [.eTag: entityTag, .cacheControl: "no-cache"]
        if status == .ok, Self.matches(request.headers[values: .ifNoneMatch], entityTag) {
            headers[.contentLength] = "0"
            return Response(status: .notModified, headers: headers)
        }
        if let cached = cache.bytes(path: url.path, tag: entityTag) {
            return Self.body(cached, request: request, status: status, contentType: contentType, extra: headers)
        }
        guard let bytes = FileManager.default.contents(atPath: url.path) else {
            return Self.text("页面不存在。\n", status: .notFound, request: request)
        }
        let sent = isHTML ? LiveReloadAssets.inject(into: bytes) : bytes
        cache.store(sent, path: url.path, tag: entityTag)
        return Self.body(sent, request: request, status: status, contentType: contentType, extra: headers)
    }

    /// Whether an If-None-Match header names the tag (weak comparison, as RFC 9110 asks for it).
    static func matches(_ values: [String], _ entityTag: String) -> Bool {
        let wanted = entityTag.hasPrefix("W/") ? String(entityTag.dropFirst(2)) : entityTag
        for value in values {
            for candidate in value.split(separator: ",") {
                var tag = candidate.trimmingCharacters(in: .whitespaces)
                if tag == "*" { return true }
                if tag.hasPrefix("W/") { tag.removeFirst(2) }
                if tag == wanted { return true }
            }
        }
        return false
    }

    private static func body(
        _ bytes: Data, request: Request, status: HTTPResponse.Status, contentType: String, extra: HTTPFields = [:]
    ) -> Response {
        var headers = extra
        headers[.contentType] = contentType
        headers[.contentLength] = String(bytes.count)
        headers[.xContentTypeOptions] = "nosniff"
        if headers[.cacheControl] == nil { headers[.cacheControl] = "no-cache" }
        let body = request.method == .head ? ResponseBody() : ResponseBody(byteBuffer: ByteBuffer(bytes: bytes))
        return Response(status: status, headers: headers, body: body)
    }

    private static func text(
        _ message: String, status: HTTPResponse.Status, request: Request, extra: HTTPFields = [:]
    ) -> Response {
        var headers = extra
        headers[.cacheControl] = "no-store"
        return body(
            Data(message.utf8), request: request, status: status, contentType: "text/plain; charset=utf-8",
            extra: headers)
    }
}
