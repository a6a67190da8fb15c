import Foundation
import PerfsiteCore

/// What the preview server adds to pages, and only the preview server: a script that listens for
/// builds and a style sheet for its error overlay, served under `/_perfsite/`, a prefix no site
/// path can have (site paths are years, department ids, `assets/`, `search/`, `data/`).
///
/// Both are files, not inline code, because the pages' Content-Security-Policy allows scripts and
/// styles from the site's own origin only — the preview obeys the policy the published site has.
public enum LiveReloadAssets {
    public static let prefix = "/_perfsite/"
    public static let scriptPath = "/_perfsite/reload.js"
    public static let stylePath = "/_perfsite/overlay.css"
    public static let eventsPath = "/_perfsite/events"
    public static let errorsPath = "/_perfsite/errors"

    /// The tag put before `</head>` of every HTML response: after the CSP meta, which therefore
    /// applies to it, and `defer` so it never delays the page.
    public static let scriptTag = "<script src=\"\(scriptPath)\" defer></script>"

    /// Adds the script tag to an HTML document: before `</head>`, else before `</body>`, else at
    /// the end. The published file on disk is never changed.
    public static func inject(into html: Data) -> Data {
        let tag = Data(scriptTag.utf8)
        for marker in ["</head>", "</body>"] {
            if let range = html.range(of: Data(marker.utf8)) {
                var result = html
                result.insert(contentsOf: tag, at: range.lowerBound)
                return result
            }
        }
        return html + tag
    }

    /// Listens to `/_perfsite/events`: reloads when the version changes, draws the error overlay
    /// when a build stopped and removes it when one succeeds. EventSource reconnects by itself
    /// after the server restarts; the first status it then receives carries a new version.
    public static let script = #"""
        // perfsite serve: live reload. Served by the preview server only; never part of a published site.
        (function () {
          'use strict';
          var version = null;
          var overlay = null;

          function element(name, className, text) {
            var node = document.createElement(name);
            if (className) node.className = className;
            if (text) node.textContent = text;
            return node;
          }

          function hideOverlay() {
            if (overlay) { overlay.remove(); overlay = null; }
          }

          function showOverlay(status) {
            hideOverlay();
            if (!document.querySelector('link[href="/_perfsite/overlay.css"]')) {
              var style = document.createElement('link');
              style.rel = 'stylesheet';
              style.href = '/_perfsite/overlay.css';
              document.head.appendChild(style);
            }
            overlay = element('section', 'perfsite-overlay');
            overlay.setAttribute('role', 'alert');
            overlay.setAttribute('aria-labelledby', 'perfsite-overlay-title');
            var title = element('h2', null, status.summary);
            title.id = 'perfsite-overlay-title';
            overlay.appendChild(title);
            overlay.appendChild(element('p', null, status.hasSite
              ? '下面显示的是上一次成功构建的页面。改正表格并保存后,页面会自动刷新。'
              : '还没有成功构建过。改正表格并保存后,页面会自动刷新。'));
            if (status.failure) overlay.appendChild(element('pre', null, status.failure));
            var list = element('ol');
            status.diagnostics.forEach(function (entry) {
              var item = element('li', 'perfsite-' + entry.severity);
              item.appendChild(element('code', null, entry.location));
              item.appendChild(document.createTextNode(' ' + entry.severity + '[' + entry.rule + '] '));
              item.appendChild(document.createTextNode(entry.message));
              list.appendChild(item);
            });
            overlay.appendChild(list);
            var close = element('button', null, '关闭');
            close.type = 'button';
            close.addEventListener('click', hideOverlay);
            overlay.appendChild(close);
            document.body.appendChild(overlay);
          }

          var source = new EventSource('/_perfsite/events');
          source.addEventListener('status', function (event) {
            var status = JSON.parse(event.data);
            if (version !== null && status.version !== version && status.ok) {
              location.reload();
              return;
            }
            version = status.version;
            document.documentElement.setAttribute('data-perfsite-version', status.version);
            if (status.ok) hideOverlay(); else showOverlay(status);
          });
        })();

        """#

    public static let style = """
        /* perfsite serve: the build-error overlay. */
        .perfsite-overlay {
          position: fixed; inset: 1rem 1rem auto 1rem; z-index: 2147483647;
          max-height: calc(100vh - 2rem); overflow: auto;
          background: #fff; color: #1a1a1a; border: 3px solid #b00020; border-radius: 6px;
          box-shadow: 0 8px 32px rgba(0, 0, 0, .35); padding: 1rem 1.25rem;
          font: 15px/1.6 system-ui, "Noto Sans CJK SC", sans-serif;
        }
        .perfsite-overlay h2 { margin: 0 0 .5rem; font-size: 1.15rem; color: #b00020; }
        .perfsite-overlay ol { padding-left: 1.5rem; }
        .perfsite-overlay li { margin: .35rem 0; }
        .perfsite-overlay li.perfsite-warning { color: #6b4e00; }
        .perfsite-overlay code, .perfsite-overlay pre {
          font-family: ui-monospace, monospace; background: #f4f4f4; padding: 0 .25rem;
          overflow-wrap: anywhere; white-space: pre-wrap;
        }
        .perfsite-overlay button { font: inherit; padding: .25rem 1rem; }
        .perfsite-errors { max-width: 60rem; margin: 2rem auto; padding: 0 1rem; font: 16px/1.6 system-ui, sans-serif; }
        .perfsite-errors h1 { color: #b00020; font-size: 1.4rem; }

        """

    /// The page for `/_perfsite/errors`, and for every page while no build has published yet.
    public static func errorPage(_ status: PreviewStatus) -> String {
        var items = ""
        for entry in status.diagnostics {
            items +=
                "<li class=\"perfsite-\(entry.severity)\"><code>\(HTMLSerializer.escapeText(entry.location))</code> "
            items +=
                "\(entry.severity)[\(HTMLSerializer.escapeText(entry.rule))] \(HTMLSerializer.escapeText(entry.message))</li>\n"
        }
        let failure = status.failure.map { "<pre>\(HTMLSerializer.escapeText($0))</pre>\n" } ?? ""
        let note =
            status.ok
            ? "最近一次构建成功。" : "改正表格并保存后,这个页面会自动刷新。"
        return """
            <!DOCTYPE html>
            <html lang="zh-CN">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; base-uri 'none'">
            <title>构建结果 · perfsite 预览</title>
            <link rel="stylesheet" href="\(stylePath)">
            </head>
            <body>
            <main class="perfsite-errors">
            <h1>\(HTMLSerializer.escapeText(status.summary))</h1>
            <p>\(note)</p>
            \(failure)<ol>
            \(items)</ol>
            </main>
            </body>
            </html>

            """
    }
}
