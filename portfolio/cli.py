"""The command line: parse arguments, call the library, print. Exit 0 ok, 1 invalid record or failed build, 2 usage."""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from portfolio import __version__
from portfolio.errors import Diagnostic, RecordError, plural, warnings_hint

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="portfolio",
        description="Turn your CME record (content/) into a private portfolio site and PDF transcript.",
    )
    parser.add_argument("--version", action="version", version=f"portfolio {__version__}")
    parser.add_argument(
        "--root", type=Path, default=Path("."), help="folder holding content/ (default: here)"
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    p = sub.add_parser("init", help="start a new record (never overwrites)")
    p.add_argument(
        "dir", nargs="?", type=Path, help="folder to create the record in (default: --root)"
    )
    p.add_argument(
        "--rules",
        metavar="NAMES",
        help="start with these shipped rule sets, comma-separated (see 'portfolio rules')",
    )

    p = sub.add_parser("rules", help="list the shipped rule sets, or print one with its sources")
    p.add_argument("name", nargs="?", help="the rule set to print, such as texas")

    p = sub.add_parser("new", help="add one activity file (never overwrites)")
    p.add_argument("title")
    p.add_argument(
        "--date", required=True, help="YYYY-MM-DD, the day attended (first day if several)"
    )
    p.add_argument("--provider", required=True, help="organization that certified the credit")
    p.add_argument(
        "--credits", help="amount of credit, e.g. 1.0 or 0.25 (omit with --status educational)"
    )
    p.add_argument("--type", dest="credit_type", help="credit type (default: default_credit_type)")
    p.add_argument("--topic", action="append", default=[], help="a topic tag; repeat for several")
    p.add_argument(
        "--certificate", type=Path, help="certificate file to copy into content/certificates/"
    )
    p.add_argument("--end-date", help="YYYY-MM-DD, last day of a multi-day activity")
    p.add_argument("--accreditor")
    p.add_argument("--format", help="grand-rounds, conference, online, …")
    p.add_argument("--status", choices=["claimed", "pending", "educational"])
    p.add_argument("--claim-by", help="YYYY-MM-DD, with --status pending")

    p = sub.add_parser("check", help="validate the record; exit 1 on errors")
    p.add_argument("--strict", action="store_true", help="treat warnings as errors")
    p.add_argument("--as-of", help="YYYY-MM-DD to check deadlines against (default: today)")

    p = sub.add_parser("build", help="build site/: pages, PDF transcript, JSON, CSV")
    p.add_argument("--out", type=Path, help="output folder (default: site/)")
    p.add_argument("--as-of", help="YYYY-MM-DD (default: SOURCE_DATE_EPOCH's date, else today)")
    p.add_argument("--no-pdf", action="store_true", help="skip the PDF transcript")

    p = sub.add_parser("pdf", help="a PDF transcript for one committee or period")
    p.add_argument("--as-of", help="YYYY-MM-DD (default: today)")
    group = p.add_mutually_exclusive_group()
    group.add_argument(
        "--requirement",
        metavar="NAME",
        help="only the window of this requirement, with its summary",
    )
    group.add_argument(
        "--from", dest="date_from", metavar="D", help="first day of the period (with --to)"
    )
    p.add_argument("--to", dest="date_to", metavar="D", help="last day of the period")
    p.add_argument(
        "-o", "--output", type=Path, help="file to write (default: transcript-….pdf here)"
    )
    p.add_argument(
        "--with-certificates", action="store_true", help="append and attach every cited certificate"
    )
    p.add_argument("--pdf-a", action="store_true", help="write PDF/A-3b for archiving")

    p = sub.add_parser("status", help="requirement progress and deadlines in the terminal")
    p.add_argument("--as-of", help="YYYY-MM-DD (default: today)")
    p.add_argument("--json", action="store_true", help="print the requirements as JSON")

    p = sub.add_parser("serve", help="preview on 127.0.0.1, rebuilding on every change")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--as-of", help="YYYY-MM-DD (default: today)")
    return parser


def _print_diagnostics(diagnostics: Sequence[Diagnostic], root: Path) -> None:
    prefix = os.path.relpath(root) if root.resolve() != Path.cwd().resolve() else ""
    for d in diagnostics:
        shown = d
        if prefix and d.path.startswith("content"):
            shown = Diagnostic(os.path.join(prefix, d.path), d.line, d.level, d.message)
        print(shown, file=sys.stderr)


def cmd_init(args: argparse.Namespace) -> int:
    from portfolio import clock, scaffold

    target = args.dir or args.root
    names = [n for n in (args.rules or "").split(",") if n.strip()]
    written = scaffold.init(target, clock.today(), names)
    print(f"Created a new record in {target}/ ({plural(len(written), 'file')}). Next:")
    if names:
        from portfolio import rulesets

        text = (target / "content/requirements.yaml").read_text(encoding="utf-8")
        for state in rulesets.licenses_needed(text):
            print(
                f"  add your {state.upper()} license to content/portfolio.yaml "
                "(state, number, issued, expires, cycle_months): its rules follow its dates"
            )
    enter = "" if target.resolve() == Path.cwd().resolve() else f"cd {target} && "
    print(f"  {enter}git init && portfolio check && portfolio build")
    return EXIT_OK


def cmd_rules(args: argparse.Namespace) -> int:
    from portfolio import rulesets

    if args.name is None:
        sys.stdout.write(rulesets.listing())
    else:
        (found,) = rulesets.find([args.name], where="rules")
        sys.stdout.write(found.text)
    return EXIT_OK


def cmd_new(args: argparse.Namespace) -> int:
    from portfolio import scaffold

    if args.credits is None and args.status != "educational":
        raise RecordError.single(
            "--credits", 0, "--credits is required (or use --status educational)"
        )
    if args.status == "pending" and not args.claim_by:
        raise RecordError.single("--claim-by", 0, "--status pending needs --claim-by YYYY-MM-DD")
    spec = scaffold.NewActivity(
        title=args.title,
        date=args.date,
        provider=args.provider,
        credits=args.credits,
        credit_type=args.credit_type,
        topics=tuple(args.topic),
        certificate=args.certificate,
        end_date=args.end_date,
        accreditor=args.accreditor,
        format=args.format,
        status=args.status,
        claim_by=args.claim_by,
    )
    for path in scaffold.new(args.root, spec):
        print(f"wrote {os.path.relpath(path)}")
    print("checked: the new activity is valid; run 'portfolio check' to see it among the rest")
    return EXIT_OK


def cmd_check(args: argparse.Namespace) -> int:
    from portfolio import clock, records

    today = clock.today(args.as_of)
    record, diags = records.load(args.root)
    for path, line, message in records.advisories(record, today):
        diags.warning(path, line, message)
    warnings = diags.warnings
    _print_diagnostics(warnings, args.root)
    failed = args.strict and warnings
    verdict = "failed (--strict)" if failed else "ok"
    print(
        f"Checked {plural(len(record.activities), 'activity', 'activities')} and "
        f"{plural(len(record.requirements), 'requirement')}: 0 errors, {plural(len(warnings), 'warning')} — {verdict}"
    )
    return EXIT_INVALID if failed else EXIT_OK


def cmd_build(args: argparse.Namespace) -> int:
    from portfolio import site

    result = site.build(args.root, args.out, args.as_of, pdf=not args.no_pdf)
    if result.warnings:
        print(warnings_hint(len(result.warnings)), file=sys.stderr)
    print(result.summary())
    return EXIT_OK


def _pdf_usage(message: str) -> int:
    print(f"portfolio pdf: error: {message}", file=sys.stderr)
    return EXIT_USAGE


def _shown(path: Path) -> str:
    try:
        return os.path.relpath(path)
    except ValueError:
        return str(path)


def cmd_pdf(args: argparse.Namespace) -> int:
    """``portfolio pdf``: one transcript for one committee or period."""
    import time

    from portfolio import pdf

    started = time.perf_counter()
    if (args.date_from is None) != (args.date_to is None):
        return _pdf_usage("--from and --to go together: give both days of the period")
    if args.date_to is not None and args.requirement is not None:
        return _pdf_usage(
            "--to cannot be combined with --requirement (the requirement sets the period)"
        )
    written = pdf.write_transcript(
        args.root,
        as_of=args.as_of,
        requirement=args.requirement,
        date_from=args.date_from,
        date_to=args.date_to,
        output=args.output,
        with_certificates=args.with_certificates,
        pdf_a=args.pdf_a,
    )
    rendered, counted = written.rendered, written.counted
    for warning in rendered.warnings:
        print(warning, file=sys.stderr)
    if written.record_warnings:
        print(warnings_hint(len(written.record_warnings)), file=sys.stderr)
    extra = ""
    if args.with_certificates:
        extra = f", {plural(rendered.appended, 'certificate')} appended and attached"
    variant = " PDF/A-3b" if args.pdf_a else ""
    print(
        f"Wrote {_shown(written.target)}:{variant} {plural(rendered.pages, 'page')}, "
        f"{plural(counted, 'activity', 'activities')} ({written.period.label}){extra} in {time.perf_counter() - started:.2f} s "
        f"(render {rendered.render_seconds:.2f} s, merge {rendered.merge_seconds:.2f} s)"
    )
    return EXIT_OK


def cmd_status(args: argparse.Namespace) -> int:
    from portfolio import status

    return status.command(args)


def cmd_serve(args: argparse.Namespace) -> int:
    from portfolio import serve

    return serve.command(args)


def template_problem(exc: BaseException, root: Path) -> str | None:
    """``file:line: error: message`` for an error raised by a theme template, else None."""
    jinja2 = sys.modules.get("jinja2")
    if jinja2 is None or not isinstance(exc, jinja2.TemplateError):
        return None
    filename, line = getattr(exc, "filename", None), getattr(exc, "lineno", None)
    message = exc.message or str(exc)
    if isinstance(exc, jinja2.TemplateNotFound):
        filename, line = (
            None,
            None,
        )  # its "filename" is the missing one; the frames tell who asked for it
        message = f"template '{exc.name}' not found (check the names in extends and include)"
    if filename is None:  # raised while rendering: the innermost template frame says where
        tb = exc.__traceback__
        while tb is not None:
            if tb.tb_frame.f_code.co_filename.endswith((".html", ".css")):
                filename, line = tb.tb_frame.f_code.co_filename, tb.tb_lineno
            tb = tb.tb_next
    shown = filename or "theme"
    with contextlib.suppress(ValueError):
        if filename and Path(filename).is_absolute():
            shown = os.path.relpath(filename, root.resolve())
    return f"{shown}:{line or 0}: error: in a theme template: {message}"


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "init": cmd_init,
    "rules": cmd_rules,
    "new": cmd_new,
    "check": cmd_check,
    "build": cmd_build,
    "pdf": cmd_pdf,
    "status": cmd_status,
    "serve": cmd_serve,
}


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except RecordError as exc:
        _print_diagnostics(exc.diagnostics, args.root)
        errors = sum(1 for d in exc.diagnostics if d.level == "error")
        done = (
            "nothing was written"
            if args.command in ("build", "pdf", "new", "init", "serve")
            else "nothing was changed"
        )
        print(
            f"{plural(errors, 'error')}: fix {'it' if errors == 1 else 'them'} and run 'portfolio {args.command}' again"
            f" ({done})",
            file=sys.stderr,
        )
        return EXIT_INVALID
    except KeyboardInterrupt:
        return 130
    except Exception as exc:
        problem = template_problem(exc, args.root)
        if problem is not None:  # a mistake in a user's theme, not a bug of ours
            print(problem, file=sys.stderr)
            return EXIT_INVALID
        if not isinstance(exc, OSError):
            raise
        # Disk full, permission denied: the machine's problem, not a bug to trace.
        where = f"{exc.filename}: " if exc.filename else ""
        reason = exc.strerror or exc
        print(f"error: could not complete '{args.command}': {where}{reason}", file=sys.stderr)
        return EXIT_INVALID


if __name__ == "__main__":
    raise SystemExit(main())
