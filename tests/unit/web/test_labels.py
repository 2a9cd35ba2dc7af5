import pytest

from floorlead.web.templating import label


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("on_hold", "On hold"),
        ("qa_review", "QA review"),
        ("sla_policy", "SLA policy"),
        ("approval_request", "Approval request"),
        ("", ""),
        (None, ""),
    ],
)
def test_enum_values_read_as_words_with_acronyms_kept(value: object, shown: str) -> None:
    assert label(value) == shown
