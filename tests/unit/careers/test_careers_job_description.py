import re
import zlib

from floorlead.careers.job_description import (
    job_description_markdown,
    job_description_pdf,
    latin_1,
    outline,
)
from floorlead.careers.model import (
    Direction,
    KpiTarget,
    RoleLink,
    RoleSpec,
    SkillRequirement,
    TrainingRequirement,
)

ROLE = RoleSpec(
    slug="team-lead",
    title="Team lead",
    purpose="Runs a team of agents through the shift — and coaches them.",
    responsibilities=("Open each shift with a huddle", "Take the escalations"),
    education="Secondary education",
    experience_years=2,
    certifications=("Data protection essentials",),
    skills=(SkillRequirement("Coaching", 3),),
    kpis=(KpiTarget("csat", 85, Direction.AT_LEAST, "Customer satisfaction", "%"),),
    training=(TrainingRequirement(7, "Leading a shift", 30),),
    reports_to=RoleLink("customer-service-supervisor", "Customer-service supervisor"),
    next_roles=(RoleLink("customer-service-supervisor", "Customer-service supervisor"),),
)


def page_text(pdf: bytes) -> str:
    """The text drawn on the pages: the strings of every (inflated) content stream's Tj."""
    shown = []
    for stream in re.findall(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.S):
        try:
            content = zlib.decompress(stream)
        except zlib.error:
            content = stream
        shown += re.findall(rb"\((.*?)\) Tj", content)
    return "\n".join(s.decode("latin-1") for s in shown)


def test_the_markdown_has_every_section_in_order() -> None:
    text = job_description_markdown(ROLE)

    headings = [line for line in text.splitlines() if line.startswith("#")]
    assert headings == [
        "# Team lead",
        "## Purpose",
        "## Responsibilities",
        "## Qualifications",
        "## Skills",
        "## How success is measured",
        "## Training",
        "## Where the role leads",
    ]
    assert "*Reports to: Customer-service supervisor*" in text
    assert "- Experience: at least 2 years in customer service" in text
    assert "- Coaching: level 3 of 5" in text
    assert "- Customer satisfaction at least 85%" in text
    assert "- Leading a shift, within 30 days" in text


def test_empty_sections_are_left_out() -> None:
    bare = RoleSpec(slug="x", title="Helper", purpose="Helps.")

    assert [s.heading for s in outline(bare)] == ["Purpose", "Qualifications"]


def test_the_pdf_is_a_pdf_whose_pages_carry_the_title_and_sections() -> None:
    pdf = job_description_pdf(ROLE)

    text = page_text(pdf)
    assert pdf.startswith(b"%PDF")
    assert "Team lead" in text.splitlines()
    assert "How success is measured" in text
    assert "Runs a team of agents through the shift - and coaches them." in text


def test_text_outside_latin_1_is_replaced_for_the_core_font() -> None:
    assert latin_1("“Ready” – ≥ 3 … ✓") == '"Ready" - >= 3 ... ?'
