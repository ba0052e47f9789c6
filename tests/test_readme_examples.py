"""The README's example queries on the built graph: each returns rows, none twice."""
from __future__ import annotations

from collections import Counter

import pytest


@pytest.fixture(scope="module")
def store(built):
    import pyoxigraph as ox
    st = ox.Store()
    with open(built.build_dir / "kg.nt", "rb") as f:
        st.load(f, format=ox.RdfFormat.N_TRIPLES)
    return st


def test_no_readme_example_returns_a_row_twice(store, readme_queries):
    from search.sparql import PREFIX_HEADER
    assert len(readme_queries) >= 10
    for title, query in readme_queries:
        rows = [tuple(None if v is None else str(v) for v in r) for r in store.query(PREFIX_HEADER + query)]
        assert rows, title
        twice = [row for row, n in Counter(rows).items() if n > 1]
        assert not twice, f"{title}: {len(twice)} rows repeated, e.g. {twice[0]}"
