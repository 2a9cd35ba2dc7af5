from floorlead.training.progress import ModuleSpec, ModuleState, program_progress

MODULES = [ModuleSpec(1, has_quiz=False), ModuleSpec(2, has_quiz=True), ModuleSpec(3, False)]


def test_nothing_done_points_at_the_first_module() -> None:
    result = program_progress(MODULES, {})

    assert (result.done, result.total, result.percent, result.complete) == (0, 3, 0, False)
    assert result.next_module_id == 1


def test_a_quiz_module_is_not_done_until_the_quiz_is_passed() -> None:
    states = {1: ModuleState(True), 2: ModuleState(True, passed=False), 3: ModuleState(True)}

    result = program_progress(MODULES, states)

    assert (result.done, result.percent, result.complete, result.next_module_id) == (
        2,
        66,
        False,
        2,
    )


def test_every_module_done_and_quiz_passed_completes_the_programme() -> None:
    states = {1: ModuleState(True), 2: ModuleState(True, passed=True), 3: ModuleState(True)}

    result = program_progress(MODULES, states)

    assert (result.done, result.percent, result.complete, result.next_module_id) == (
        3,
        100,
        True,
        None,
    )


def test_a_programme_without_modules_is_never_complete() -> None:
    assert program_progress([], {}).complete is False
