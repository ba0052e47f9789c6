"""A SPARQL worker process: `python -m search.sparql_worker GRAPH.nt`. It loads the
graph, then answers length-prefixed pickled (query, cap) frames on stdin with
("ok", QueryResult) or ("error", message) frames on stdout. A separate program, not a
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


def main(path: str) -> None:
    import pyoxigraph as ox

    from search.errors import QueryError
    from search.sparql import evaluate
    store = ox.Store()
    store.bulk_load(path=path, format=ox.RdfFormat.N_TRIPLES)
    source, sink = sys.stdin.buffer, sys.stdout.buffer
    sys.stdout = sys.stderr  # nothing but frames on the pipe
    try:
        write_frame(sink, "ready")
        while True:
            message = read_frame(source)
            if message is None:
                return
            query, cap = message
            try:
                reply = ("ok", evaluate(store, query, None, cap, float("inf")))
            except QueryError as exc:
                reply = ("error", str(exc))
            except Exception as exc:  # never leave the caller waiting for an answer
                reply = ("error", f"SPARQL evaluation error: {exc}")
            write_frame(sink, reply)
    except (EOFError, OSError):  # the parent has gone: nothing left to answer
        return


if __name__ == "__main__":
    main(sys.argv[1])
