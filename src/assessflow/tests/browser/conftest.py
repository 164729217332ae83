"""A real Assessflow server with the demo council, and Debian's Chromium driven by Playwright.

Browser tests run on SQLite only (the server gets its own database file), once per run.
Under CI=true a missing browser fails the run; elsewhere the tests are skipped.
"""

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.db import connection

PROJECT = Path(__file__).resolve().parents[4]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _manage(env: dict, *args: str) -> None:
    subprocess.run([sys.executable, "manage.py", *args], cwd=PROJECT, env=env, check=True, capture_output=True)  # noqa: S603


class DemoServer:
    def __init__(self, var_dir: Path, **settings: str):
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.env = {k: v for k, v in os.environ.items() if k not in ("DJANGO_SETTINGS_MODULE", "DATABASE_URL")}
        self.env.update(
            ASSESSFLOW_ENV="test",
            ASSESSFLOW_VAR_DIR=str(var_dir),
            DATABASE_URL=f"sqlite:///{var_dir / 'browser.sqlite3'}",
            **settings,
        )
        self.process = None

    def prepare(self, people: int) -> "DemoServer":
        _manage(self.env, "migrate", "--noinput")
        _manage(self.env, "load_demo", "--people", str(people))
        return self

    def start(self) -> "DemoServer":
        self.process = subprocess.Popen(  # noqa: S603
            [sys.executable, "manage.py", "runserver", f"127.0.0.1:{self.port}", "--noreload"],
            cwd=PROJECT,
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(f"{self.url}/sign-in/", timeout=2)  # noqa: S310  (our own loopback server)
                return self
            except OSError:
                time.sleep(0.2)
        self.stop()
        raise RuntimeError("The test server did not start")

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=10)


def _require_sqlite_and_browser() -> None:
    if connection.vendor != "sqlite":
        pytest.skip("Browser tests run on the SQLite pass only")
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{CHROMIUM} is missing: scripts/ensure-chromium should have installed it")
        pytest.skip(f"{CHROMIUM} is not installed")


@pytest.fixture(scope="session")
def browser_var(tmp_path_factory) -> Iterator[Path]:
    path = tmp_path_factory.mktemp("browser")
    yield path
    shutil.rmtree(path, ignore_errors=True)


@pytest.fixture(scope="session")
def demo_server(browser_var) -> Iterator[DemoServer]:
    _require_sqlite_and_browser()
    server = DemoServer(browser_var).prepare(people=40).start()
    yield server
    server.stop()


# Package scope: Playwright's synchronous API runs an event loop while it is open, and Django refuses database
# calls from a thread with a running loop, so the browser is closed once the browser tests are done rather than
# at the end of the session, when the worker that ran them has gone on to others.
@pytest.fixture(scope="package")
def browser():
    _require_sqlite_and_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context()
    page = context.new_page()
    yield page
    context.close()


def sign_in(page, base_url: str, email: str, password: str) -> None:
    page.goto(f"{base_url}/sign-in/")
    page.fill("#id_username", email)
    page.fill("#id_password", password)
    page.click("button[type=submit]")
    page.wait_for_load_state()
