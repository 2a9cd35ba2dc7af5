"""Programme progress: a module is done when it is completed and, if it has a quiz, the quiz
was passed; a programme is complete when every one of its modules is done."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class ModuleSpec:
    id: int
    has_quiz: bool


@dataclass(frozen=True)
class ModuleState:
    completed: bool = False
    passed: bool | None = None  # None: no quiz attempt yet


@dataclass(frozen=True)
class ProgramProgress:
    done: int
    total: int
    percent: int  # whole percent, rounded down so that 100 means complete
    complete: bool
    next_module_id: int | None  # the first module not done yet


def module_done(spec: ModuleSpec, state: ModuleState | None) -> bool:
    if state is None or not state.completed:
        return False
    return not spec.has_quiz or state.passed is True


def program_progress(
    modules: Sequence[ModuleSpec], states: Mapping[int, ModuleState]
) -> ProgramProgress:
    """Progress through ``modules`` (in programme order) given each module's state."""
    done_flags = [module_done(spec, states.get(spec.id)) for spec in modules]
    done = sum(done_flags)
    total = len(modules)
    pending = [spec.id for spec, flag in zip(modules, done_flags, strict=True) if not flag]
    return ProgramProgress(
        done=done,
        total=total,
        percent=(100 * done) // total if total else 0,
        complete=total > 0 and done == total,
        next_module_id=pending[0] if pending else None,
    )
