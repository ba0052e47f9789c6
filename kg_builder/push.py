"""`standards-kg push`: load the built graph into an existing SPARQL 1.1 store through
the Graph Store HTTP Protocol. One PUT replaces the named graph as a whole, so readers
see the old graph or the new one, never half of each."""
from __future__ import annotations

from pathlib import Path

from .config import GRAPH_IRI
from .errors import PushError


def store_auth(url: str, user: str | None, password: str | None):
    """Basic or Digest credentials, whichever the store asks for (Virtuoso: Digest)."""
    if not user:
        return None
    import requests
    from requests.auth import HTTPBasicAuth, HTTPDigestAuth
    try:
        challenge = requests.head(url, timeout=30).headers.get("WWW-Authenticate", "")
    except requests.RequestException as exc:
        raise PushError(f"cannot reach the graph store at {url}: {exc}") from None
    cls = HTTPDigestAuth if challenge.lower().startswith("digest") else HTTPBasicAuth
    return cls(user, password or "")


def push_graph(build_dir: Path, store_url: str, *, graph: str = GRAPH_IRI, user: str | None = None,
               password: str | None = None, timeout_s: float = 300) -> int:
    """PUT build/kg.nt as the named graph `graph` of the store; returns the triple count."""
    import requests
    source = build_dir / "kg.nt"
    if not source.is_file():
        raise PushError(f"{source} is missing: run `standards-kg build` first")
    data = source.read_bytes()
    try:
        r = requests.put(store_url, params={"graph": graph}, data=data, timeout=timeout_s,
                         headers={"Content-Type": "application/n-triples"},
                         auth=store_auth(store_url, user, password))
    except requests.RequestException as exc:
        raise PushError(f"cannot reach the graph store at {store_url}: {exc}") from None
    if r.status_code in (401, 403):
        raise PushError(f"the graph store at {store_url} refused the upload ({r.status_code}): "
                        "give --user and --password (or STANDARDS_KG_STORE_PASSWORD) of an account "
                        "allowed to write graphs")
    if not 200 <= r.status_code < 300:
        raise PushError(f"the graph store at {store_url} answered {r.status_code}: {r.text[:300].strip()}")
    return data.count(b"\n")
