from pathlib import Path

from floorlead.config import Settings, settings_markdown

DOC = Path(__file__).parents[3] / "docs" / "settings.md"


def test_settings_doc_matches_the_settings_class() -> None:
    assert DOC.read_text() == settings_markdown(), (
        "regenerate: python -m floorlead.config > docs/settings.md"
    )


def test_every_setting_has_a_description() -> None:
    assert all(field.description for field in Settings.model_fields.values())


def test_default_database_is_sqlite_in_the_data_dir(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path)

    assert settings.sqlalchemy_url == f"sqlite:///{(tmp_path / 'floorlead.db').resolve()}"
