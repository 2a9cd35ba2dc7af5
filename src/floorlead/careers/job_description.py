"""A role as a formatted job description: Markdown, and a PDF with extractable text.

Both are built from one outline (:func:`outline`), so the two always carry the same sections.
The PDF uses a core font (Helvetica), which covers Latin-1: other characters are replaced by
their nearest Latin-1 form (dashes, quotes, bullets) or by ``?``.
"""

from __future__ import annotations

from dataclasses import dataclass

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from floorlead.careers.model import RoleSpec

LATIN_1_STAND_INS = {
    "\u2013": "-",
    "\u2014": "-",
    "\u2018": "'",
    "\u2019": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u2022": "\u00b7",
    "\u2026": "...",
    "\u2264": "<=",
    "\u2265": ">=",
}


@dataclass(frozen=True)
class Section:
    heading: str
    paragraphs: tuple[str, ...] = ()
    bullets: tuple[str, ...] = ()


def _qualifications(role: RoleSpec) -> tuple[str, ...]:
    lines = []
    if role.education:
        lines.append(f"Education: {role.education}")
    if role.experience_years > 0:
        lines.append(f"Experience: at least {role.experience_years:g} years in customer service")
    lines += [f"Certification: {name}" for name in role.certifications]
    return tuple(lines) or ("No formal qualifications required",)


def outline(role: RoleSpec) -> list[Section]:
    """The sections of the job description, in order; empty sections are left out."""
    sections = [
        Section("Purpose", paragraphs=(role.purpose,)),
        Section("Responsibilities", bullets=role.responsibilities),
        Section("Qualifications", bullets=_qualifications(role)),
        Section(
            "Skills",
            bullets=tuple(f"{s.skill}: level {s.level} of 5" for s in role.skills),
        ),
        Section("How success is measured", bullets=tuple(k.describe() for k in role.kpis)),
        Section(
            "Training",
            bullets=tuple(f"{t.program}, within {t.due_days} days" for t in role.training),
        ),
        Section("Where the role leads", bullets=tuple(r.title for r in role.next_roles)),
    ]
    return [s for s in sections if s.paragraphs or s.bullets]


def _subtitle(role: RoleSpec) -> str:
    return f"Reports to: {role.reports_to.title}" if role.reports_to else ""


def job_description_markdown(role: RoleSpec) -> str:
    lines = [f"# {role.title}", ""]
    if role.reports_to:
        lines += [f"*{_subtitle(role)}*", ""]
    for section in outline(role):
        lines += [f"## {section.heading}", ""]
        for paragraph in section.paragraphs:
            lines += [paragraph, ""]
        if section.bullets:
            lines += [f"- {bullet}" for bullet in section.bullets] + [""]
    return "\n".join(lines).rstrip() + "\n"


def latin_1(text: str) -> str:
    for char, stand_in in LATIN_1_STAND_INS.items():
        text = text.replace(char, stand_in)
    return text.encode("latin-1", "replace").decode("latin-1")


def _line(pdf: FPDF, text: str, *, size: float, style: str = "", height: float = 6) -> None:
    pdf.set_font("Helvetica", style, size)
    pdf.multi_cell(0, height, latin_1(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def _section(pdf: FPDF, section: Section) -> None:
    pdf.ln(4)
    _line(pdf, section.heading, size=12, style="B", height=7)
    pdf.set_draw_color(200, 205, 215)
    pdf.line(pdf.l_margin, pdf.get_y(), pdf.w - pdf.r_margin, pdf.get_y())
    pdf.ln(1.5)
    for paragraph in section.paragraphs:
        _line(pdf, paragraph, size=10.5)
    for bullet in section.bullets:
        _line(pdf, f"\u00b7  {bullet}", size=10.5)


def job_description_pdf(role: RoleSpec) -> bytes:
    pdf = FPDF(format="A4")
    pdf.set_title(latin_1(f"{role.title} - job description"))
    pdf.set_creator("floorlead")
    pdf.set_margins(20, 18, 20)
    pdf.add_page()
    pdf.set_text_color(103, 112, 132)
    _line(pdf, "Job description", size=9)
    pdf.set_text_color(29, 35, 48)
    _line(pdf, role.title, size=20, style="B", height=10)
    if role.reports_to:
        _line(pdf, _subtitle(role), size=10.5, style="I")
    for section in outline(role):
        _section(pdf, section)
    return bytes(pdf.output())
