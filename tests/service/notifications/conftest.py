"""A real SMTP server (aiosmtpd) on a free port: plain, STARTTLS with login, and SMTPS."""

from __future__ import annotations

import ssl
import subprocess
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword
from mail_world import LOGIN, SECRET, Inbox, free_port


def _authenticate(server: Any, session: Any, envelope: Any, mechanism: str, data: Any) -> Any:
    good = isinstance(data, LoginPassword) and (data.login, data.password) == (
        LOGIN.encode(),
        SECRET.encode(),
    )
    return AuthResult(success=good, handled=False)  # a refusal gets the standard 535


def _serve(inbox: Inbox, **options: Any) -> Iterator[Inbox]:
    inbox.port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=inbox.port, **options)
    controller.start()
    try:
        yield inbox
    finally:
        controller.stop()


@pytest.fixture
def inbox() -> Iterator[Inbox]:
    """A plain SMTP server without login, as on a trusted internal relay."""
    yield from _serve(Inbox())


@pytest.fixture(scope="session")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1 (made with the openssl command)."""
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        [
            *("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2"),
            *("-subj", "/CN=localhost", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost"),
            *("-keyout", str(key), "-out", str(cert)),
        ],
        check=True,
        capture_output=True,
    )
    return cert, key


@pytest.fixture
def trusted_certificate(
    certificate: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> tuple[Path, Path]:
    """The certificate, trusted by this process as if a public authority had signed it."""
    monkeypatch.setenv("SSL_CERT_FILE", str(certificate[0]))
    return certificate


def _server_tls(certificate: tuple[Path, Path]) -> ssl.SSLContext:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(*certificate)
    return context


@pytest.fixture
def starttls_inbox(trusted_certificate: tuple[Path, Path]) -> Iterator[Inbox]:
    """A submission server: STARTTLS first, then login, then mail."""
    yield from _serve(
        Inbox(),
        tls_context=_server_tls(trusted_certificate),
        require_starttls=True,
        auth_required=True,
        authenticator=_authenticate,
    )


@pytest.fixture
def ssl_inbox(trusted_certificate: tuple[Path, Path]) -> Iterator[Inbox]:
    """An SMTPS server: TLS from the first byte (aiosmtpd cannot tell, hence its warning)."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", "Requiring AUTH while not requiring TLS")
        yield from _serve(
            Inbox(),
            ssl_context=_server_tls(trusted_certificate),
            auth_required=True,
            authenticator=_authenticate,
            auth_require_tls=False,
        )
