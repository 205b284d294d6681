#!/usr/bin/env python3
"""One order at a time (closed loop, no concurrency): POST /orders to the Store Manager, then GET /orders/{id}
every 5 ms until the saga has ended; prints p50/p90/p99/max of that time. A measure of one saga's latency on an
idle stack, for comparisons on one machine (bench/tracing-overhead.sh), not of throughput.
It creates a user and a product with enough stock (SKU saga-probe-<time>), and deletes its orders, the product and
the user at the end. Usage: bench/saga-probe.py <store url> <manager token> [orders=200] [timeout s=120]"""
import json
import sys
import time
import urllib.request

url, token = sys.argv[1], sys.argv[2]
count = int(sys.argv[3]) if len(sys.argv) > 3 else 200
deadline = time.monotonic() + (float(sys.argv[4]) if len(sys.argv) > 4 else 120.0)
headers = {"Authorization": "Bearer " + token, "Content-Type": "application/json"}


def call(method, path, body=None):
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url + path, data=data, method=method, headers=headers)
    with urllib.request.urlopen(request, timeout=10) as answer:
        return json.load(answer) if answer.status != 204 else None


tag = f"saga-probe-{int(time.time())}"
user = call("POST", "/users", {"name": "Saga Probe", "email": tag + "@example.com"})["user_id"]
product = call("POST", "/products", {"name": "Saga Probe", "sku": tag, "price": "1.00"})["product_id"]
call("POST", "/stocks", {"product_id": product, "quantity": count + 10})


took, placed = [], []
for _ in range(count):
    if time.monotonic() > deadline:
        break
    start = time.perf_counter()
    order = call("POST", "/orders", {"user_id": user, "items": [{"product_id": product, "quantity": 1}]})
    while call("GET", f"/orders/{order['order_id']}")["saga_state"] not in ("COMPLETED", "CANCELLED"):
        if time.monotonic() > deadline:
            sys.exit("saga-probe: an order did not end before the deadline")
        time.sleep(0.005)
    took.append((time.perf_counter() - start) * 1000)
    placed.append(order["order_id"])

for order_id in placed:
    call("DELETE", f"/orders/{order_id}")
call("DELETE", f"/products/{product}")
call("DELETE", f"/users/{user}")

took.sort()
pick = lambda q: took[min(len(took) - 1, int(q * len(took)))]
print(f"saga-probe: {len(took)} orders one at a time, POST to saga ended: p50 {pick(0.5):.1f} ms, "
      f"p90 {pick(0.9):.1f} ms, p99 {pick(0.99):.1f} ms, max {took[-1]:.1f} ms")
