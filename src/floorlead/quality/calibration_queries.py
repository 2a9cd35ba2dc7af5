"""Reading calibration sessions: progress while open (blind), agreement once closed."""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, selectinload

from floorlead.auth.permissions import Actor
from floorlead.errors import Conflict
from floorlead.quality.calibration import (
    Level,
    krippendorff_alpha,
    reviewer_deviations,
    score_spread,
)
from floorlead.quality.calibrations import CalibrationNotFound, load_calibration, may_follow
from floorlead.quality.model import NOT_APPLICABLE, AnswerType, CalibrationStatus
from floorlead.quality.queries import people_names
from floorlead.quality.schemas import (
    CalibrationEntryPublic,
    CalibrationPublic,
    CalibrationResults,
    CalibrationSummary,
    CalibrationTicketPublic,
    CriterionAgreement,
    InteractionSpread,
    PanelistPublic,
    ReviewerDeviationPublic,
)
from floorlead.quality.tables import (
    QaCalibration,
    QaCalibrationEntry,
    QaCalibrationPanelist,
    QaCriterion,
    QaScorecardVersion,
    QaSection,
)
from floorlead.tickets.tables import Ticket

# The reviewer furthest from the panel is flagged when on average this many points away.
OUTLIER_MIN_POINTS = 5.0
LEVEL_OF = {AnswerType.YES_NO: Level.NOMINAL, AnswerType.SCALE: Level.ORDINAL}


def _followed(session: Session, actor: Actor, calibration_id: int) -> QaCalibration:
    calibration = load_calibration(session, calibration_id)
    if not may_follow(actor, calibration):
        raise CalibrationNotFound(
            f"no calibration session {calibration_id}", field="calibration_id"
        )
    return calibration


def calibration_detail(session: Session, *, actor: Actor, calibration_id: int) -> CalibrationPublic:
    """The session, how many interactions each panelist has scored and the actor's own
    answers; nobody sees another panelist's answers here."""
    calibration = _followed(session, actor, calibration_id)
    counts = dict(
        session.execute(
            select(QaCalibrationEntry.reviewer_id, func.count())
            .where(QaCalibrationEntry.calibration_id == calibration.id)
            .group_by(QaCalibrationEntry.reviewer_id)
        ).all()
    )
    mine = session.scalars(
        select(QaCalibrationEntry).where(
            QaCalibrationEntry.calibration_id == calibration.id,
            QaCalibrationEntry.reviewer_id == actor.person_id,
        )
    )
    panel = [p.person_id for p in calibration.panelists]
    names = people_names(session, [*panel, calibration.facilitator_id])
    ticket_ids = [t.ticket_id for t in calibration.tickets]
    subjects = dict(
        session.execute(select(Ticket.id, Ticket.subject).where(Ticket.id.in_(ticket_ids))).all()
    )
    return CalibrationPublic(
        id=calibration.id,
        name=calibration.name,
        scorecard_id=calibration.scorecard_id,
        version=session.get_one(QaScorecardVersion, calibration.version_id).number,
        status=calibration.status,
        facilitator_id=calibration.facilitator_id,
        facilitator_name=names.get(calibration.facilitator_id, ""),
        created_at=calibration.created_at,
        closed_at=calibration.closed_at,
        tickets=[
            CalibrationTicketPublic(ticket_id=t, subject=subjects.get(t, "")) for t in ticket_ids
        ],
        panel=[
            PanelistPublic(person_id=p, name=names.get(p, ""), submitted=counts.get(p, 0))
            for p in sorted(panel, key=lambda p: names.get(p, ""))
        ],
        my_answers={e.ticket_id: dict(e.answers) for e in mine},
    )


def list_calibrations(session: Session, *, actor: Actor) -> list[CalibrationSummary]:
    """Sessions the actor runs or sits on (an admin: all), newest first."""
    query = select(QaCalibration).options(
        selectinload(QaCalibration.tickets), selectinload(QaCalibration.panelists)
    )
    if not actor.is_admin:
        on_panel = select(QaCalibrationPanelist.calibration_id).where(
            QaCalibrationPanelist.person_id == actor.person_id
        )
        query = query.where(
            or_(QaCalibration.facilitator_id == actor.person_id, QaCalibration.id.in_(on_panel))
        )
    rows = session.scalars(query.order_by(QaCalibration.id.desc())).all()
    names = people_names(session, [c.facilitator_id for c in rows])
    return [
        CalibrationSummary(
            id=c.id,
            name=c.name,
            status=c.status,
            facilitator_name=names.get(c.facilitator_id, ""),
            created_at=c.created_at,
            closed_at=c.closed_at,
            tickets=len(c.tickets),
            panel=len(c.panelists),
        )
        for c in rows
    ]


def calibration_results(
    session: Session, *, actor: Actor, calibration_id: int
) -> CalibrationResults:
    """Agreement per criterion and overall, spread per interaction, reviewers' deviations."""
    detail = calibration_detail(session, actor=actor, calibration_id=calibration_id)
    if detail.status != CalibrationStatus.CLOSED:
        raise Conflict("results stay hidden until the session is closed", field="calibration_id")
    entries = list(
        session.scalars(
            select(QaCalibrationEntry)
            .where(QaCalibrationEntry.calibration_id == calibration_id)
            .order_by(QaCalibrationEntry.ticket_id, QaCalibrationEntry.reviewer_id)
        )
    )
    names = {p.person_id: p.name for p in detail.panel}
    subjects = {t.ticket_id: t.subject for t in detail.tickets}
    scores: dict[int, dict[int, float]] = defaultdict(dict)
    for entry in entries:
        scores[entry.ticket_id][entry.reviewer_id] = entry.score
    panel = [p.person_id for p in detail.panel]
    overall_units = [[by.get(r) for r in panel] for by in scores.values()]
    return CalibrationResults(
        calibration=detail,
        overall_alpha=krippendorff_alpha(overall_units, Level.INTERVAL),
        overall_level=Level.INTERVAL.value,
        criteria=_criterion_agreement(session, calibration_id, entries, panel),
        interactions=_spreads(scores, subjects),
        reviewers=_deviations(scores, names),
        entries=[
            CalibrationEntryPublic(
                ticket_id=e.ticket_id,
                reviewer_id=e.reviewer_id,
                reviewer_name=names.get(e.reviewer_id, ""),
                score=e.score,
                auto_failed=e.auto_failed,
                answers=dict(e.answers),
            )
            for e in entries
        ],
    )


def _criterion_agreement(
    session: Session, calibration_id: int, entries: list[QaCalibrationEntry], panel: list[int]
) -> list[CriterionAgreement]:
    version_id = session.get_one(QaCalibration, calibration_id).version_id
    criteria = session.scalars(
        select(QaCriterion)
        .join(QaSection, QaSection.id == QaCriterion.section_id)
        .where(QaSection.version_id == version_id)
        .order_by(QaSection.position, QaCriterion.position)
    ).all()
    by_ticket: dict[int, dict[int, dict[str, str]]] = defaultdict(dict)
    for entry in entries:
        by_ticket[entry.ticket_id][entry.reviewer_id] = entry.answers
    found = []
    for criterion in criteria:
        answer_type = AnswerType(criterion.answer_type)
        units = [
            [_coded(answers.get(r, {}).get(criterion.key), answer_type) for r in panel]
            for answers in by_ticket.values()
        ]
        found.append(
            CriterionAgreement(
                key=criterion.key,
                label=criterion.label,
                level=LEVEL_OF[answer_type].value,
                alpha=krippendorff_alpha(units, LEVEL_OF[answer_type]),
                pairable_values=_pairable(units),
            )
        )
    return found


def _pairable(units: list[list[str | int | None]]) -> int:
    counts = [sum(v is not None for v in unit) for unit in units]
    return sum(c for c in counts if c >= 2)


def _coded(value: str | None, answer_type: AnswerType) -> str | int | None:
    """An answer as alpha reads it: N/A and missing answers are missing values."""
    if value is None or value == NOT_APPLICABLE:
        return None
    return int(value) if answer_type is AnswerType.SCALE else value


def _spreads(
    scores: dict[int, dict[int, float]], subjects: dict[int, str]
) -> list[InteractionSpread]:
    found = []
    for ticket_id, by_reviewer in scores.items():
        spread = score_spread(list(by_reviewer.values()))
        found.append(
            InteractionSpread(
                ticket_id=ticket_id,
                subject=subjects.get(ticket_id, ""),
                mean=spread.mean,
                std_dev=spread.std_dev,
                low=spread.low,
                high=spread.high,
                range=spread.range,
                scores=spread.count,
            )
        )
    return sorted(found, key=lambda s: (-s.std_dev, s.ticket_id))


def _deviations(
    scores: dict[int, dict[int, float]], names: dict[int, str]
) -> list[ReviewerDeviationPublic]:
    deviations = reviewer_deviations(scores)
    return [
        ReviewerDeviationPublic(
            reviewer_id=d.reviewer_id,
            name=names.get(d.reviewer_id, ""),
            mean_deviation=d.mean_deviation,
            mean_absolute_deviation=d.mean_absolute_deviation,
            interactions=d.interactions,
            outlier=i == 0 and d.mean_absolute_deviation >= OUTLIER_MIN_POINTS,
        )
        for i, d in enumerate(deviations)
    ]
