"""Settings: the single source of truth for configuration (environment prefix ``FLOORLEAD_``)."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """floorlead configuration. Every field is documented in docs/settings.md."""

    model_config = SettingsConfigDict(env_prefix="FLOORLEAD_", extra="ignore")

    data_dir: Path = Field(
        default=Path("floorlead-data"),
        description="Folder for the embedded SQLite database and the analytics file.",
    )
    database_url: str | None = Field(
        default=None,
        description="SQLAlchemy URL of the operational database, e.g. "
        "postgresql+psycopg://user@host/db. Default: SQLite in the data directory.",
    )
    admin_email: str | None = Field(
        default=None, description="Email of the admin account created by `init` and `demo`."
    )
    admin_password: str | None = Field(
        default=None,
        description="Password of that admin account. Default: a random one, printed once.",
    )
    session_hours: int = Field(default=12, ge=1, description="How long a web login lasts.")
    token_days: int = Field(default=30, ge=1, description="How long an API token lasts.")
    auth_cache_seconds: float = Field(
        default=10.0,
        ge=0,
        description=(
            "How long a server process remembers who holds a token or web session and what "
            "they may see. Changes made through the same process apply at once; changes made "
            "by another process or the CLI apply within this time. 0 turns the cache off."
        ),
    )
    login_attempts_per_window: int = Field(
        default=5, ge=1, description="Failed logins allowed per email and address per window."
    )
    login_window_minutes: int = Field(
        default=15, ge=1, description="Length of the failed-login window."
    )
    analytics_backend: str = Field(
        default="duckdb",
        description="Where KPIs run: `duckdb` (embedded file fed from the operational database) "
        "or `operational` (directly on the operational database, e.g. PostgreSQL).",
    )
    secure_cookies: bool = Field(
        default=False, description="Mark cookies Secure (set when served over HTTPS)."
    )
    base_url: str = Field(
        default="http://127.0.0.1:8000",
        description="Address people open floorlead at; links in e-mails start with it.",
    )
    smtp_host: str | None = Field(
        default=None,
        description="SMTP server that sends e-mail notifications. Unset: mail is off "
        "(notifications are still recorded, none is sent).",
    )
    smtp_port: int | None = Field(
        default=None,
        ge=1,
        le=65535,
        description="SMTP port. Default: 465 with SSL, 587 with STARTTLS, otherwise 25.",
    )
    smtp_username: str | None = Field(default=None, description="SMTP login name; unset: no login.")
    smtp_password: SecretStr | None = Field(default=None, description="SMTP password.")
    smtp_starttls: bool = Field(
        default=False, description="Upgrade the SMTP connection with STARTTLS before logging in."
    )
    smtp_ssl: bool = Field(
        default=False, description="Connect to the SMTP server over TLS from the start (SMTPS)."
    )
    smtp_from: str | None = Field(
        default=None,
        description="Sender address of notification e-mails, e.g. "
        "`floorlead <floorlead@example.com>`; needed when `FLOORLEAD_SMTP_HOST` is set.",
    )
    smtp_send_interval_seconds: int = Field(
        default=60,
        ge=0,
        description="How often the web app sends waiting e-mail while SMTP is set; "
        "0: never (run `floorlead notify send` from a scheduler instead).",
    )

    @field_validator("analytics_backend")
    @classmethod
    def _known_backend(cls, value: str) -> str:
        if value not in {"duckdb", "operational"}:
            raise ValueError("must be 'duckdb' or 'operational'")
        return value

    @model_validator(mode="after")
    def _coherent_mail(self) -> Settings:
        if self.smtp_ssl and self.smtp_starttls:
            raise ValueError("set FLOORLEAD_SMTP_SSL or FLOORLEAD_SMTP_STARTTLS, not both")
        if self.smtp_host and not self.smtp_from:
            raise ValueError("FLOORLEAD_SMTP_FROM is needed when FLOORLEAD_SMTP_HOST is set")
        return self

    @property
    def mail_enabled(self) -> bool:
        return bool(self.smtp_host)

    @property
    def sqlalchemy_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{(self.data_dir / 'floorlead.db').resolve()}"

    @property
    def analytics_path(self) -> Path:
        return self.data_dir / "analytics.duckdb"


def settings_markdown() -> str:
    """docs/settings.md, generated from :class:`Settings` (``python -m floorlead.config``)."""
    lines = [
        "# Settings",
        "",
        "Every setting is read from an environment variable; none is required.",
        "This page is generated from `floorlead.config.Settings` by `python -m floorlead.config`.",
        "",
        "| variable | default | meaning |",
        "|---|---|---|",
    ]
    for name, field in Settings.model_fields.items():
        default = field.default if field.default is not None else ""
        lines.append(
            f"| `FLOORLEAD_{name.upper()}` | `{default}` | {field.description or ''} |"
            if default != ""
            else f"| `FLOORLEAD_{name.upper()}` | | {field.description or ''} |"
        )
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(settings_markdown(), end="")
