"""A SPARQL worker process: `python -m search.sparql_worker GRAPH.nt`. It loads the
graph, then answers length-prefixed pickled QueryRequest frames on stdin with
("ok", QueryResult), ("error", message) or ("memory", None) frames on stdout. A separate program, not a
multiprocessing child, so it never re-imports the parent's main script (Streamlit runs
the app as __main__)."""
from __future__ import annotations

import pickle
import struct
import sys

HEADER = struct.Struct("!Q")


def write_frame(stream, obj) -> None:
    data = pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(HEADER.pack(len(data)) + data)
    stream.flush()


def read_frame(stream):
    header = stream.read(HEADER.size)
    if len(header) < HEADER.size:
        raise EOFError("the other side closed the pipe")
    (size,) = HEADER.unpack(header)
    data = stream.read(size)
    if len(data) < size:
        raise EOFError("the other side closed the pipe")
    return pickle.loads(data)


def main(path: str, memory_mb: int, nice: int = 0) -> None:
    import os

    import pyoxigraph as ox
    if nice:
        os.nice(nice)

    from search.errors import QueryError
    from search.sparql import evaluate, rdf_format
    store = ox.Store()
    store.bulk_load(path=path, format=rdf_format(path))
    source, sink = sys.stdin.buffer, sys.stdout.buffer
    sys.stdout = sys.stderr  # nothing but frames on the pipe
    no_new_descriptors(store)
    cap_memory(memory_mb)
    try:
        write_frame(sink, "ready")
        while True:
            request = read_frame(source)
            if request is None:
                return
            try:
                result = evaluate(store, request, None, float("inf"))
                reply = ("ok", result)
                if result.elapsed_ms > 50 or len(result.rows) + len(result.triples) > 1000:
                    give_back_memory()
            except QueryError as exc:
                reply = ("error", str(exc))
            except MemoryError:
                write_frame(sink, ("memory", None))
                return  # the caller replaces this process
            except Exception as exc:  # never leave the caller waiting for an answer
                reply = ("error", f"SPARQL evaluation error: {exc}")
            write_frame(sink, reply)
    except (EOFError, OSError):  # the parent has gone: nothing left to answer
        return


_malloc_trim = None


def give_back_memory() -> None:
    """Return freed heap to the system after a large query (glibc keeps it otherwise,
    and a worker's memory would only ever grow)."""
    if _malloc_trim is not None:
        _malloc_trim(0)


def cap_memory(memory_mb: int) -> None:
    """Past `memory_mb` of address space an allocation fails: pyoxigraph (Rust) then
    aborts the process, Python raises MemoryError; either way the parent sees it and
    starts a fresh worker, and the machine keeps its memory."""
    import resource
    limit = memory_mb * 2**20
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def no_new_descriptors(store) -> None:
    """From here on this process cannot open a socket, a file or a pipe: the lowest free
    descriptor number becomes the limit. The executor refuses SERVICE before a query
    gets here; this makes sure that no query, however written, can make the engine
    connect anywhere (SERVICE, or anything a later pyoxigraph fetches). Every query
    form runs once first, so nothing evaluation needs is opened later."""
    import os
    import resource

    from search.sparql import QueryRequest, evaluate
    for warm_up in ("SELECT (BNODE() AS ?b) (UUID() AS ?u) (RAND() AS ?r) (NOW() AS ?n) "
                    "(REGEX('a', '^a', 'i') AS ?x) (SHA256('a') AS ?h) {}",
                    "ASK {}", "CONSTRUCT { _:b <urn:p> 1 } WHERE {}", "DESCRIBE <urn:x>"):
        pickle.dumps(evaluate(store, QueryRequest(warm_up, 1), None, float("inf")))
    global _malloc_trim
    try:
        import ctypes
        _malloc_trim = ctypes.CDLL(None).malloc_trim  # glibc; found now, while files can still be opened
    except (OSError, AttributeError):
        _malloc_trim = None
    lowest_free = os.open(os.devnull, os.O_RDONLY)
    os.close(lowest_free)
    resource.setrlimit(resource.RLIMIT_NOFILE, (lowest_free, lowest_free))


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 1024, int(sys.argv[3]) if len(sys.argv) > 3 else 0)
