"""The `handout`, `slides`, `quiz` and `export-site` subcommands: arguments and the
calls into Kit, registered on the CLI's parser by `add_commands` (so cli.py gains one
line). Files are written atomically; the path written is said on stderr."""
from __future__ import annotations

import sys
from pathlib import Path

from kg_builder.options import at_least_one

from .formats import HANDOUT_FORMATS, PAGE_SIZES, QUIZ_FORMATS, SLIDES_FORMATS
from .output import check_target, default_name, write_file


def _kit(args, settings_of):
    """The kit, after checking --out (a wrong path is said at once, before any work)."""
    if getattr(args, "out", None) and args.out != "-" and args.command != "export-site":
        check_target(args.out)
    from .kit import Kit
    return Kit.open(settings_of(args), use_search=not getattr(args, "no_search", False))


def _topic(args) -> str:
    return " ".join(args.topic).strip()


def _write(args, data: bytes, topic: str, what: str, ext: str) -> None:
    path = write_file(args.out if args.out else default_name(topic, what, ext), data)
    if str(path) != "-":
        print(f"wrote {path} ({len(data):,} bytes)", file=sys.stderr)


def add_commands(sub, settings_of) -> None:
    """Register the workshop subcommands; settings_of(args) gives the Settings."""
    def cmd_handout(args) -> int:
        topic = _topic(args)
        data = _kit(args, settings_of).handout(topic, args.format, args.page_size)
        _write(args, data, topic, "handout", args.format)
        return 0

    def cmd_slides(args) -> int:
        topic = _topic(args)
        _write(args, _kit(args, settings_of).slides(topic, args.format), topic, "slides", args.format)
        return 0

    def cmd_quiz(args) -> int:
        from .quiz import render
        made = _kit(args, settings_of).quiz_items(args.topic, n=args.n, seed=args.seed)
        if len(made.items) < args.n:
            whose = "the topic's" if args.topic else "the documents'"
            print(f"note: {len(made.items)} questions, not {args.n}: all that {whose} statements make, "
                  "each asked once", file=sys.stderr)
        data = render(made, args.format)
        if args.out:
            _write(args, data, args.topic or "standards", "quiz", args.format)
        else:
            sys.stdout.buffer.write(data)
        return 0

    def cmd_export_site(args) -> int:
        import time

        from .site import check_target
        started = time.perf_counter()
        check_target(Path(args.out))  # a wrong --out is said at once, before the graph loads
        result = _kit(args, settings_of).export_site(Path(args.out))
        print(f"wrote {result.pages} pages ({result.files} files, {result.bytes / 1e6:.1f} MB) to {result.folder} "
              f"in {time.perf_counter() - started:.1f} s; open {result.folder / 'index.html'}", file=sys.stderr)
        return 0

    h = sub.add_parser("handout", help="a one- or two-page handout on a topic or question, quoted and cited")
    h.add_argument("topic", nargs="+", help="a topic (\"informed consent\") or a question")
    h.add_argument("--format", choices=HANDOUT_FORMATS, default="pdf")
    h.add_argument("--page-size", choices=PAGE_SIZES, default="A4", help="PDF and HTML page size")
    h.add_argument("--out", help="file to write (default: <topic>-handout.<format>; - for standard output)")
    h.add_argument("--no-search", action="store_true", help="match labels and words only, without the search model")
    h.set_defaults(func=cmd_handout)

    s = sub.add_parser("slides", help="a short deck on a topic: one slide per standard or recommendation")
    s.add_argument("topic", nargs="+", help="a topic or a question")
    s.add_argument("--format", choices=SLIDES_FORMATS, default="html")
    s.add_argument("--out", help="file to write (default: <topic>-slides.<format>; - for standard output)")
    s.add_argument("--no-search", action="store_true", help="match labels and words only, without the search model")
    s.set_defaults(func=cmd_slides)

    q = sub.add_parser("quiz", help="quiz questions from the documents, with an answer key")
    q.add_argument("--topic", help="only this topic's standards and recommendations")
    q.add_argument("-n", type=at_least_one("questions"), default=10, help="number of questions (default 10)")
    q.add_argument("--seed", type=int, default=0, help="the same seed gives the same quiz (default 0)")
    q.add_argument("--format", choices=QUIZ_FORMATS, default="json")
    q.add_argument("--out", help="file to write (default: standard output)")
    q.add_argument("--no-search", action="store_true", help="match labels and words only, without the search model")
    q.set_defaults(func=cmd_quiz)

    e = sub.add_parser("export-site", help="a static offline copy of the whole graph with search (open index.html)")
    e.add_argument("--out", required=True, help="folder to write (new, empty, or an earlier export)")
    e.set_defaults(func=cmd_export_site)
