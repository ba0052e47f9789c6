"""Per-request latency of `standards-kg serve` on a kept-alive connection beside a new
connection per request, to look for the 40 ms stalls that Nagle's algorithm and
delayed ACKs cause when one side writes a message in two small pieces.

Two servers, old (tcp_quickack off: the kernel's delayed ACKs) and new; for each request kind (GET /health, a one-row SELECT, a 500-row SELECT,
a POST form) 60 requests over one kept-alive connection and 60 over a new connection
each. The client is a raw socket that writes the request head and body in separate
writes, with Nagle on (the worst case a client can be) and off. Reported: the median
and p90 in ms, and how many requests took 35 ms or more longer than the median (a
stall). Writes benchmarks/results/endpoint_keepalive.{json,md}. Nothing is asserted."""
from __future__ import annotations

import os
import socket
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import quote, urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))
sys.path.append(str(ROOT / "benchmarks"))
N = 60
STALL_MS = 35  # a delayed ACK is held 40 ms on Linux


def _request(kind: str) -> tuple[bytes, bytes]:
    """Head and body of one HTTP/1.1 request."""
    if kind == "POST form":
        body = urlencode({"query": "ASK { ?s ?p ?o }"}).encode()
        return (b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                b"Content-Length: " + str(len(body)).encode() + b"\r\n\r\n"), body
    path = {"GET /health": "/health",
            "GET 1-row SELECT": "/sparql?query=" + quote("SELECT ?s WHERE { ?s ?p ?o } LIMIT 1"),
            "GET 500-row SELECT": "/sparql?query=" + quote("SELECT * WHERE { ?s ?p ?o } LIMIT 500")}[kind]
    return f"GET {path} HTTP/1.1\r\nHost: x\r\nAccept: application/sparql-results+json\r\n\r\n".encode(), b""


def _read_response(sock: socket.socket, buffer: bytearray) -> None:
    while b"\r\n\r\n" not in buffer:
        buffer += sock.recv(65536)
    head, _, rest = bytes(buffer).partition(b"\r\n\r\n")
    length = next(int(line.split(b":")[1]) for line in head.split(b"\r\n") if line.lower().startswith(b"content-length"))
    while len(rest) < length:
        rest += sock.recv(65536)
    buffer[:] = rest[length:]


def _connect(port: int, nodelay: bool) -> socket.socket:
    sock = socket.create_connection(("127.0.0.1", port))
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, int(nodelay))
    return sock


def measure(port: int, kind: str, keep_alive: bool, nodelay: bool) -> dict:
    head, body = _request(kind)
    times = []
    sock, buffer = _connect(port, nodelay), bytearray()
    for i in range(N + 3):
        if not keep_alive and i:
            sock.close()
            sock, buffer = _connect(port, nodelay), bytearray()
        started = time.perf_counter()
        sock.sendall(head)
        if body:
            sock.sendall(body)  # a second write: with Nagle on, held until the head is ACKed
        _read_response(sock, buffer)
        if i >= 3:  # the first requests warm up the connection and the caches
            times.append((time.perf_counter() - started) * 1000)
    sock.close()
    median = statistics.median(times)
    return {"median_ms": round(median, 1), "p90_ms": round(sorted(times)[int(0.9 * (len(times) - 1))], 1),
            "stalls": sum(t > median + STALL_MS for t in times)}


def main() -> None:
    from report import write_results
    from servers import free_port, start, stop
    rows = {}
    # Old beside new, in one run: the kernel's delayed ACKs (tcp_quickack off), then ours.
    for server, quickack in (("old", "0"), ("new", "1")):
        port = free_port()
        proc = start([sys.executable, "-m", "cli", "serve", "--port", str(port)], f"http://127.0.0.1:{port}/health",
                     cwd=ROOT, env={**os.environ, "HF_HUB_OFFLINE": "1", "STANDARDS_KG_TCP_QUICKACK": quickack})
        try:
            for kind in ("GET /health", "GET 1-row SELECT", "GET 500-row SELECT", "POST form"):
                for nodelay in (False, True):
                    for keep_alive in (True, False):
                        name = (f"{kind}, {'kept-alive' if keep_alive else 'new'} connection, client Nagle "
                                f"{'off' if nodelay else 'on'}")
                        rows.setdefault(name, {})[server] = r = measure(port, kind, keep_alive, nodelay)
                        print(server, name, r, flush=True)
        finally:
            stop(proc)
    text = (f"Per-request latency in ms, {N} requests each (load average {os.getloadavg()[0]:.1f}), old (the kernel's "
            f"delayed ACKs) beside new (tcp_quickack); a stall: {STALL_MS} ms or more over the median\n"
            + "".join(f"{name}: median {r['old']['median_ms']} -> {r['new']['median_ms']}, p90 {r['old']['p90_ms']} -> "
                      f"{r['new']['p90_ms']}, stalls {r['old']['stalls']} -> {r['new']['stalls']}\n"
                      for name, r in rows.items()))
    write_results("endpoint_keepalive", {"requests_each": N, "stall_ms": STALL_MS, "rows": rows}, text)


if __name__ == "__main__":
    main()
