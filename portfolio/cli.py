"""The command line: parse arguments, call the library, print. Exit 0 ok, 1 invalid record or failed build, 2 usage."""

from __future__ import annotations

import argparse
import contextlib
import gc
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from portfolio import __version__, progress
from portfolio.errors import Diagnostic, RecordError, plural, warnings_hint

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="portfolio",
        description="Turn your CME record (content/) into a private portfolio site and PDF transcript.",
    )
    parser.add_argument("--version", action="version", version=f"portfolio {__version__}")
    parser.add_argument(
        "--root",
        type=Path,
        help="folder holding content/ (default: here, or the nearest folder above that holds one)",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    p = sub.add_parser("init", help="start a new record (never overwrites)")
    p.add_argument(
        "dir", nargs="?", type=Path, help="folder to create the record in (default: --root)"
    )
    p.add_argument(
        "--ci",
        choices=["github"],
        help="also write a CI workflow that checks and builds on every push",
    )
    p.add_argument(
        "--rules",
        metavar="NAMES",
        help="start with these shipped rule sets, comma-separated (see 'portfolio rules')",
    )

    p = sub.add_parser("rules", help="list the shipped rule sets, or print one with its sources")
    p.add_argument("name", nargs="?", help="the rule set to print, such as texas")

    p = sub.add_parser("new", help="add one activity file (never overwrites)")
    p.add_argument(
        "title",
        nargs="?",
        help="activity title (read from the certificate with --from-certificate)",
    )
    p.add_argument("--date", help="YYYY-MM-DD, the day attended (first day if several)")
    p.add_argument("--provider", help="organization that certified the credit")
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
    p.add_argument(
        "--from-certificate",
        type=Path,
        metavar="FILE",
        help="read the fields from this certificate (and copy it), or from each one in a folder; "
        "the options above override them",
    )
    p.add_argument(
        "--yes", action="store_true", help="with --from-certificate: write without asking"
    )

    p = sub.add_parser("scan", help="read certificates (PDF, PNG, JPEG) and print their fields")
    p.add_argument("files", nargs="+", type=Path, metavar="FILE")
    p.add_argument("--json", action="store_true", help="print a list of JSON objects, one per file")

    p = sub.add_parser("import", help="one activity file per row of a spreadsheet (CSV)")
    p.add_argument("file", type=Path, help="the CSV file (Excel, LibreOffice, or transcript.csv)")
    p.add_argument(
        "--dry-run", action="store_true", help="say what would be written; write nothing"
    )
    p.add_argument("--date-format", metavar="FMT", help="how dates are written, e.g. %%d/%%m/%%Y")
    p.add_argument(
        "--skip-bad", action="store_true", help="write the good rows even if some are bad"
    )

    p = sub.add_parser(
        "reconcile", help="compare the record with an institution's transcript export (CSV)"
    )
    p.add_argument("file", type=Path, help="the institution's CSV export")
    p.add_argument("--provider", metavar="NAME", help="the institution's name as in your record")
    p.add_argument("--json", action="store_true", help="print the differences as JSON")
    p.add_argument("--date-format", metavar="FMT", help="how dates are written, e.g. %%d/%%m/%%Y")

    p = sub.add_parser(
        "diff", help="what changed in the record and its figures since a git revision"
    )
    p.add_argument(
        "revision", nargs="?", help="a tag, branch or commit (default: last tag, else HEAD~1)"
    )
    p.add_argument("--as-of", help="YYYY-MM-DD for both figures (default: today)")
    p.add_argument("--json", action="store_true", help="print the changes as JSON")

    p = sub.add_parser("schema", help="print the JSON Schema of the record's files (for editors)")
    p.add_argument(
        "name",
        nargs="?",
        choices=["activity", "portfolio", "requirements"],
        help="one file's schema (default: all three in one document)",
    )

    p = sub.add_parser("check", help="validate the record; exit 1 on errors")
    p.add_argument("--strict", action="store_true", help="treat warnings as errors")
    p.add_argument("--as-of", help="YYYY-MM-DD to check deadlines against (default: today)")
    p.add_argument(
        "--certificates",
        action="store_true",
        help="also read every cited certificate and warn where it disagrees with its activity",
    )

    p = sub.add_parser("build", help="build site/: pages, PDF transcript, JSON, CSV")
    p.add_argument("--out", type=Path, help="output folder (default: site/)")
    p.add_argument("--as-of", help="YYYY-MM-DD (default: SOURCE_DATE_EPOCH's date, else today)")
    p.add_argument("--no-pdf", action="store_true", help="skip the PDF transcript")
    p.add_argument(
        "--encrypt",
        action="store_true",
        help="encrypt every page and file (passphrase from PORTFOLIO_PASSPHRASE, else asked)",
    )
    p.add_argument(
        "--force",
        action="store_true",
        help="build even when no input changed since the last build",
    )

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
    p.add_argument(
        "--sign",
        type=Path,
        metavar="FILE.p12",
        help="sign with your certificate (passphrase from PORTFOLIO_SIGN_PASSPHRASE, else asked)",
    )

    p = sub.add_parser("share", help="one encrypted HTML file for one committee (transcript, PDF)")
    p.add_argument("--as-of", help="YYYY-MM-DD (default: today)")
    group = p.add_mutually_exclusive_group()
    group.add_argument("--requirement", metavar="NAME", help="the window of this requirement")
    group.add_argument(
        "--from", dest="date_from", metavar="D", help="first day of the period (with --to)"
    )
    p.add_argument("--to", dest="date_to", metavar="D", help="last day of the period")
    p.add_argument(
        "--with-certificates", action="store_true", help="put every cited certificate inside"
    )
    p.add_argument("-o", "--output", type=Path, required=True, help="the .html file to write")

    p = sub.add_parser("status", help="requirement progress and deadlines in the terminal")
    p.add_argument("--as-of", help="YYYY-MM-DD (default: today)")
    p.add_argument("--json", action="store_true", help="print the requirements as JSON")

    p = sub.add_parser("serve", help="preview on 127.0.0.1, rebuilding on every change")
    p.add_argument("--port", type=_port, default=8000, help="1-65535, or 0 for any free port")
    p.add_argument("--as-of", help="YYYY-MM-DD (default: today)")
    return parser


def _port(text: str) -> int:
    try:
        port = int(text, 10)
    except ValueError:
        port = -1
    if not 0 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"must be a number from 1 to 65535 (got {text!r})")
    return port


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
    written = scaffold.init(target, clock.today(), names, ci=args.ci)
    print(
        f"Created a new record in {target}/ ({plural(len(written), 'file')}); {scaffold.git_init(target)}."
    )
    if args.ci == "github" and not scaffold.installed_from():
        print(
            "Set PORTFOLIO_PACKAGE in .github/workflows/portfolio.yml to where you install portfolio from."
        )
    if names:
        from portfolio import rulesets

        text = (target / "content/requirements.yaml").read_text(encoding="utf-8")
        for state in rulesets.licenses_needed(text):
            print(
                f"  add your {state.upper()} license to content/portfolio.yaml "
                "(state, number, issued, expires, cycle_months): its rules follow its dates"
            )
        if rulesets.needs_dea(text):
            print(
                "  add your DEA registration to content/portfolio.yaml (dea: {number, expires}), "
                "if you have one: some of these rules apply only to DEA registrants"
            )
    enter = "" if target.resolve() == Path.cwd().resolve() else f"cd {target} && "
    print(f"Next: {enter}portfolio check && git add -A && git commit -m 'Start my CME record'")
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

    if args.from_certificate is not None:
        return _new_from_certificate(args)
    missing = [
        n
        for n, v in (("TITLE", args.title), ("--date", args.date), ("--provider", args.provider))
        if not v
    ]
    if missing:
        print(
            f"portfolio new: error: the following arguments are required: {', '.join(missing)} "
            "(or read them with --from-certificate FILE)",
            file=sys.stderr,
        )
        return EXIT_USAGE
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


def _new_from_certificate(args: argparse.Namespace) -> int:
    """``new --from-certificate FILE|FOLDER``: each certificate scanned, overridden, confirmed, written."""
    path: Path = args.from_certificate
    if args.certificate is not None:
        print(
            "portfolio new: error: give --certificate or --from-certificate, not both",
            file=sys.stderr,
        )
        return EXIT_USAGE
    if not path.is_dir():
        if not path.is_file():
            raise RecordError.single(str(path), 0, "certificate file not found")
        return _new_one(args, path)
    one_activity = [
        args.title,
        args.date,
        args.end_date,
        args.provider,
        args.credits,
        args.claim_by,
    ]
    if any(value is not None for value in one_activity):
        print(
            "portfolio new: error: with a folder, TITLE, --date, --end-date, --provider, --credits and "
            "--claim-by would apply to every certificate; give them one file at a time",
            file=sys.stderr,
        )
        return EXIT_USAGE
    files = sorted(
        f
        for f in path.iterdir()
        if f.is_file() and f.suffix.lower() in (".pdf", ".png", ".jpg", ".jpeg")
    )
    if not files:
        raise RecordError.single(str(path), 0, "no PDF, PNG or JPEG certificate in this folder")
    failed = 0
    for file in files:  # one mistake does not stop the others: each file is its own activity
        try:
            _new_one(args, file)
        except RecordError as exc:
            _print_diagnostics(exc.diagnostics, args.root)
            failed += 1
    if failed:
        print(
            f"{plural(failed, 'certificate')} of {len(files)} not written: fix or give the fields "
            "one file at a time",
            file=sys.stderr,
        )
    return EXIT_INVALID if failed else EXIT_OK


def _new_one(args: argparse.Namespace, path: Path) -> int:
    """One certificate: scan, let the options override, ask (unless --yes), write."""
    from portfolio import certificates, intake, scaffold, scan

    try:
        result = scan.scan_file(path, _shown(path), _profile_name(args.root))
    except certificates.UnreadableCertificate as exc:
        raise RecordError.single(_shown(path), 0, str(exc)) from None
    print(scan.describe(result))
    for warning in result.warnings:
        print(f"{_shown(path)}: warning: {warning}", file=sys.stderr)
    given = intake.Overrides(
        title=args.title,
        date=args.date,
        end_date=args.end_date,
        provider=args.provider,
        accreditor=args.accreditor,
        credits=args.credits,
        credit_type=args.credit_type,
        topics=tuple(args.topic),
        format=args.format,
        status=args.status,
        claim_by=args.claim_by,
    )
    spec = intake.merge(result, given, path, None if args.yes else _ask)
    if not args.yes:
        print("The activity to write:")
        print("\n".join(intake.summary(spec)))
        if _ask("write", "").strip().lower() not in ("y", "yes"):
            print("Nothing was written.")
            return EXIT_OK
    for written in scaffold.new(args.root, spec):
        print(f"wrote {os.path.relpath(written)}")
    return EXIT_OK


def _ask(name: str, why: str) -> str:
    """One answer from the person at the terminal; a closed input is an error, never a guess."""
    if name == "write":
        prompt = "Write it? [y/N] "
    else:
        print(f"{name}: {why}.")
        prompt = f"{name}: "
    try:
        return input(prompt)
    except EOFError:
        raise RecordError.single(
            "--yes",
            0,
            "no answer (input is closed): run with --yes and give the missing fields as options",
        ) from None


def cmd_import(args: argparse.Namespace) -> int:
    from portfolio import importer

    summary = importer.import_csv(
        args.root,
        args.file,
        dry_run=args.dry_run,
        date_format=args.date_format,
        skip_bad=args.skip_bad,
    )
    _print_diagnostics(summary.bad.errors, args.root)
    for line, why in summary.skipped:
        print(f"{args.file}:{line}: skipped: {why}")
    verb = "would write" if args.dry_run else "wrote"
    for rel in summary.planned:
        print(f"{verb} {os.path.relpath(args.root / 'content' / rel)}")
    if summary.ignored_columns:
        print(f"columns not imported: {', '.join(summary.ignored_columns)}")
    count = len(summary.planned)
    print(
        f"{'Would import' if args.dry_run else 'Imported'} {args.file}: "
        f"{plural(count, 'activity', 'activities')} {'to write' if args.dry_run else 'written'}, "
        f"{len(summary.skipped)} skipped (already recorded), {len(summary.bad.errors)} bad"
        + (" — nothing was written (--dry-run)" if args.dry_run else "")
    )
    return EXIT_OK


def cmd_reconcile(args: argparse.Namespace) -> int:
    from portfolio import exports, reconcile, records

    record, _diags = records.load(args.root)
    entries = reconcile.read_list(args.file, str(args.file), args.date_format)
    result = reconcile.reconcile(record, entries, args.provider)
    if args.json:
        print(exports.to_json(reconcile.to_data(result)), end="")
    else:
        print(reconcile.report(result, str(args.file)))
    return EXIT_OK if result.agree else EXIT_INVALID


def cmd_diff(args: argparse.Namespace) -> int:
    from portfolio import clock, diff, exports

    changes = diff.compare(args.root, args.revision, clock.today(args.as_of))
    if args.json:
        print(exports.to_json(diff.to_data(changes)), end="")
    else:
        print(diff.report(changes))
    return EXIT_OK


def cmd_schema(args: argparse.Namespace) -> int:
    from portfolio import schema

    chosen = schema.schemas()[args.name] if args.name else schema.bundle()
    print(schema.to_text(chosen), end="")
    return EXIT_OK


def cmd_check(args: argparse.Namespace) -> int:
    from portfolio import clock, records, scaffold
    from portfolio.certificates import Inspections

    today = clock.today(args.as_of)
    inspections = Inspections(args.root / "site")
    try:
        record, diags = records.load(args.root, inspections)
    finally:  # what was learned about the certificates holds even when the record has errors
        inspections.save()
    warnings = sorted(
        records.all_warnings(record, diags, today) + scaffold.leftovers(args.root, record)
    )
    notes = sorted(
        Diagnostic(*found[:2], "note", found[2]) for found in records.suggestions(record, today)
    )
    proof_note = ""
    if args.certificates:
        from portfolio import proofs

        outcome = proofs.check_certificates(record, inspections)
        warnings = sorted(warnings + outcome.diagnostics)
        for note in outcome.unread:
            print(f"note: not read: {note}", file=sys.stderr)
        shared = (
            f"; {plural(outcome.shared, 'shared transcript')} not compared"
            if outcome.shared
            else ""
        )
        kept = (
            "the cache in site/.portfolio-cache"
            if inspections.kept
            else "the cache (none is kept until `portfolio build` has made site/)"
        )
        proof_note = (
            f"Compared {plural(outcome.compared, 'certificate')} with their activities "
            f"({outcome.read} read now, {outcome.cached} from {kept}){shared}.\n"
        )
    _print_diagnostics(sorted([*warnings, *notes]), args.root)
    failed = args.strict and warnings
    verdict = "failed (--strict)" if failed else "ok"
    noted = f", {plural(len(notes), 'note')}" if notes else ""
    print(
        f"{proof_note}Checked {plural(len(record.activities), 'activity', 'activities')} and "
        f"{plural(len(record.requirements), 'requirement')}: 0 errors, {plural(len(warnings), 'warning')}{noted} — {verdict}"
    )
    return EXIT_INVALID if failed else EXIT_OK


def cmd_scan(args: argparse.Namespace) -> int:
    """``portfolio scan``: each certificate's fields, in the order given; exit 1 if one could not be read."""
    import json

    from portfolio import certificates, scan

    profile_name = _profile_name(args.root)
    results: list[dict] = []
    failed = 0
    for path in args.files:
        shown = _shown(path)
        try:
            result = scan.scan_file(path, shown, profile_name)
        except certificates.UnreadableCertificate as exc:
            failed += 1
            print(f"{shown}: error: {exc}", file=sys.stderr)
            results.append({"file": shown, "error": str(exc)})
            continue
        results.append(result.as_json())
        if not args.json:
            print(scan.describe(result))
    if args.json:
        print(json.dumps(results, indent=2, ensure_ascii=False))
    return EXIT_INVALID if failed else EXIT_OK


def _profile_name(root: Path) -> str | None:
    """The profile's name, to compare with the learner named on a certificate (None without one).

    Only this one plain value is needed, for a warning: the profile is not validated here (``check`` does).
    """
    try:
        text = (root / "content" / "portfolio.yaml").read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return None
    import yaml

    try:
        data = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError:
        return None
    name = data.get("name") if isinstance(data, dict) else None
    return name if isinstance(name, str) else None


def cmd_build(args: argparse.Namespace) -> int:
    from portfolio import site

    passphrase = None
    if args.encrypt:
        from portfolio import encrypt

        passphrase = encrypt.ask_passphrase("the site")
    with progress.showing("build"):
        result = site.build(
            args.root,
            args.out,
            args.as_of,
            pdf=not args.no_pdf,
            passphrase=passphrase,
            reuse=not args.force,
        )
    if result.warnings:
        print(warnings_hint(len(result.warnings)), file=sys.stderr)
    print(result.summary())
    return EXIT_OK


def _pdf_usage(message: str) -> int:
    print(f"portfolio pdf: error: {message}", file=sys.stderr)
    return EXIT_USAGE


def _usage(command: str, message: str) -> int:
    print(f"portfolio {command}: error: {message}", file=sys.stderr)
    return EXIT_USAGE


def _shown(path: Path) -> str:
    try:
        return os.path.relpath(path)
    except ValueError:
        return str(path)


def _sign_passphrase() -> bytes:
    """From PORTFOLIO_SIGN_PASSPHRASE, else asked without echo: never an argument (it would be in the
    shell's history and the process list)."""
    import getpass

    from portfolio.encrypt import no_terminal
    from portfolio.pdf.sign import PASSPHRASE_VARIABLE

    value = os.environ.get(PASSPHRASE_VARIABLE)
    if value is None:
        no_terminal(PASSPHRASE_VARIABLE, "the signing certificate's passphrase")
        value = getpass.getpass("Passphrase of the signing certificate: ")
    return value.encode("utf-8")


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
    # asked before the progress line can be drawn over the prompt
    passphrase = _sign_passphrase() if args.sign is not None else None
    with progress.showing("pdf"):
        progress.stage("transcript")
        written = pdf.write_transcript(
            args.root,
            as_of=args.as_of,
            requirement=args.requirement,
            date_from=args.date_from,
            date_to=args.date_to,
            output=args.output,
            with_certificates=args.with_certificates,
            pdf_a=args.pdf_a,
            sign_with=args.sign,
            passphrase=passphrase,
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
    if rendered.signed:
        extra += ", signed (PAdES)"
    print(
        f"Wrote {_shown(written.target)}:{variant} {plural(rendered.pages, 'page')}, "
        f"{plural(counted, 'activity', 'activities')} ({written.period.label}){extra} in {time.perf_counter() - started:.2f} s "
        f"(render {rendered.render_seconds:.2f} s, merge {rendered.merge_seconds:.2f} s)"
    )
    return EXIT_OK


def cmd_share(args: argparse.Namespace) -> int:
    """``portfolio share``: one encrypted, self-contained HTML file for one committee."""
    from portfolio import encrypt, share

    if (args.date_from is None) != (args.date_to is None):
        return _usage("share", "--from and --to go together: give both days of the period")
    if (args.requirement is None) == (args.date_from is None):
        return _usage("share", "say what to share: --requirement NAME, or --from D --to D")
    shared = share.write_share(
        args.root,
        output=args.output,
        passphrase=lambda: encrypt.ask_passphrase("the share file"),
        as_of=args.as_of,
        requirement=args.requirement,
        date_from=args.date_from,
        date_to=args.date_to,
        with_certificates=args.with_certificates,
    )
    if shared.record_warnings:
        print(warnings_hint(len(shared.record_warnings)), file=sys.stderr)
    inside = (
        f", {plural(shared.certificates, 'certificate')} inside" if args.with_certificates else ""
    )
    print(
        f"Wrote {_shown(shared.target)}: encrypted share of "
        f"{plural(shared.counted, 'activity', 'activities')} ({shared.period.label}), "
        f"PDF {plural(shared.pdf_pages, 'page')}{inside}, {shared.size / 1e6:.1f} MB "
        f"in {shared.seconds:.2f} s (encrypt {shared.encrypt_seconds:.2f} s)"
    )
    return EXIT_OK


def cmd_status(args: argparse.Namespace) -> int:
    from portfolio import clock, exports, pipeline, status

    ev = pipeline.evaluated(args.root, clock.today(args.as_of), with_history=False).ev
    if args.json:
        sys.stdout.write(exports.to_json(status.status_data(ev)))
    else:
        sys.stdout.write(status.report(ev, colour=status.use_colour(sys.stdout)))
    return EXIT_OK


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
    "scan": cmd_scan,
    "import": cmd_import,
    "reconcile": cmd_reconcile,
    "diff": cmd_diff,
    "schema": cmd_schema,
    "check": cmd_check,
    "build": cmd_build,
    "pdf": cmd_pdf,
    "share": cmd_share,
    "status": cmd_status,
    "serve": cmd_serve,
}


def run() -> int:
    """The command's entry point (the ``portfolio`` script, ``python -m portfolio``): main, then the end."""
    code = main()
    # The process ends now: spare Python's last full collection over every object the command made (about
    # 10 ms of a one-edit rebuild of 1,000 activities). Every file was closed by its `with`; the memory goes
    # back to the system with the process.
    gc.freeze()
    return code


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.root is None:  # like git: from any sub-folder of the record, find its root above
        from portfolio.locate import find_root

        args.root = Path(".") if args.command == "init" else find_root(Path("."))
    try:
        return COMMANDS[args.command](args)
    except RecordError as exc:
        _print_diagnostics(exc.diagnostics, args.root)
        errors = sum(1 for d in exc.diagnostics if d.level == "error")
        done = (
            "nothing was written"
            if args.command in ("build", "pdf", "share", "new", "init", "serve", "import")
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
