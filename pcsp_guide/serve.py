"""A built site on this computer, as a static host would serve it.

`python build.py serve` uses it for the guide, and the tests and benchmarks for the sites
they build. It sends the types module scripts, WebAssembly and the manifest need, the
headers in the site's `_headers` file (the Content-Security-Policy with framing forbidden),
and text, scripts and WebAssembly gzip-compressed, as static hosts do.
"""
from __future__ import annotations

import email.utils
import functools
import gzip
import io
import os
import sys
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from pcsp_guide.csp import HEADERS_FILE, read_headers_file

# What a static host compresses: text and WebAssembly (Pyodide's 9 MB module shrinks to a third).
# Wheels and the standard library are zip files already.
COMPRESSED = ("text/", "application/javascript", "application/json", "application/manifest+json",
              "application/wasm", "application/xml", "image/svg+xml")


@functools.lru_cache(maxsize=256)
def _gzipped(path: str, mtime_ns: int, size: int) -> bytes:
    # Keyed by mtime and size too, so a rebuilt file is compressed afresh.
    with open(path, "rb") as f:
        return gzip.compress(f.read(), compresslevel=6, mtime=0)


class SiteRequestHandler(SimpleHTTPRequestHandler):
    """Static files with the types module scripts, wasm and the manifest need."""

    extensions_map = {
        **SimpleHTTPRequestHandler.extensions_map,
        ".html": "text/html; charset=utf-8",  # matches the pages' <meta charset>
        ".js": "text/javascript",  # module scripts are refused under other types
        ".mjs": "text/javascript",
        ".wasm": "application/wasm",  # WebAssembly.instantiateStreaming needs it
        ".json": "application/json",
        ".webmanifest": "application/manifest+json",
        ".whl": "application/octet-stream",
        ".zip": "application/octet-stream",
    }
    quiet = False

    def send_head(self):  # type: ignore[no-untyped-def]
        """As SimpleHTTPRequestHandler, but gzip what a host would compress, when the browser accepts it."""
        path = self.translate_path(self.path)
        if os.path.isdir(path) and self.path.split("?", 1)[0].split("#", 1)[0].endswith("/"):
            path = os.path.join(path, "index.html")
        content_type = self.guess_type(path)
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (accepts and os.path.isfile(path) and content_type.startswith(COMPRESSED)):
            return super().send_head()
        stat = os.stat(path)
        if self._not_modified(stat.st_mtime):
            self.send_response(HTTPStatus.NOT_MODIFIED)
            self.end_headers()
            return None
        body = _gzipped(path, stat.st_mtime_ns, stat.st_size)
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Last-Modified", self.date_time_string(int(stat.st_mtime)))
        self.end_headers()
        return io.BytesIO(body)

    def _not_modified(self, mtime: float) -> bool:
        since = self.headers.get("If-Modified-Since")
        if not since or "If-None-Match" in self.headers:
            return False
        try:
            when = email.utils.parsedate_to_datetime(since)
        except (TypeError, ValueError, IndexError, OverflowError):
            return False
        return when is not None and int(mtime) <= when.timestamp()

    def end_headers(self) -> None:
        # Revalidate every time, so a rebuild is seen at once (304 when unchanged).
        self.send_header("Cache-Control", "no-cache")
        # The headers a real host would send (read each time: serve starts before the build).
        headers = Path(self.directory) / HEADERS_FILE
        if headers.is_file():
            for name, value in read_headers_file(headers.read_text(encoding="utf-8")):
                self.send_header(name, value)
        super().end_headers()

    def log_message(self, format: str, *args) -> None:
        if not self.quiet:
            super().log_message(format, *args)


def serve(directory: Path, port: int = 8000, quiet: bool = False) -> ThreadingHTTPServer:
    """An HTTP server for directory on 127.0.0.1:port (0 picks a free port).

    Call serve_forever() on it (or run that in a thread), then shutdown().
    """
    handler_class = type("Handler", (SiteRequestHandler,), {"quiet": quiet})
    handler = functools.partial(handler_class, directory=str(directory))
    return _SiteServer(("127.0.0.1", port), handler)


class _SiteServer(ThreadingHTTPServer):
    def handle_error(self, request, client_address) -> None:  # type: ignore[no-untyped-def]
        # A browser that goes away mid-download (a closed tab) is not an error worth a traceback.
        if isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            return
        super().handle_error(request, client_address)
