"""`standards-kg compare`: what the command does once cli.py has parsed its arguments.
Outputs go to a temp file renamed into place, so a failure never leaves half a report."""
from __future__ import annotations

import os
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from kg_builder.config import Settings

from .errors import CompareError

SUFFIXES = {"json": ".json", "md": ".md", "csv": ".csv", "pdf": ".pdf"}


@dataclass(frozen=True)
class CompareArgs:
    file: Path | None
    format: str = "json"           # json | md | csv | pdf
    out: Path | None = None
    into_graph: bool = False
    graph_dir: Path | None = None
    checklist: Path | None = None  # a saved checklist whose hand corrections are kept
    sparql: str | None = None      # a query over the graph and every saved assessment
    quiet: bool = False


def graph_dir_of(args: CompareArgs, settings: Settings) -> Path:
    """--graph-dir, else the settings' assessments_dir ($STANDARDS_KG_ASSESSMENTS, the
    config file, or assessments/): the folder `sparql` and `serve` load too."""
    return Path(args.graph_dir or settings.assessments_dir)


def run(args: CompareArgs, settings: Settings) -> int:
    if args.sparql:
        return _query(args, settings)
    if args.file is None:
        raise CompareError("name the document to compare: standards-kg compare FILE (PDF, DOCX, HTML, MD or TXT)")
    if args.format == "pdf" and args.out is None:
        raise CompareError("a PDF report needs a file: add --out report.pdf")
    from . import compare_file
    from .checklist import carry_over, load_checklist
    from .report import to_csv, to_json_text, to_markdown, to_pdf
    from .standards import load_reference
    progress = None if args.quiet else _progress_bar()
    report = compare_file(args.file, settings, progress=progress)
    if progress:
        progress("done", 1, 1)
    if args.checklist:
        path = Path(args.checklist)
        if not path.is_file():
            raise CompareError(f"{path}: no such checklist file")
        report = carry_over(report, load_checklist(path.read_bytes(), path.name, load_reference(settings.build_dir)))
    render = {"json": to_json_text, "md": to_markdown, "csv": to_csv}
    data = to_pdf(report) if args.format == "pdf" else render[args.format](report).encode("utf-8")
    if args.out:
        write_atomic(Path(args.out), data)
        print(f"wrote {args.out}", file=sys.stderr)
    else:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    s = report.summary()
    print(f"{report.document.file}: {s['addressed']} addressed, {s['partly']} partly, {s['not_found']} not found "
          f"(of {len(report.rows)} standards; {report.document.passage_count} passages)"
          + (f"; may go against {s['goes_against']}: read its passages" if s["goes_against"] else ""), file=sys.stderr)
    if args.into_graph:
        from .into_graph import graph_iri, write_graph
        path = write_graph(report, graph_dir_of(args, settings))
        print(f"named graph <{graph_iri(report)}> written to {path}; query all documents with "
              "standards-kg sparql 'SELECT … WHERE { GRAPH ?g { … } }' (or serve, which loads it at start)", file=sys.stderr)
    return 0


def _query(args: CompareArgs, settings: Settings) -> int:
    """The query runs in a worker process with the time limit, row cap and memory cap of
    `standards-kg sparql` (a runaway query is stopped at its limit with one line), over
    one N-Quads file holding the graph and every saved assessment, the one `sparql` and
    `serve` load (search.engine.dataset_file)."""
    from dataclasses import replace

    from search.engine import dataset_file
    from search.sparql import SparqlExecutor, graph_to_ntriples

    path = dataset_file(replace(settings, assessments_dir=graph_dir_of(args, settings)))
    executor = SparqlExecutor(None, path=path, workers=1, timeout_s=settings.query_timeout_s,
                              max_rows=settings.max_rows)
    try:
        executor.start()   # loading the worker is not part of the query's time limit
        result = executor.query(args.sparql)   # the same read-only checks as `standards-kg sparql`
    finally:
        executor.close()
    if result.kind == "select":
        sys.stdout.write(result.to_delimited("\t" if args.format != "csv" else ","))
    elif result.kind == "ask":
        print("true" if result.boolean else "false")
    else:
        sys.stdout.write(graph_to_ntriples(result.triples))
    if result.truncated:
        print(f"warning: results cut: {result.limit_note(settings.max_rows)}", file=sys.stderr)
    return 0


def write_atomic(path: Path, data: bytes) -> None:
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise CompareError(f"{path}: the folder {folder} does not exist; create it or choose another --out")
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _progress_bar():
    """A tqdm bar per stage on stderr (reading pages, matching passages)."""
    from tqdm import tqdm
    state = {"stage": None, "bar": None}

    def progress(stage: str, done: int, total: int) -> None:
        if stage != state["stage"]:
            if state["bar"] is not None:
                state["bar"].close()
            state["stage"] = stage
            state["bar"] = None if stage == "done" else tqdm(total=total, desc=stage, file=sys.stderr, leave=False)
        if state["bar"] is not None:
            state["bar"].n = done
            state["bar"].refresh()
    return progress
