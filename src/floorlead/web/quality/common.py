"""Plumbing shared by the quality pages: form parsing, error messages, rendering."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Depends, Request
from fastapi.responses import Response
from pydantic import ValidationError

from floorlead.errors import DomainError
from floorlead.quality.access import is_reviewer
from floorlead.quality.model import REASON_LABELS
from floorlead.quality.schemas import AnswerIn
from floorlead.web.templating import templates


async def form_fields(request: Request) -> dict[str, str]:
    form = await request.form()
    return {k: v for k, v in form.multi_items() if isinstance(v, str)}


FormDep = Annotated[dict[str, str], Depends(form_fields)]


def answers_from(form: dict[str, str]) -> dict[str, str]:
    return {k[7:]: v for k, v in form.items() if k.startswith("answer.") and v}


def answer_inputs_from(form: dict[str, str]) -> dict[str, AnswerIn]:
    return {
        key: AnswerIn(value=value, comment=form.get(f"comment.{key}", ""))
        for key, value in answers_from(form).items()
    }


def problem(exc: Exception) -> str:
    """A refused input as one sentence for the page."""
    if isinstance(exc, DomainError):
        return exc.message
    if isinstance(exc, ValidationError):
        return "; ".join(f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors())
    return str(exc)


def render(request: Request, name: str, context: dict[str, Any], status: int = 200) -> Response:
    viewer = context.get("viewer")
    context.setdefault("is_reviewer", viewer is not None and is_reviewer(viewer.actor))
    context.setdefault("reason_labels", REASON_LABELS)
    return templates.TemplateResponse(request, f"quality/{name}", context, status_code=status)
