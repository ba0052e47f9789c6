"""`standards-kg`: the command line. It parses arguments and calls kg_builder and
search; errors reach the user as one line and an exit code, never a traceback."""
from __future__ import annotations

import argparse
import json
import os
import sys
import warnings
from pathlib import Path

from kg_builder.config import Settings
from kg_builder.errors import StandardsKGError
from kg_builder.options import at_least_one, seconds
from workshop.commands import add_commands as add_workshop_commands


def _setting_options(args) -> dict:
    """`--setting NAME VALUE` options as Settings overrides, typed like the config file's values."""
    from dataclasses import fields

    from kg_builder.config import _typed
    known = {f.name: f for f in fields(Settings) if f.name != "tuning"}
    out = {}
    for name, value in getattr(args, "setting", None) or []:
        if name not in known:
            raise StandardsKGError(f"--setting {name}: no such setting; known: {', '.join(sorted(known))}")
        out[name] = _typed(known[name], value, f"--setting {name}", StandardsKGError)
    return out


def _settings(args) -> Settings:
    named = dict(build_dir=Path(args.build_dir) if getattr(args, "build_dir", None) else None,
                 corpus_dir=Path(args.corpus) if getattr(args, "corpus", None) else None,
                 model=getattr(args, "model", None),
                 sparql_endpoint=getattr(args, "sparql_endpoint", None),
                 sparql_graph=getattr(args, "graph", None),
                 # None when not given: the environment, the config file or the default decides.
                 query_timeout_s=getattr(args, "timeout", None),
                 max_rows=getattr(args, "max_rows", None))
    # A named option (--timeout) and --setting for the same field: the named one wins.
    return Settings.from_env(**{**_setting_options(args), **{k: v for k, v in named.items() if v is not None}})


def cmd_build(args) -> int:
    from tqdm import tqdm

    from kg_builder.pipeline import build
    bar = tqdm(total=5, desc="build", unit="stage", file=sys.stderr, disable=args.quiet)

    def progress(stage, i, n):
        bar.set_description(f"build: {stage}")
        bar.n = i
        bar.refresh()

    result = build(_settings(args), progress=progress)
    bar.n = 5
    bar.close()
    m = result.manifest
    print(f"Built {result.build_dir} in {result.seconds:.1f} s", file=sys.stderr)
    print(f"  documents: {len(m['documents'])}   passages: {m['passages']}   triples: {m['triples']}")
    for d in m["documents"]:
        print(f"    {d['id']:<24} {d['passages']:>4} passages  {d['sections']:>4} sections")
    print("  entities per class:")
    for cls, n in m["classes"].items():
        print(f"    skg:{cls:<30} {n:>5}")
    return 0


def _read_query(args) -> str:
    if args.file:
        path = Path(args.file)
        if not path.is_file():
            raise StandardsKGError(f"{path}: no such query file")
        return path.read_text(encoding="utf-8")
    if args.query is None or args.query == "-":
        return sys.stdin.read()
    return args.query


def cmd_sparql(args) -> int:
    import dataclasses

    from search.engine import check_artifacts, open_executor
    from search.sparql import graph_to_ntriples
    settings = dataclasses.replace(_settings(args), sparql_workers=1)
    executor = open_executor(settings, check_artifacts(settings))
    try:
        result = executor.query(_read_query(args))
    finally:
        executor.close()
    if result.kind == "graph":
        sys.stdout.write(graph_to_ntriples(result.triples))
    elif args.format == "json":
        print(json.dumps(result.to_json(), indent=2, ensure_ascii=False))
    elif args.format in ("csv", "tsv"):
        sys.stdout.write(result.to_delimited("," if args.format == "csv" else "\t"))
    elif result.kind == "ask":
        print("true" if result.boolean else "false")
    else:
        _print_table(result.variables, result.plain_rows())
        print(f"({len(result.rows)} row{'s' if len(result.rows) != 1 else ''}, "
              f"{result.elapsed_ms:.1f} ms)", file=sys.stderr)
    if result.truncated:
        print(f"warning: results cut: {result.limit_note(settings.max_rows)}", file=sys.stderr)
    return 0


def _print_table(headers: list[str], rows: list[list[str]], width: int = 70) -> None:
    cells = [[(c if len(c) <= width else c[: width - 1] + "…") for c in row] for row in rows]
    widths = [max([len(h)] + [len(r[i]) for r in cells]) for i, h in enumerate(headers)]
    print("  ".join(h.ljust(w) for h, w in zip(headers, widths)))
    print("  ".join("-" * w for w in widths))
    for row in cells:
        print("  ".join(c.ljust(w) for c, w in zip(row, widths)))


def cmd_ask(args) -> int:
    import search
    engine = search.load(_settings(args))
    if args.jsonl:
        return _ask_lines(engine, args)
    result = engine.ask(" ".join(args.question), k=args.k)
    from search.answer import answer_plain
    print(json.dumps(result, indent=2, ensure_ascii=False) if args.json else answer_plain(result))
    return 0


def _question_of(line: str, n: int) -> str:
    """The 'question' of one JSON line, or a one-line reason naming the line."""
    try:
        row = json.loads(line)
    except ValueError as exc:
        raise StandardsKGError(f"line {n}: not JSON ({exc})") from None
    if not isinstance(row, dict) or not isinstance(row.get("question"), str):
        raise StandardsKGError(f"line {n}: expected a JSON object with a 'question' field holding text")
    return row["question"]


def _ask_lines(engine, args) -> int:
    """`ask --jsonl FILE`: one JSON answer a line; a bad line gets an error line, and the rest go on."""
    hint = "give a JSON-lines file, one {\"question\": \"...\"} a line, or - for standard input"
    try:
        source = sys.stdin if args.jsonl == "-" else open(args.jsonl, encoding="utf-8")
    except OSError as exc:
        raise StandardsKGError(f"{args.jsonl}: cannot read it ({exc.strerror}); {hint}") from None
    answered = failed = 0
    n = 0
    with source:
        try:
            for n, line in enumerate(source, start=1):
                if not line.strip():
                    continue
                try:
                    out = engine.ask(_question_of(line, n), k=args.k)
                    answered += 1
                except StandardsKGError as exc:
                    out = {"line": n, "error": str(exc)}
                    failed += 1
                print(json.dumps(out, ensure_ascii=False), flush=True)
        except UnicodeDecodeError:
            raise StandardsKGError(f"{args.jsonl}: not UTF-8 (line {n + 1}); re-save it as UTF-8") from None
    print(f"answered {answered} question(s)" + (f"; {failed} line(s) had errors" if failed else ""),
          file=sys.stderr)
    return 0


def cmd_serve(args) -> int:
    import endpoint
    import search
    settings = _settings(args)
    sock = endpoint.bind(args.host, args.port)
    try:
        engine = search.load(settings)
    except BaseException:
        sock.close()
        raise
    print(f"SPARQL endpoint: http://{args.host}:{args.port}/sparql   answers: "
          f"http://{args.host}:{args.port}/ask?q=…", file=sys.stderr)
    endpoint.serve(engine, sock)
    return 0


def cmd_push(args) -> int:
    import os

    from kg_builder.push import push_graph
    from search.engine import check_artifacts
    settings = _settings(args)
    check_artifacts(settings)
    password = args.password or os.environ.get("STANDARDS_KG_STORE_PASSWORD")
    n = push_graph(settings.build_dir, args.endpoint, graph=settings.sparql_graph, user=args.user,
                   password=password)
    print(f"pushed {n} triples into <{settings.sparql_graph}> at {args.endpoint}", file=sys.stderr)
    print("query it with --sparql-endpoint <the store's SPARQL endpoint> "
          "(or STANDARDS_KG_SPARQL_ENDPOINT)", file=sys.stderr)
    return 0


def cmd_compare(args) -> int:
    from compare.command import CompareArgs, run
    return run(CompareArgs(Path(args.file) if args.file else None, args.format, Path(args.out) if args.out else None,
                           args.into_graph, Path(args.graph_dir) if args.graph_dir else None,
                           Path(args.checklist) if args.checklist else None, args.sparql, args.quiet), _settings(args))


def cmd_diff(args) -> int:
    from linked_data.diff import diff_builds, render
    d = diff_builds(Path(args.old_build), Path(args.new_build))
    sys.stdout.write(json.dumps(d.to_json(), indent=2, ensure_ascii=False) + "\n" if args.json
                     else render(d, max_per_entity=args.max_per_entity))
    return 0


def _add_setting_option(sub) -> None:
    sub.add_argument("--setting", nargs=2, action="append", metavar=("NAME", "VALUE"),
                     help="any setting of kg_builder/config.py, e.g. --setting max_body_bytes 65536 (over "
                          "$STANDARDS_KG_<NAME> and the config file); repeatable")


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="standards-kg", description=__doc__)
    p.add_argument("--build-dir", help="artifact folder (default: build/, or $STANDARDS_KG_BUILD)")
    p.add_argument("--sparql-endpoint", help="query the graph in this SPARQL 1.1 store instead of the "
                                             "embedded one (or $STANDARDS_KG_SPARQL_ENDPOINT)")
    p.add_argument("--graph", help="named graph of the store (default https://w3id.org/standards-kg/graph)")
    sub = p.add_subparsers(dest="command", required=True)

    b = sub.add_parser("build", help="build the graph, passages and index into build/")
    b.add_argument("--corpus", help="corpus folder (default: corpus/)")
    b.add_argument("--model", help="embedding model name or folder")
    b.add_argument("--quiet", action="store_true", help="no progress bars")
    b.set_defaults(func=cmd_build)

    s = sub.add_parser("sparql", help="run a read-only SPARQL query on the built graph")
    s.add_argument("query", nargs="?", help="the query (or - for standard input)")
    s.add_argument("--file", "-f", help="read the query from a file")
    s.add_argument("--format", choices=("table", "json", "csv", "tsv"), default="table")
    s.add_argument("--timeout", type=seconds, help="time limit in seconds (default: query_timeout_s, 10)")
    s.add_argument("--max-rows", type=at_least_one("rows"), help="row cap (default: max_rows, 10000)")
    _add_setting_option(s)
    s.set_defaults(func=cmd_sparql)

    a = sub.add_parser("ask", help="answer a question with cited passages and cross-references")
    a.add_argument("question", nargs="*", help="the question")
    a.add_argument("-k", type=passages_count, default=5, help="number of passages, 1-50 (default 5)")
    a.add_argument("--json", action="store_true", help="print one JSON object")
    a.add_argument("--jsonl", help="read JSON lines with a 'question' field from FILE (or -)")
    a.add_argument("--model", help="embedding model name or folder")
    a.set_defaults(func=cmd_ask)

    v = sub.add_parser("serve", help="serve the graph as a SPARQL 1.1 endpoint (/sparql) and answers (/ask)")
    v.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    v.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    v.add_argument("--timeout", type=seconds, help="time limit per query in seconds (default: query_timeout_s, 10)")
    v.add_argument("--max-rows", type=at_least_one("rows"), help="row cap per query (default: max_rows, 10000)")
    v.add_argument("--model", help="embedding model name or folder")
    _add_setting_option(v)
    v.set_defaults(func=cmd_serve)

    u = sub.add_parser("push", help="load the built graph into a SPARQL store (Graph Store Protocol PUT)")
    u.add_argument("--endpoint", required=True,
                   help="the store's Graph Store Protocol URL, e.g. http://host:8890/sparql-graph-crud-auth")
    u.add_argument("--user", help="account allowed to write graphs")
    u.add_argument("--password", help="its password (or $STANDARDS_KG_STORE_PASSWORD)")
    u.set_defaults(func=cmd_push)

    d = sub.add_parser("diff", help="triples added and removed between two builds, grouped by entity")
    d.add_argument("old_build", help="the older build folder (or its kg.nt)")
    d.add_argument("new_build", help="the newer build folder (or its kg.nt)")
    d.add_argument("--json", action="store_true", help="print one JSON object with every change")
    d.add_argument("--max-per-entity", type=int, default=20, help="lines shown per entity in text (default 20)")
    d.set_defaults(func=cmd_diff)

    c = sub.add_parser("compare", help="measure a national document (PDF, DOCX, HTML, MD, TXT) against the 59 standards")
    c.add_argument("file", nargs="?", help="the document")
    c.add_argument("--format", choices=("json", "md", "csv", "pdf"), default="json", help="report format (default json)")
    c.add_argument("--out", help="write the report here (default: standard output; required for pdf)")
    c.add_argument("--into-graph", action="store_true", help="also save the result as a named graph (N-Quads)")
    c.add_argument("--graph-dir", help="folder of the named graphs (default assessments/, or $STANDARDS_KG_ASSESSMENTS)")
    c.add_argument("--checklist", help="a saved checklist (JSON) whose hand corrections are kept")
    c.add_argument("--sparql", help="instead: run a read-only query over the graph and every saved named graph")
    c.add_argument("--timeout", type=seconds, help="time limit of a --sparql query in seconds (default: query_timeout_s, 10)")
    c.add_argument("--quiet", action="store_true", help="no progress bar")
    c.set_defaults(func=cmd_compare)
    add_workshop_commands(sub, _settings)
    return p


def passages_count(value: str) -> int:
    """-k, checked as the endpoint checks k (argparse prints the message)."""
    from search.errors import BadQuestionError, passage_count
    try:
        return passage_count(value)
    except BadQuestionError as exc:
        raise argparse.ArgumentTypeError(f"-{exc}") from None


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if args.command == "ask" and not args.jsonl and not " ".join(args.question).strip():
        print("standards-kg: error: the question is empty: type a few words, e.g. "
              "standards-kg ask \"naloxone for families\"", file=sys.stderr)
        return 2
    warnings.simplefilter("default")
    warnings.showwarning = lambda msg, *a, **k: print(f"warning: {msg}", file=sys.stderr)
    try:
        return args.func(args)
    except StandardsKGError as exc:
        print(f"standards-kg: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader stopped early (`| head`): not an error of ours. Output still buffered
        # would fail again at exit, so stdout goes nowhere from here.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141


if __name__ == "__main__":
    sys.exit(main())
