"""Local server processes for the tests and benchmarks: a free loopback port, start a
command and wait until a URL answers, stop it for sure."""
from __future__ import annotations

import shutil
import socket
import subprocess
import tempfile
import threading
import time
from pathlib import Path

import requests


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(cmd: list[str], ready_url: str, *, env: dict | None = None, cwd=None, timeout_s: float = 120,
          params: dict | None = None) -> subprocess.Popen:
    """Start `cmd` and return once `ready_url` answers 200; raise with its output if it
    exits or does not come up in time."""
    # Output to a file, not a pipe nobody reads: a chatty server would block on a full pipe.
    log = tempfile.TemporaryFile(mode="w+")
    proc = subprocess.Popen(cmd, env=env, cwd=cwd, stdout=log, stderr=subprocess.STDOUT, text=True)
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        try:
            if requests.get(ready_url, params=params, timeout=2).ok:
                return proc
        except requests.RequestException:
            pass
        if proc.poll() is not None:
            log.seek(0)
            raise RuntimeError(f"{cmd[0]} exited ({proc.returncode}): {log.read()[-3000:]}")
        time.sleep(0.2)
    stop(proc)
    raise RuntimeError(f"{' '.join(cmd)} did not answer at {ready_url} within {timeout_s:g} s")


def start_app(build_dir: Path) -> tuple[subprocess.Popen, str]:
    """`streamlit run app.py` over a build, on a free loopback port: the process and its URL."""
    import os
    import sys
    root = Path(__file__).resolve().parent.parent
    port = free_port()
    env = {**os.environ, "STANDARDS_KG_BUILD": str(build_dir), "HF_HUB_OFFLINE": "1",
           "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false"}
    url = f"http://127.0.0.1:{port}"
    proc = start([sys.executable, "-m", "streamlit", "run", str(root / "app.py"), "--server.headless", "true",
                  "--server.address", "127.0.0.1", "--server.port", str(port)], f"{url}/_stcore/health",
                 env=env, cwd=root)
    return proc, url


def stop(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=10)


VIRTUOSO_INI = """[Database]
DatabaseFile = {d}/virtuoso.db
ErrorLogFile = {d}/virtuoso.log
LockFile = {d}/virtuoso.lck
TransactionFile = {d}/virtuoso.trx
xa_persistent_file = {d}/virtuoso.pxa
[TempDatabase]
DatabaseFile = {d}/virtuoso-temp.db
TransactionFile = {d}/virtuoso-temp.trx
[Parameters]
ServerPort = {sql_port}
DisableUnixSocket = 1
DirsAllowed = ., {d}
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
[HTTPServer]
ServerPort = {http_port}
ServerRoot = /var/lib/virtuoso-opensource-7/vsp
ServerThreads = 10
[SPARQL]
ResultSetMaxRows = 100000
MaxQueryExecutionTime = 30
"""


def start_virtuoso(folder: Path) -> tuple[subprocess.Popen, dict]:
    """Debian's Virtuoso with a fresh database in `folder`, on free loopback ports.
    Returns the process and its SPARQL and Graph Store (authenticated) URLs."""
    binary = shutil.which("virtuoso-t")
    if not binary:
        raise RuntimeError("virtuoso-t is missing: `make test` installs Debian's virtuoso-opensource")
    http_port = free_port()
    ini = folder / "virtuoso.ini"
    ini.write_text(VIRTUOSO_INI.format(d=folder, sql_port=free_port(), http_port=http_port))
    base = f"http://127.0.0.1:{http_port}"
    try:
        proc = start([binary, "+foreground", "+configfile", str(ini)], f"{base}/sparql", cwd=folder,
                     params={"query": "ASK {}"})
    except RuntimeError as exc:
        log = folder / "virtuoso.log"
        raise RuntimeError(f"{exc}\n{log.read_text()[-2000:] if log.exists() else ''}") from exc
    return proc, {"sparql": f"{base}/sparql", "store": f"{base}/sparql-graph-crud-auth"}


def tree_rss_mb(pid: int) -> float:
    """Resident memory of a process and all its descendants (the endpoint's query
    workers are child processes), from /proc."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    total_kb, todo = 0, [pid]
    while todo:
        p = todo.pop()
        todo += children.get(p, [])
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total_kb += int(line.split()[1])
        except OSError:
            pass
    return total_kb / 1024


def client_session(source_ip: str = "127.0.0.1"):
    """A requests session whose connections come from `source_ip` (any 127.x.y.z is this
    machine): the endpoint tells clients apart by address, so tests and benchmarks can
    play several clients."""
    from requests.adapters import HTTPAdapter

    class SourceAddressAdapter(HTTPAdapter):
        def init_poolmanager(self, *args, **kwargs):
            kwargs["source_address"] = (source_ip, 0)
            super().init_poolmanager(*args, **kwargs)

    session = requests.Session()
    session.mount("http://", SourceAddressAdapter())
    return session


class DatasetEngine:
    """What `endpoint.create_app` needs of an engine, over one graph file (N-Triples, or
    N-Quads for named graphs) and the real executor with its worker processes: for
    endpoint tests that need a dataset of their own. `/ask` runs one of the engine's
    own (trusted, in-process) queries and says how many triples it counted."""

    def __init__(self, path: Path, *, workers: int = 2, timeout_s: float = 10.0, max_rows: int = 10_000,
                 worker_memory_mb: int = 1024, **settings):
        from search.sparql import SparqlExecutor
        self.sparql = SparqlExecutor.from_ntriples(path, workers=workers, timeout_s=timeout_s, max_rows=max_rows,
                                                   worker_memory_mb=worker_memory_mb,
                                                   **({"max_result_bytes": settings["max_result_bytes"]}
                                                      if "max_result_bytes" in settings else {}))
        self.manifest = {"triples": len(self.sparql.store)}
        self.build_info = {}
        from kg_builder.config import Settings
        # Nothing built there: pages that need it say so. Other settings: the endpoint's limits.
        self.settings = Settings(build_dir=path.parent, **settings)

    def ask(self, question: str, k: int = 5) -> dict:
        from search.errors import BadQuestionError
        if not question.strip():
            raise BadQuestionError("the question is empty")
        n = self.sparql.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", trusted=True).rows[0][0].value
        return {"question": question, "triples": int(n)}


class ThreadServer:
    """An ASGI app served by uvicorn on a free loopback port, in a thread of this process."""

    def __init__(self, app):
        import uvicorn
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(1024)
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}"
        self.server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="on"))
        self.thread = threading.Thread(target=self.server.run, kwargs={"sockets": [self.sock]}, daemon=True)
        self.thread.start()
        deadline = time.monotonic() + 60
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the test server did not start")
            time.sleep(0.05)

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=30)
        self.sock.close()


class Listener:
    """A TCP listener on loopback that records every connection made to it."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(64)
        self.sock.settimeout(0.2)
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}"
        self.connections: list[bytes] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    def _accept(self):
        while not self._stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            with conn:
                conn.settimeout(1)
                try:
                    self.connections.append(conn.recv(200) or b"(connected)")
                except OSError:
                    self.connections.append(b"(connected)")
                # Answer like a SPARQL endpoint would, so a fetch that got through
                # would also show its body coming back to the client.
                try:
                    conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/sparql-results+json\r\n"
                                 b"Content-Length: 60\r\n\r\n"
                                 b'{"head":{"vars":["leak"]},"results":{"bindings":[]}}        ')
                except OSError:
                    pass

    def close(self):
        self._stop.set()
        self._thread.join(timeout=2)
        self.sock.close()


def rss_mb(pid: int, kind: str = "VmRSS") -> float:
    """Resident memory of one process, from /proc: all of it (VmRSS), or only its
    anonymous memory (RssAnon: heap and the like, not pages of mapped files such as
    model weights, which the kernel can drop and read again)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(f"{kind}:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0
