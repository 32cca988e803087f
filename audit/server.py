"""A static file server that compresses text with gzip, as any real host of the site would.

Lighthouse on Python's plain `http.server` would measure uncompressed transfers that no reader gets.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import threading
from pathlib import Path
from urllib.parse import urlsplit

# What a host such as GitHub Pages compresses; images and fonts are already compressed.
COMPRESSIBLE = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".csv", ".map", ".webmanifest")
CACHE_SECONDS = 600  # GitHub Pages' max-age


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    _compressed: dict[tuple[str, int], bytes] = {}
    _lock = threading.Lock()

    def log_message(self, *args) -> None:  # quiet: Lighthouse makes hundreds of requests
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not urlsplit(self.path).path.endswith("/"):
                return super().send_head()  # its redirect to the address with a trailing slash
            path = path / "index.html"
        wants_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (wants_gzip and path.suffix in COMPRESSIBLE and path.is_file()):
            return super().send_head()
        body = self.compressed(path)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Cache-Control", f"max-age={CACHE_SECONDS}")
        self.end_headers()
        return _Bytes(body)

    @classmethod
    def compressed(cls, path: Path) -> bytes:
        stat = path.stat()
        key = (str(path), stat.st_mtime_ns)
        with cls._lock:
            if key not in cls._compressed:
                cls._compressed[key] = gzip.compress(path.read_bytes(), compresslevel=9, mtime=0)
            return cls._compressed[key]


class _Bytes:
    """The file-like object `SimpleHTTPRequestHandler.copyfile` reads the body from."""

    def __init__(self, data: bytes) -> None:
        self.data = data

    def read(self, size: int = -1) -> bytes:
        data, self.data = (self.data, b"") if size < 0 else (self.data[:size], self.data[size:])
        return data

    def close(self) -> None:
        pass


def serve(directory: Path, port: int = 0) -> tuple[http.server.ThreadingHTTPServer, str]:
    """Serve `directory` with gzip on 127.0.0.1 (a free port by default); returns the server and its URL."""
    handler = functools.partial(GzipHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"
