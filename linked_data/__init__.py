"""Linked data for researchers: dereferenceable IRIs with content negotiation
(`routes`, `describe`, `views`, `pages`, `formats`), curated terminology mappings (`mappings`), the
build's DCAT/VoID description with its version and input checksums (`void`), the
ontology's pyLODE documentation (`ontology_docs`), the YASGUI query editor at / and
`standards-kg diff` between two builds (`diff`).

Nothing here imports the search engine at import time; the build calls
`build_hooks.add_to_graph` and `build_hooks.write_docs`."""
