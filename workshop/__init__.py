"""Workshop kit for trainers: handouts, slides, quizzes, an offline copy of the graph
and a collection of pinned items, all quoted verbatim from the graph and cited.

Flow: the graph (SPARQL) -> catalogue.load() -> Catalogue (dataclasses) ->
topics.resolve() -> Topic -> handout / slides / quiz renderers -> output.write_atomic.
Heavy libraries (weasyprint, python-pptx, python-docx) load only in the renderer that
needs them."""
