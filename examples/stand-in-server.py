#!/usr/bin/env python3
"""A stand-in for a dashboards API, for the README's examples: GET /api/dashboards answers in ~12 ms, GET
/api/dashboards/{slug}/overview in ~65 ms with at most 4 at a time (so it queues under load), anything else 404.
Usage: python3 examples/stand-in-server.py [port]   (default 8080)"""
import random
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

OVERVIEW_SLOTS = threading.Semaphore(4)


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self):
        path = self.path.split("?")[0]
        if path == "/api/dashboards":
            time.sleep(random.lognormvariate(-4.45, 0.25))  # median ~12 ms
            self.answer(200, b'[{"slug":"team"}]')
        elif path.startswith("/api/dashboards/") and path.endswith("/overview"):
            with OVERVIEW_SLOTS:
                time.sleep(random.lognormvariate(-2.75, 0.3))  # median ~64 ms
            self.answer(200, b'{"activities":[]}')
        else:
            self.answer(404, b'{"error":"not found"}')

    def answer(self, status, body):
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


if __name__ == "__main__":
    port = int(sys.argv[1]) if len(sys.argv) > 1 else 8080
    ThreadingHTTPServer(("127.0.0.1", port), Handler).serve_forever()
