"""People working through an assigned programme, module by module, through the training
services: each finishes somewhere between a third of the way to the due date and just before
it, spreading the modules over the days in between (someone who has fallen behind stops after
the first module). Quizzes are passed; new starters fail their first go at a quiz that needs
every answer right, and pass an hour later. Nothing is done after the end of the window or
after the person has left.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from floorlead.demo.organisation import Member
from floorlead.demo.seed_context import SeedContext, local_moment
from floorlead.training import complete_module, submit_quiz
from floorlead.training.tables import TrainingAssignment, TrainingModule, TrainingProgram

PACE = (0.3, 0.95)  # share of the time to the due date taken to finish
MODULE_GAP = timedelta(minutes=25)
RETRY_AFTER = timedelta(hours=1)
STRAGGLER_MODULES = 1
STRICT_PASS_MARK = 100.0


class ProgressPlanner:
    def __init__(self, context: SeedContext, session: Session) -> None:
        self.context, self.session = context, session
        programs = session.scalars(
            select(TrainingProgram).options(
                selectinload(TrainingProgram.modules).selectinload(TrainingModule.questions)
            )
        )
        self.modules = {p.id: sorted(p.modules, key=lambda m: m.position) for p in programs}
        self.modules_done = 0

    def work_through(
        self, assignment: TrainingAssignment, person: Member, *, stop_early: bool
    ) -> None:
        modules = self.modules[assignment.program_id]
        if stop_early:
            modules = modules[:STRAGGLER_MODULES]
        start = assignment.assigned_at
        days = max((assignment.due_on - start.date()).days, 1)
        pace = float(self.context.rng.uniform(*PACE))
        new_starter = person.hire_date > self.context.first_day
        for k, module in enumerate(modules):
            offset = round(days * pace * (k + 1) / len(modules))
            at = max(
                local_moment(start.date() + timedelta(days=offset), 11) + k * MODULE_GAP,
                start + MODULE_GAP,
            )
            if not self._possible(person, at):
                return
            self._finish(assignment, module, person, at, strict_retry=new_starter)

    def _possible(self, person: Member, at: datetime) -> bool:
        if at >= self.context.end - timedelta(minutes=10):
            return False
        return person.leave_date is None or at.date() < person.leave_date

    def _finish(
        self,
        assignment: TrainingAssignment,
        module: TrainingModule,
        person: Member,
        at: datetime,
        *,
        strict_retry: bool,
    ) -> None:
        if module.pass_mark is None:
            actor = self.context.actor(self.session, person.id)
            complete_module(
                self.session, actor=actor, assignment_id=assignment.id, module_id=module.id, now=at
            )
            self.modules_done += 1
            return
        right = {q.id: q.correct_choice for q in module.questions}
        if strict_retry and module.pass_mark >= STRICT_PASS_MARK:
            first = module.questions[0]
            wrong = right | {first.id: (first.correct_choice + 1) % len(first.choices)}
            self._take_quiz(assignment, module, person, wrong, at)
            at += RETRY_AFTER
            if not self._possible(person, at):
                return
        self._take_quiz(assignment, module, person, right, at)
        self.modules_done += 1

    def _take_quiz(
        self,
        assignment: TrainingAssignment,
        module: TrainingModule,
        person: Member,
        answers: dict[int, int],
        at: datetime,
    ) -> None:
        submit_quiz(
            self.session,
            actor=self.context.actor(self.session, person.id),
            assignment_id=assignment.id,
            module_id=module.id,
            answers=answers,
            now=at,
        )
