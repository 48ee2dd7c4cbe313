"""A real gunicorn on 127.0.0.1 with production-like settings, for benchmarks and for the load and
fault tests: DJANGO_DEBUG=0, a random secret key, the request rate limits off, and the
benchmark settings module (bench/settings.py: the project's settings plus a no-op view)."""

from __future__ import annotations

import contextlib
import http.client
import os
import secrets
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with contextlib.closing(socket.socket(socket.AF_INET, socket.SOCK_STREAM)) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def production_env(database_url: str, *, static_root: str | None = None, **extra) -> dict:
    """The environment for manage.py commands and gunicorn against `database_url`."""
    clean = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "DATABASE_", "BEREDSKAB_", "BENCH_"))
    }
    env = {
        **clean,
        "PYTHONPATH": str(ROOT),
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "BEREDSKAB_AUDIT_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,testserver",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "BEREDSKAB_RATE_LIMITS": "0",
        "BEREDSKAB_LOG_LEVEL": "WARNING",
        "BEREDSKAB_BASE_URL": "http://127.0.0.1",
        "DATABASE_URL": database_url,
    }
    if database_url.startswith("sqlite"):
        env["BEREDSKAB_ALLOW_SQLITE"] = "1"  # the load and fault tests' scratch file
    if static_root:
        env["BENCH_STATIC_ROOT"] = static_root
    else:
        env["BENCH_PLAIN_STATIC"] = "1"  # no collectstatic: static files are not served
    env.update({k: str(v) for k, v in extra.items()})
    return env


def manage(*args: str, env: dict, timeout: float = 3600) -> subprocess.CompletedProcess:
    result = subprocess.run(  # noqa: S603 - our own interpreter and manage.py
        [sys.executable, str(ROOT / "manage.py"), *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if result.returncode != 0:
        raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{result.stdout}{result.stderr}")
    return result


class Gunicorn:
    """`with Gunicorn(env) as server:` serves on server.port until the block ends."""

    def __init__(self, env: dict, *, workers: int = 3, port: int | None = None, log=None):
        self.env, self.workers = env, workers
        self.port = port or free_port()
        self.log = log
        self.process: subprocess.Popen | None = None

    def start(self) -> Gunicorn:
        self.process = subprocess.Popen(  # noqa: S603 - our own interpreter and gunicorn
            [
                sys.executable,
                "-m",
                "gunicorn",
                "beredskab.wsgi",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                str(self.workers),
                "--timeout",
                "120",
                "--chdir",
                str(ROOT),
                "--error-logfile",
                "-",
                "--log-level",
                "warning",
            ],  # fmt: skip
            cwd=ROOT,
            env=self.env,
            stdout=self.log or subprocess.DEVNULL,
            stderr=subprocess.STDOUT if self.log else subprocess.DEVNULL,
        )
        self.wait_until_up()
        return self

    def wait_until_up(self, timeout: float = 60) -> None:
        assert self.process is not None, "the server is started"
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited with {self.process.returncode}")
            try:
                connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=5)
                connection.request("GET", "/bench/noop/")
                if connection.getresponse().status == 200:
                    return
            except OSError:
                pass
            time.sleep(0.1)
        raise RuntimeError(f"gunicorn did not answer on port {self.port} within {timeout} s")

    def worker_pids(self) -> list[int]:
        assert self.process is not None, "the server is started"
        path = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return [int(pid) for pid in path.read_text().split()] if path.exists() else []

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def __enter__(self) -> Gunicorn:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


@contextlib.contextmanager
def scratch_database(like_url: str, name: str):
    """A new, empty database for a server under test, dropped afterwards: on the PostgreSQL
    server of `like_url` when it is a postgres:// URL, else a SQLite file in a temporary folder.
    Yields its DATABASE_URL."""
    parts = urlsplit(like_url or "")
    if parts.scheme.startswith("postgres"):
        import psycopg

        server = urlunsplit((parts.scheme, parts.netloc, "/postgres", "", ""))
        with psycopg.connect(server, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            admin.execute(f'CREATE DATABASE "{name}"')
        try:
            yield urlunsplit((parts.scheme, parts.netloc, f"/{name}", "", ""))
        finally:
            with psycopg.connect(server, autocommit=True) as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    else:
        with tempfile.TemporaryDirectory(prefix=f"{name}-") as folder:
            yield f"sqlite:///{folder}/{name}.sqlite3"


def prepared_database(database_url: str, **env_extra) -> dict:
    """Migrate, create the cache table and load Allerød's plan: the server's environment."""
    env = production_env(database_url, **env_extra)
    manage("migrate", "--no-input", "-v0", env=env)
    manage("createcachetable", env=env)
    manage("load_plan", str(ROOT / "plans" / "allerod.yaml"), env=env)
    return env


def inprocess(env: dict, *args) -> dict:
    """Run bench/inprocess.py (measurements and checks inside Django) against env's database."""
    import json

    result = subprocess.run(  # noqa: S603 - our own interpreter and script
        [sys.executable, str(ROOT / "bench" / "inprocess.py"), *map(str, args)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=3600,
    )
    if result.returncode != 0:
        raise RuntimeError(f"bench/inprocess.py {args[0]} failed:\n{result.stderr}")
    return json.loads(result.stdout.strip().splitlines()[-1])
