"""Locust peer of bench/loadgen-service-throughput.sh: N FastHttpUsers looping GET / without waiting, one process.

The run lasts BENCH_WARMUP + the measured seconds (--run-time); statistics are reset when the warm-up ends, and
the request count from then on, over the time actually elapsed, is printed as "== locust rps=<n> ...".
"""
import os
import time

import gevent
from locust import FastHttpUser, constant, events, task

WARMUP = float(os.environ.get("BENCH_WARMUP", "3"))
_measure = {"from": None}


class Closed(FastHttpUser):
    wait_time = constant(0)

    @task
    def get_root(self):
        self.client.get("/")


@events.test_start.add_listener
def _start(environment, **_kwargs):
    def reset():
        environment.runner.stats.reset_all()
        _measure["from"] = time.monotonic()

    gevent.spawn_later(WARMUP, reset)


@events.test_stop.add_listener
def _report(environment, **_kwargs):
    started = _measure["from"]
    if started is None:
        print("== locust rps=0 (the run ended before the warm-up did)", flush=True)
        return
    total = environment.runner.stats.total
    elapsed = time.monotonic() - started
    print(f"== locust rps={round(total.num_requests / elapsed)} requests={total.num_requests} "
          f"failures={total.num_failures} seconds={elapsed:.1f} warmup={WARMUP:g}", flush=True)
