"""A built site on this computer, as a static host would serve it.

`python build.py serve` uses it for the guide, and the tests and benchmarks for the sites
they build. It sends the types module scripts, WebAssembly and the manifest need, and the
headers in the site's `_headers` file (the Content-Security-Policy with framing forbidden).
"""
from __future__ import annotations

import functools
import sys
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from pcsp_guide.csp import HEADERS_FILE, read_headers_file


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
