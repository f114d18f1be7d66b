#!/usr/bin/env python3
"""Writes the README's `perfplane analyze` example: a k6 `--out json` results file of a 2-minute run 400 days ago
at 50 requests/s (GET /api/items/{id} and POST /api/cart), with a 30 s slowdown of POST /api/cart and errors near
1 %, gzipped. Deterministic (seeded). Usage: python3 examples/make-k6-results.py results.json.gz"""
import datetime
import gzip
import json
import random
import sys

random.seed(7)
start = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0) - datetime.timedelta(days=400)
points = []


def point(metric, when, value, tags):
    points.append(json.dumps({"type": "Point", "metric": metric,
                              "data": {"time": when.isoformat().replace("+00:00", "Z"), "value": value,
                                       "tags": tags}}, separators=(",", ":")))


for i in range(6000):
    offset = i * 0.02  # 50 requests/s for 120 s
    cart = i % 3 == 2
    slow = cart and 60 <= offset < 90
    median = 240 if slow else (70 if cart else 25)
    duration = random.lognormvariate(0, 0.35) * median
    waiting = duration * 0.8
    failed = random.random() < (0.016 if cart else 0.006)
    status = 500 if failed else 200
    name = "POST /api/cart" if cart else "GET /api/items/{id}"
    tags = {"name": name, "method": "POST" if cart else "GET", "status": str(status),
            "scenario": "shop", "expected_response": "false" if failed else "true"}
    end = start + datetime.timedelta(seconds=offset, milliseconds=duration)
    point("http_reqs", end, 1, tags)
    point("http_req_duration", end, round(duration, 3), tags)
    point("http_req_waiting", end, round(waiting, 3), tags)
    point("http_req_failed", end, 1 if failed else 0, tags)

with gzip.open(sys.argv[1] if len(sys.argv) > 1 else "results.json.gz", "wt") as out:
    out.write("\n".join(points) + "\n")
