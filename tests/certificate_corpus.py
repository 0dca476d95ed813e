"""A corpus of CME certificates in the layouts providers really use, each with the fields a reader should find.

``write_corpus(folder)`` renders every certificate into ``folder`` and returns the list of :class:`Sample`
(file, expected fields). PDFs are WeasyPrint documents with a text layer; the "photos" are a certificate
rendered at 200 dpi by ``pdftoppm``, then slightly rotated, blurred, noised and JPEG-compressed with Pillow,
as a phone camera or a cheap scanner would give them; one is wrapped in a PDF without a text layer (a scan).

Wordings follow the ACCME/AMA, AOA, AAFP, ANCC and ABIM statements that certificates print.
"""

from __future__ import annotations

import random
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

ACCME = (
    "{org} is accredited by the Accreditation Council for Continuing Medical Education (ACCME) to provide "
    "continuing medical education for physicians."
)
DESIGNATION = (
    "{org} designates this {kind} for a maximum of {amount} <i>AMA PRA Category 1 Credits™</i>. Physicians "
    "should claim only the credit commensurate with the extent of their participation in the activity."
)

CENTERED_CSS = """
@page { size: Letter landscape; margin: 0.5in; }
body { font-family: 'DejaVu Serif', serif; color: #1d2b3a; text-align: center; font-size: 11pt; }
.frame { border: 6px double #2f4b6e; padding: 0.3in 0.5in; }
h1 { font-size: 26pt; margin: 0.08in 0; }
.org { font-size: 13pt; text-transform: uppercase; letter-spacing: 2px; color: #2f4b6e; }
.name { font-size: 22pt; font-style: italic; margin: 0.1in 0; }
.title { font-size: 15pt; font-weight: bold; margin: 0.08in 0; }
.credit { font-size: 12pt; margin-top: 0.12in; }
.small { font-size: 8.5pt; color: #444; margin-top: 0.2in; text-align: justify; }
"""

LETTER_CSS = """
@page { size: Letter; margin: 0.8in; }
body { font-family: 'DejaVu Sans', sans-serif; color: #222; font-size: 10.5pt; }
h1 { font-size: 17pt; color: #0b4f6c; margin: 0.1in 0 0.2in; }
.org { font-size: 12pt; font-weight: bold; }
table { border-collapse: collapse; margin: 0.15in 0; }
td, th { border-bottom: 1px solid #bbb; padding: 4px 12px 4px 0; text-align: left; vertical-align: top; }
.small { font-size: 8.5pt; color: #444; margin-top: 0.3in; }
p { margin: 0.08in 0; }
"""


@dataclass
class Sample:
    file: str
    expected: dict
    kind: str = "text"  # "text" (PDF text layer) or "image" (OCR)
    html: str = ""
    css: str = CENTERED_CSS
    photo_of: str | None = None  # an image: which PDF it photographs
    rotate: float = 0.0
    scanned_pdf: bool = False
    notes: list[str] = field(default_factory=list)


def credits(*pairs: tuple[str, str]) -> list[dict]:
    return [{"type": t, "amount": a} for t, a in pairs]


def expected(
    title: str,
    date: str,
    provider: str,
    accreditor: str | None,
    credit_list: list[dict],
    name: str,
    end_date: str | None = None,
) -> dict:
    return {
        "title": title,
        "date": date,
        "end_date": end_date,
        "provider": provider,
        "accreditor": accreditor,
        "credits": credit_list,
        "name": name,
    }


def centered(
    org: str,
    heading: str,
    lead: str,
    name: str,
    verb: str,
    title: str,
    when: str,
    middle: str,
    small: str,
) -> str:
    return f"""<div class='frame'><div class='org'>{org}</div><h1>{heading}</h1>
      <div>{lead}</div><div class='name'>{name}</div><div>{verb}</div>
      <div class='title'>{title}</div><div>{when}</div>{middle}<div class='small'>{small}</div></div>"""


def samples() -> list[Sample]:
    uh = "University Hospital"
    acp = "American College of Physicians"
    out = [
        # 1. Hospital grand rounds, attendance certificate, one credit.
        Sample(
            "grand-rounds.pdf",
            expected(
                "Internal Medicine Grand Rounds: Heart Failure with Preserved Ejection Fraction",
                "2026-03-14",
                uh,
                "ACCME",
                credits(("AMA PRA Category 1", "1.00")),
                "Jordan Avery, MD",
            ),
            html=centered(
                "University Hospital · Office of Continuing Medical Education",
                "Certificate of Attendance",
                "This certifies that",
                "Jordan Avery, MD",
                "attended",
                "Internal Medicine Grand Rounds: Heart Failure with Preserved Ejection Fraction",
                "March 14, 2026",
                "<div class='credit'>and is awarded 1.00 <i>AMA PRA Category 1 Credit™</i></div>",
                ACCME.format(org=uh)
                + " "
                + DESIGNATION.format(org=uh, kind="live activity", amount="1.00"),
            ),
        ),
        # 2. National society annual meeting: designated maximum 32.5, claimed 20.5, plus MOC points.
        Sample(
            "annual-meeting.pdf",
            expected(
                "Internal Medicine Meeting 2026",
                "2026-04-23",
                acp,
                "ACCME",
                credits(("AMA PRA Category 1", "20.5"), ("ABIM MOC points", "20.5")),
                "Jordan Avery, MD",
                end_date="2026-04-25",
            ),
            css=LETTER_CSS,
            html=f"""<div class='org'>{acp}</div><h1>CME/MOC Certificate</h1>
              <p>Participant: Jordan Avery, MD</p>
              <p>Activity: Internal Medicine Meeting 2026</p>
              <p>Dates: April 23–25, 2026 · San Francisco, CA</p>
              <table><tr><th>Credit</th><th>Amount</th></tr>
              <tr><td>AMA PRA Category 1 Credits™ claimed</td><td>20.5</td></tr>
              <tr><td>ABIM MOC Medical Knowledge points claimed</td><td>20.5</td></tr></table>
              <p>Credits claimed: 20.5</p>
              <div class='small'>{ACCME.format(org="The " + acp)}
              The American College of Physicians designates this live activity for a maximum of 32.5
              <i>AMA PRA Category 1 Credits™</i>. Physicians should claim only the credit commensurate with the
              extent of their participation in the activity. Successful completion of this CME activity, which
              includes participation in the evaluation component, enables the participant to earn up to 32.5
              Medical Knowledge MOC points in the American Board of Internal Medicine's (ABIM) Maintenance of
              Certification (MOC) program.</div>""",
        ),
        # 3. Online enduring module: release and expiration dates must not be taken for the completion date.
        Sample(
            "enduring-module.pdf",
            expected(
                "Hyperkalemia: Recognition and Management in the Hospitalized Patient",
                "2026-08-03",
                "Northwind Medical Education",
                "ACCME",
                credits(("AMA PRA Category 1", "0.75")),
                "Jordan Avery, MD",
            ),
            css=LETTER_CSS,
            html=f"""<div class='org'>Northwind Medical Education</div><h1>Certificate of Completion</h1>
              <p>Learner: Jordan Avery, MD</p>
              <p>Activity title: Hyperkalemia: Recognition and Management in the Hospitalized Patient</p>
              <p>Format: Online enduring material</p>
              <p>Release date: January 15, 2026 &nbsp; Expiration date: January 14, 2027</p>
              <p>Date of completion: 08/03/2026</p>
              <p>Credits earned: 0.75 <i>AMA PRA Category 1 Credit™</i></p>
              <div class='small'>{ACCME.format(org="Northwind Medical Education")}
              {DESIGNATION.format(org="Northwind Medical Education", kind="enduring material", amount="0.75")}</div>""",
        ),
        # 4. AOA certificate, a date range across two months.
        Sample(
            "aoa-convention.pdf",
            expected(
                "OPSC 2025 Annual Convention",
                "2025-10-30",
                "Osteopathic Physicians and Surgeons of California",
                "AOA",
                credits(("AOA Category 1-A", "18.00")),
                "Dana Whitfield, DO",
                end_date="2025-11-01",
            ),
            html=centered(
                "Osteopathic Physicians and Surgeons of California",
                "Certificate of Attendance",
                "This is to certify that",
                "Dana Whitfield, DO",
                "has attended",
                "OPSC 2025 Annual Convention",
                "October 30 – November 1, 2025 · Rancho Mirage, California",
                "<div class='credit'>and has earned 18.00 AOA Category 1-A credits</div>",
                "The Osteopathic Physicians and Surgeons of California is accredited by the American "
                "Osteopathic Association to provide osteopathic continuing medical education for physicians. "
                "The Osteopathic Physicians and Surgeons of California designates this program for a maximum "
                "of 22 AOA Category 1-A credits and will report CME and specialty credits commensurate with "
                "the extent of the physician's participation in this activity.",
            ),
        ),
        # 5. State society's ethics course, joint providership accredited by a state medical society, ISO date.
        Sample(
            "state-ethics.pdf",
            expected(
                "Ethics at the End of Life: Surrogate Decision-Making",
                "2025-12-10",
                "Riverside Health System",
                "Medical Society of Virginia",
                credits(("AMA PRA Category 1", "2.00")),
                "Jordan Avery, MD",
            ),
            css=LETTER_CSS,
            html="""<div class='org'>Riverside Health System · Blue Ridge Ethics Forum</div>
              <h1>Certificate of Credit</h1>
              <p>This certifies that Jordan Avery, MD has completed</p>
              <p><b>Course: Ethics at the End of Life: Surrogate Decision-Making</b></p>
              <p>Date: 2025-12-10</p>
              <p>Credit awarded: 2.00 <i>AMA PRA Category 1 Credits™</i></p>
              <div class='small'>This activity has been planned and implemented in accordance with the
              accreditation requirements and policies of the Medical Society of Virginia through the joint
              providership of Riverside Health System and the Blue Ridge Ethics Forum. Riverside Health System is
              accredited by the Medical Society of Virginia to provide continuing medical education for
              physicians. Riverside Health System designates this live activity for a maximum of 2.00
              <i>AMA PRA Category 1 Credits™</i>.</div>""",
        ),
        # 6. Journal-based CME: the article is the title.
        Sample(
            "journal-cme.pdf",
            expected(
                "Direct Oral Anticoagulants in Chronic Kidney Disease: A Narrative Review",
                "2026-09-17",
                "Society of Hospital Medicine",
                "ACCME",
                credits(("AMA PRA Category 1", "1.00"), ("ABIM MOC points", "1.00")),
                "Jordan Avery, MD",
            ),
            css=LETTER_CSS,
            html=f"""<div class='org'>Journal of Hospital Medicine · Journal CME</div>
              <h1>Certificate — Journal-based CME</h1>
              <table>
              <tr><td>Name</td><td>Jordan Avery, MD</td></tr>
              <tr><td>Article</td><td>Direct Oral Anticoagulants in Chronic Kidney Disease: A Narrative Review</td></tr>
              <tr><td>Completed</td><td>September 17, 2026</td></tr>
              <tr><td>Credit</td><td>1.00 <i>AMA PRA Category 1 Credit™</i></td></tr>
              <tr><td>MOC</td><td>1.00 ABIM MOC point</td></tr></table>
              <div class='small'>{ACCME.format(org="The Society of Hospital Medicine")}
              {DESIGNATION.format(org="The Society of Hospital Medicine", kind="journal-based CME activity", amount="1.00")}</div>""",
        ),
        # 7. Point-of-care learning summary: per-search rows must not be summed or taken; the total is.
        Sample(
            "point-of-care.pdf",
            expected(
                "Internet Point-of-Care Learning",
                "2026-01-05",
                "ClinRef Medical Reference",
                "ACCME",
                credits(("AMA PRA Category 1", "3.50")),
                "Jordan Avery, MD",
                end_date="2026-06-28",
            ),
            css=LETTER_CSS,
            html=f"""<div class='org'>ClinRef Medical Reference</div><h1>CME Summary</h1>
              <p>Physician: Jordan Avery, MD</p>
              <p>Activity: Internet Point-of-Care Learning</p>
              <p>Period: 01/05/2026 – 06/28/2026</p>
              <table><tr><th>Date</th><th>Clinical question</th><th>Credit</th></tr>
              <tr><td>01/05/2026</td><td>Hyponatremia correction rate</td><td>0.50</td></tr>
              <tr><td>02/11/2026</td><td>DOAC dosing in CKD</td><td>0.50</td></tr>
              <tr><td>03/02/2026</td><td>Sepsis fluid resuscitation</td><td>0.50</td></tr>
              <tr><td>04/19/2026</td><td>Gout flare prophylaxis</td><td>1.00</td></tr>
              <tr><td>06/28/2026</td><td>QT-prolonging drugs</td><td>1.00</td></tr></table>
              <p>Total credits redeemed: 3.50 <i>AMA PRA Category 1 Credits™</i></p>
              <div class='small'>{ACCME.format(org="ClinRef Medical Reference")} ClinRef Medical Reference
              designates this Internet point-of-care activity for a maximum of 0.5
              <i>AMA PRA Category 1 Credit™</i> per topic searched.</div>""",
        ),
        # 8. MOC-only assessment: MOC points, no CME credit, no accreditor.
        Sample(
            "moc-assessment.pdf",
            expected(
                "Knowledge Check-In: Internal Medicine",
                "2026-05-19",
                "American Board of Internal Medicine",
                None,
                credits(("ABIM MOC points", "20")),
                "Jordan Avery, MD",
            ),
            css=LETTER_CSS,
            html="""<div class='org'>American Board of Internal Medicine</div>
              <h1>Maintenance of Certification — Assessment Completed</h1>
              <p>Diplomate: Jordan Avery, MD</p>
              <p>Assessment: Knowledge Check-In: Internal Medicine</p>
              <p>Completed on: May 19, 2026</p>
              <p>MOC points earned: 20 ABIM MOC points (Medical Knowledge)</p>
              <div class='small'>This is a Maintenance of Certification assessment. It does not award
              CME credit.</div>""",
        ),
        # 9. Certificate of participation for a non-physician: the activity's designation is not a credit.
        Sample(
            "participation-pa.pdf",
            expected(
                "Sepsis Update 2026: The First Hour",
                "2026-05-06",
                uh,
                "ACCME",
                [],
                "Morgan Lee, PA-C",
            ),
            html=centered(
                "University Hospital · Office of Continuing Medical Education",
                "Certificate of Participation",
                "This certifies that",
                "Morgan Lee, PA-C",
                "participated in the activity",
                "Sepsis Update 2026: The First Hour",
                "May 6, 2026",
                "<div class='credit'>This activity was designated for 1.00 "
                "<i>AMA PRA Category 1 Credit™</i>.</div>",
                ACCME.format(org=uh),
            ),
        ),
        # 10. AAFP Prescribed credit, hyphenated range in one month.
        Sample(
            "aafp-board-review.pdf",
            expected(
                "Family Medicine Board Review Express",
                "2026-06-08",
                "Family Medicine Education Consortium",
                "AAFP",
                credits(("AAFP Prescribed", "24.00")),
                "Jordan Avery, MD",
                end_date="2026-06-10",
            ),
            html=centered(
                "Family Medicine Education Consortium",
                "Certificate of Completion",
                "Presented to",
                "Jordan Avery, MD",
                "for completing",
                "Family Medicine Board Review Express",
                "June 8-10, 2026 · Columbus, Ohio",
                "<div class='credit'>AAFP Prescribed credits claimed: 24.00</div>",
                "This Live activity, Family Medicine Board Review Express, with a beginning date of "
                "06/08/2026, has been reviewed and is acceptable for up to 26.00 Prescribed credit(s) by the "
                "American Academy of Family Physicians. Physicians should claim only the credit commensurate "
                "with the extent of their participation in the activity.",
            ),
        ),
        # 11. ANCC contact hours from a jointly accredited provider.
        Sample(
            "ancc-nursing.pdf",
            expected(
                "Sepsis Recognition and Escalation for Nurses",
                "2025-11-03",
                "Lakeside Health",
                "Joint Accreditation",
                credits(("ANCC contact hours", "3.0")),
                "Riley Chen, RN",
            ),
            css=LETTER_CSS,
            html="""<div class='org'>Lakeside Health · Interprofessional Continuing Education</div>
              <h1>Certificate of Completion</h1>
              <p>Awarded to: Riley Chen, RN</p>
              <p>Title: Sepsis Recognition and Escalation for Nurses</p>
              <p>Date of completion: November 3, 2025</p>
              <p>Contact hours awarded: 3.0 ANCC contact hours</p>
              <div class='small'>In support of improving patient care, Lakeside Health is jointly accredited by
              the Accreditation Council for Continuing Medical Education (ACCME), the Accreditation Council for
              Pharmacy Education (ACPE), and the American Nurses Credentialing Center (ANCC), to provide
              continuing education for the healthcare team.</div>""",
        ),
        # 12. Workshop with a US numeric date and an issue date that is not the activity's.
        Sample(
            "pocus-workshop.pdf",
            expected(
                "Point-of-Care Ultrasound for Internists: Hands-on Workshop",
                "2026-03-07",
                uh,
                "ACCME",
                credits(("AMA PRA Category 1", "6.50")),
                "Jordan Avery, MD",
            ),
            css=LETTER_CSS,
            html=f"""<div class='org'>University Hospital Simulation Center</div><h1>Certificate of Completion</h1>
              <p>This is to certify that</p><p><b>Jordan Avery, MD</b></p>
              <p>has successfully completed the live activity</p>
              <p><b>Point-of-Care Ultrasound for Internists: Hands-on Workshop</b></p>
              <p>Activity date: 03/07/2026</p>
              <p>6.50 <i>AMA PRA Category 1 Credits™</i></p>
              <p>Date issued: 03/21/2026</p>
              <div class='small'>{ACCME.format(org=uh)}
              {DESIGNATION.format(org=uh, kind="live activity", amount="6.50")}</div>""",
        ),
        # 13. DEA MATE Act training, "Completed" wording and an issue date.
        Sample(
            "mate-training.pdf",
            expected(
                "Treatment of Opioid Use Disorder: DEA MATE Act 8-Hour Training",
                "2025-06-14",
                "American Society of Addiction Medicine",
                "ACCME",
                credits(("AMA PRA Category 1", "8.00")),
                "Jordan Avery, MD",
            ),
            html=centered(
                "American Society of Addiction Medicine",
                "Certificate of Completion",
                "This certifies that",
                "Jordan Avery, MD",
                "has completed the enduring activity",
                "Treatment of Opioid Use Disorder: DEA MATE Act 8-Hour Training",
                "Completed June 14, 2025 · Issued June 20, 2025",
                "<div class='credit'>8.00 <i>AMA PRA Category 1 Credits™</i></div>",
                ACCME.format(org="The American Society of Addiction Medicine"),
            ),
        ),
        # 14. Pediatric grand rounds with ABP MOC Part 2 points.
        Sample(
            "peds-grand-rounds.pdf",
            expected(
                "Pediatric Grand Rounds: Bronchiolitis Beyond the Guidelines",
                "2026-02-11",
                "Children's Hospital of the Valley",
                "ACCME",
                credits(("AMA PRA Category 1", "1.00"), ("ABP MOC points", "1.00")),
                "Sam Ortiz, MD",
            ),
            html=centered(
                "Children's Hospital of the Valley",
                "Certificate of Attendance",
                "This certifies that",
                "Sam Ortiz, MD",
                "attended",
                "Pediatric Grand Rounds: Bronchiolitis Beyond the Guidelines",
                "Wednesday, February 11, 2026",
                "<div class='credit'>1.00 <i>AMA PRA Category 1 Credit™</i></div>"
                "<div class='credit'>1.00 ABP MOC Part 2 point</div>",
                ACCME.format(org="Children's Hospital of the Valley"),
            ),
        ),
        # 15. A regional symposium with an ISO range and AMA PRA Category 2 self-claimed elsewhere (only Category 1 here).
        Sample(
            "shm-symposium.pdf",
            expected(
                "Hospital Medicine Regional Symposium",
                "2026-06-05",
                "Society of Hospital Medicine",
                "ACCME",
                credits(("AMA PRA Category 1", "10.25")),
                "Jordan Avery, MD",
                end_date="2026-06-06",
            ),
            css=LETTER_CSS,
            html=f"""<div class='org'>Society of Hospital Medicine</div><h1>Certificate of Credit</h1>
              <p>Name: Jordan Avery, MD</p>
              <p>Program: Hospital Medicine Regional Symposium</p>
              <p>Dates: 2026-06-05 to 2026-06-06</p>
              <p>You claimed 10.25 <i>AMA PRA Category 1 Credits™</i> for this activity.</p>
              <div class='small'>{ACCME.format(org="The Society of Hospital Medicine")}
              {DESIGNATION.format(org="The Society of Hospital Medicine", kind="live activity", amount="12.00")}</div>""",
        ),
    ]
    by_file = {s.file: s for s in out}
    # Photos and scans of some of the above, read by OCR.
    out += [
        Sample(
            "grand-rounds-photo.jpg",
            by_file["grand-rounds.pdf"].expected,
            kind="image",
            photo_of="grand-rounds.pdf",
            rotate=1.3,
        ),
        Sample(
            "aoa-convention-photo.png",
            by_file["aoa-convention.pdf"].expected,
            kind="image",
            photo_of="aoa-convention.pdf",
            rotate=-0.8,
        ),
        Sample(
            "enduring-module-photo.jpg",
            by_file["enduring-module.pdf"].expected,
            kind="image",
            photo_of="enduring-module.pdf",
            rotate=0.7,
        ),
        Sample(
            "state-ethics-scan.pdf",
            by_file["state-ethics.pdf"].expected,
            kind="image",
            photo_of="state-ethics.pdf",
            rotate=-0.5,
            scanned_pdf=True,
        ),
    ]
    return out


def _html(sample: Sample) -> str:
    return (
        f"<html><head><meta charset='utf-8'><style>{sample.css}</style></head>"
        f"<body>{sample.html}</body></html>"
    )


def render_pdf(sample: Sample, target: Path) -> None:
    from weasyprint import HTML

    HTML(string=_html(sample)).write_pdf(target)


def photograph(pdf: Path, sample: Sample, target: Path, dpi: int = 200) -> None:
    """Render ``pdf`` at ``dpi``, then rotate, blur, noise and compress it like a phone photo."""
    from PIL import Image, ImageChops, ImageFilter

    stem = target.with_suffix("")
    subprocess.run(
        ["pdftoppm", "-r", str(dpi), "-png", "-singlefile", str(pdf), str(stem) + "-raw"],
        check=True,
    )
    raw = Path(str(stem) + "-raw.png")
    with Image.open(raw) as image:
        page = image.convert("L")
    raw.unlink()
    rng = random.Random(sample.file)
    page = page.rotate(sample.rotate, resample=Image.BICUBIC, expand=True, fillcolor=235)
    page = page.filter(ImageFilter.GaussianBlur(0.6))
    page = ImageChops.add(page, Image.effect_noise(page.size, 18), 1.0, -128)  # sensor noise
    pixels = page.load()
    width, height = page.size
    for _ in range(width * height // 150):  # salt-and-pepper specks, as dust on a scanner glass
        x, y = rng.randrange(width), rng.randrange(height)
        pixels[x, y] = 0 if rng.random() < 0.5 else 255
    photo = Image.merge(
        "RGB", [page.point(lambda v: min(255, v + 8)), page, page.point(lambda v: v * 0.96)]
    )
    if sample.scanned_pdf:
        photo.save(target, format="PDF", resolution=dpi)
    elif target.suffix == ".png":
        photo.save(target, format="PNG")
    else:
        photo.save(target, format="JPEG", quality=72)


def write_corpus(folder: Path, only: set[str] | None = None) -> list[Sample]:
    """Render the corpus (or the samples named in ``only``) into ``folder``; return the samples."""
    folder.mkdir(parents=True, exist_ok=True)
    chosen = [s for s in samples() if only is None or s.file in only]
    need_pdfs = {s.photo_of for s in chosen if s.photo_of} | {
        s.file for s in chosen if not s.photo_of
    }
    by_file = {s.file: s for s in samples()}
    for name in sorted(need_pdfs):
        target = folder / name
        if not target.exists():
            render_pdf(by_file[name], target)
    for sample in chosen:
        if sample.photo_of:
            photograph(folder / sample.photo_of, sample, folder / sample.file)
    return chosen


def have_pdftoppm() -> bool:
    return shutil.which("pdftoppm") is not None


if __name__ == "__main__":  # python tests/certificate_corpus.py DIR: look at the corpus
    import sys

    for s in write_corpus(Path(sys.argv[1] if len(sys.argv) > 1 else "corpus")):
        print(s.kind, s.file)
