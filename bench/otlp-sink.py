#!/usr/bin/env python3
"""An OTLP/HTTP endpoint that accepts spans and discards them (127.0.0.1 only), so that a benchmark can
measure what exporting costs the services without a collector's own cost on the same cores.
Usage: bench/otlp-sink.py [port] [seconds]   (default 4318, stops by itself after 1800 s)."""
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PORT = int(sys.argv[1]) if len(sys.argv) > 1 else 4318
LIFETIME = float(sys.argv[2]) if len(sys.argv) > 2 else 1800.0
received = {"requests": 0, "bytes": 0}


class Sink(BaseHTTPRequestHandler):
    def do_POST(self):
        length = int(self.headers.get("Content-Length", "0"))
        self.rfile.read(length)
        received["requests"] += 1
        received["bytes"] += length
        # An empty body is a valid ExportTraceServiceResponse (every field at its default).
        self.send_response(200)
        self.send_header("Content-Type", "application/x-protobuf")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


server = ThreadingHTTPServer(("127.0.0.1", PORT), Sink)
threading.Timer(LIFETIME, server.shutdown).start()
try:
    server.serve_forever()
finally:
    print(f"otlp-sink: {received['requests']} export requests, {received['bytes']} bytes", flush=True)
