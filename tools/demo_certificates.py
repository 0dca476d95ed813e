"""Regenerate the demo record's certificate files (content/certificates/).

Run from the repository root: python tools/demo_certificates.py. The files are small, realistic stand-ins:
PDF certificates rendered with WeasyPrint, PNG "screenshots" drawn with Pillow (a WeasyPrint dependency).
"""

from __future__ import annotations

import os
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont
from weasyprint import HTML

ROOT = Path(__file__).resolve().parent.parent
NAME = "Jordan Avery, MD"
CSS = """
@page { size: Letter landscape; margin: 0.6in; }
body { font-family: 'DejaVu Serif', serif; color: #1d2b3a; text-align: center; }
.frame { border: 6px double #2f4b6e; padding: 0.4in; height: 5.6in; }
h1 { font-size: 30pt; margin: 0.1in 0; letter-spacing: 1px; }
.org { font-size: 14pt; text-transform: uppercase; letter-spacing: 3px; color: #2f4b6e; }
.name { font-size: 24pt; font-style: italic; margin: 0.15in 0; }
.credit { font-size: 13pt; margin-top: 0.2in; }
.small { font-size: 9pt; color: #555; margin-top: 0.3in; }
table { margin: 0.2in auto; border-collapse: collapse; font-size: 10pt; }
td, th { border-bottom: 1px solid #aab; padding: 4px 10px; text-align: left; }
"""


def certificate(
    path: str, org: str, title: str, dates: str, credit_lines: list[str], accreditation: str
) -> None:
    credits = "".join(f"<div class='credit'>{line}</div>" for line in credit_lines)
    html = f"""<html><head><style>{CSS}</style></head><body><div class='frame'>
      <div class='org'>{org}</div><h1>Certificate of Completion</h1>
      <div>This certifies that</div><div class='name'>{NAME}</div>
      <div>participated in the activity</div><div style='font-size:15pt;font-weight:bold;margin:0.1in 0'>{title}</div>
      <div>{dates}</div>{credits}<div class='small'>{accreditation}</div></div></body></html>"""
    _write(path, html)


def transcript(path: str, org: str, year: str, rows: list[tuple[str, str, str]]) -> None:
    body = "".join(f"<tr><td>{d}</td><td>{t}</td><td>{c}</td></tr>" for d, t, c in rows)
    total = sum(float(c) for _, _, c in rows)
    html = f"""<html><head><style>{CSS} @page {{ size: Letter; }} .frame {{ height: auto; }}</style></head>
      <body><div class='frame'><div class='org'>{org}</div><h1 style='font-size:20pt'>CME Transcript {year}</h1>
      <div class='name' style='font-size:16pt'>{NAME}</div>
      <table><tr><th>Date</th><th>Activity</th><th>AMA PRA Category 1 Credits™</th></tr>{body}
      <tr><th></th><th>Total</th><th>{total:.2f}</th></tr></table>
      <div class='small'>University Hospital is accredited by the ACCME to provide continuing medical education for
      physicians. This transcript lists activities for which the physician claimed credit.</div></div></body></html>"""
    _write(path, html)


def _write(path: str, html: str) -> None:
    target = ROOT / path
    target.parent.mkdir(parents=True, exist_ok=True)
    HTML(string=html).write_pdf(target)


def screenshot(path: str, lines: list[str]) -> None:
    image = Image.new("RGB", (640, 360), "#f7f9fc")
    draw = ImageDraw.Draw(image)
    draw.rectangle([0, 0, 640, 48], fill="#2f4b6e")
    big = ImageFont.load_default(size=22)
    small = ImageFont.load_default(size=16)
    draw.text((16, 12), "CME Portal - Credit Claimed", fill="white", font=big)
    for index, line in enumerate(lines):
        draw.text((24, 72 + index * 32), line, fill="#1d2b3a", font=small)
    target = ROOT / path
    target.parent.mkdir(parents=True, exist_ok=True)
    image.save(target, optimize=True)


def main() -> None:
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1764028800")
    accme = "University Hospital is accredited by the ACCME to provide continuing medical education for physicians."
    transcript(
        "content/certificates/transcripts/uh-cme-transcript-2024-2025.pdf",
        "University Hospital CME Office",
        "July 2024 – June 2025",
        [
            (
                "2024-10-09",
                "Medicine Grand Rounds – Acute Kidney Injury in the Hospitalized Patient",
                "1.00",
            ),
            ("2025-02-12", "Medicine Grand Rounds – Update in Diabetes Technology", "1.00"),
        ],
    )
    transcript(
        "content/certificates/transcripts/uh-cme-transcript-2025-2026.pdf",
        "University Hospital CME Office",
        "July 2025 – June 2026",
        [
            ("2025-09-10", "Medicine Grand Rounds – Sepsis Bundles in 2025", "1.00"),
            ("2025-10-08", "Medicine Grand Rounds – Safe Opioid Prescribing on Discharge", "1.00"),
            ("2025-11-12", "Medicine Grand Rounds – Implicit Bias in Clinical Decisions", "1.00"),
            ("2025-12-10", "Medicine Grand Rounds – Ethics at the End of Life", "1.00"),
            ("2026-01-14", "Medicine Grand Rounds – Chronic Pain Without Opioids", "1.00"),
        ],
    )
    certificate(
        "content/certificates/2026/2026-03-14-hf-grand-rounds.pdf",
        "University Hospital CME Office",
        "Internal Medicine Grand Rounds – Heart Failure Updates",
        "March 14, 2026",
        ["1.00 <i>AMA PRA Category 1 Credit™</i>"],
        accme,
    )
    certificate(
        "content/certificates/2026/2026-04-16-acp-im-meeting.pdf",
        "American College of Physicians",
        "Internal Medicine Meeting 2026",
        "April 16–18, 2026",
        ["19.50 <i>AMA PRA Category 1 Credits™</i>", "19.50 ABIM MOC Medical Knowledge points"],
        "The American College of Physicians is accredited by the ACCME to provide continuing medical "
        "education for physicians.",
    )
    certificate(
        "content/certificates/2025/2025-06-14-dea-mate-training.pdf",
        "American Society of Addiction Medicine",
        "The ASAM Treatment of Opioid Use Disorder Course (DEA MATE Act 8-hour training)",
        "Completed June 14, 2025",
        ["8.00 <i>AMA PRA Category 1 Credits™</i>"],
        "ASAM is accredited by the ACCME. This training satisfies the 8-hour requirement of the MATE Act.",
    )
    certificate(
        "content/certificates/2026/2026-03-07-pocus-workshop.pdf",
        "University Hospital CME Office",
        "Point-of-Care Ultrasound for Internists: Hands-on Workshop",
        "March 7, 2026",
        ["6.50 <i>AMA PRA Category 1 Credits™</i>"],
        accme,
    )
    certificate(
        "content/certificates/2026/2026-01-20-patient-safety.pdf",
        "California Medical Association",
        "Patient Safety and Risk Management for Physicians in Training",
        "Completed January 20, 2026",
        ["4.00 <i>AMA PRA Category 1 Credits™</i>"],
        "The California Medical Association is accredited by the ACCME.",
    )
    certificate(
        "content/certificates/2026/2026-02-21-pain-management.pdf",
        "Stanford Center for CME (online)",
        "Pain Management and the Treatment of Terminally Ill Patients",
        "Completed February 21, 2026",
        ["6.00 <i>AMA PRA Category 1 Credits™</i>"],
        "Accredited by the ACCME.",
    )
    certificate(
        "content/certificates/2026/2026-05-10-child-abuse-recognition.pdf",
        "Pennsylvania Medical Society",
        "Recognizing and Reporting Child Abuse (Act 31)",
        "Completed May 10, 2026",
        ["2.00 <i>AMA PRA Category 1 Credits™</i>"],
        "Accredited by the ACCME.",
    )
    certificate(
        "content/certificates/2026/2026-06-20-coding-documentation.pdf",
        "ACP Online Learning Center",
        "Coding and Documentation Essentials for Residents",
        "Completed June 20, 2026",
        ["2.00 <i>AMA PRA Category 1 Credits™</i>"],
        "ACP is accredited by the ACCME.",
    )
    certificate(
        "content/certificates/2026/2026-08-03-hyperkalemia-module.pdf",
        "ACP Online Learning Center",
        "Hyperkalemia: Recognition and Management (online module)",
        "Completed August 3, 2026",
        ["0.75 <i>AMA PRA Category 1 Credit™</i>", "0.75 ABIM MOC Medical Knowledge points"],
        "ACP is accredited by the ACCME.",
    )
    certificate(
        "content/certificates/2026/2026-10-02-hospital-medicine-update.pdf",
        "Society of Hospital Medicine",
        "Hospital Medicine Update – Regional Meeting",
        "October 1–2, 2026",
        ["10.25 <i>AMA PRA Category 1 Credits™</i>"],
        "SHM is accredited by the ACCME.",
    )
    screenshot(
        "content/certificates/2026/2026-02-05-mm-diagnostic-error.png",
        [
            f"Learner: {NAME}",
            "Activity: Department of Medicine M&M",
            "  Diagnostic error at handoff",
            "Date: 2026-02-05",
            "Credit: 1.00 AMA PRA Category 1 Credit(TM)",
            "Status: CLAIMED",
        ],
    )
    screenshot(
        "content/certificates/2026/2026-09-17-journal-club-doacs.png",
        [
            f"Learner: {NAME}",
            "Activity: Department of Medicine Journal Club",
            "  DOACs in chronic kidney disease",
            "Date: 2026-09-17",
            "Credit: 1.00 AMA PRA Category 1 Credit(TM)",
            "Status: CLAIMED",
        ],
    )


if __name__ == "__main__":
    main()
