"""How the served app is configured: one ``Settings`` object, built once, passed to ``create_app``.

``Settings.from_environ`` reads the ``SOVAI_*`` variables (what gunicorn workers and ``wsgi.py``
start from); ``sovai serve`` builds it from its options over the same variables and hands it to
the workers as their environment (``to_environ``), never by writing ``os.environ``.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from urllib.parse import urlsplit

from indicators.paths import DATA_DIR_ENV, default_data_dir

BASE_PATH_ENV = "SOVAI_BASE_PATH"
WRITE_TOKEN_ENV = "SOVAI_WRITE_TOKEN"
SECRET_KEY_ENV = "SOVAI_SECRET_KEY"
CACHE_ENV = "SOVAI_CACHE"
CACHE_DIR_ENV = "SOVAI_CACHE_DIR"
ALLOWED_HOSTS_ENV = "SOVAI_ALLOWED_HOSTS"
#: Host names a browser uses for this machine: enough when serving on loopback.
LOOPBACK_HOSTS = ("localhost", "127.0.0.1", "::1")
#: Cache URL schemes: a Redis server (TCP or unix socket) shared by several machines.
REDIS_SCHEMES = ("redis", "rediss", "unix")


class SettingsError(ValueError):
    """A setting that cannot be used; the text names the option and what was expected."""


@dataclass(frozen=True)
class Settings:
    """Everything the served app needs to know, fixed for the life of the app.

    ``cache`` is None (a FileSystemCache in ``cache_dir``, shared by the workers of one machine)
    or a Redis URL such as ``redis://127.0.0.1:6379/0`` (shared by every machine using it).
    ``allowed_hosts`` are the names the app answers to (``Host`` and ``Origin``); ``*`` allows
    any (only behind a proxy that checks them itself).
    """

    data_dir: Path = field(default_factory=default_data_dir)
    base_path: str = "/"
    write_token: str | None = None
    secret_key: str | None = None
    cache: str | None = None
    cache_dir: Path | None = None
    allowed_hosts: tuple[str, ...] = LOOPBACK_HOSTS
    trust_loopback: bool = True

    def __post_init__(self) -> None:
        object.__setattr__(self, "data_dir", Path(self.data_dir).resolve())
        object.__setattr__(self, "base_path", normalise_base_path(self.base_path))
        if self.cache is not None:
            check_cache_url(self.cache)
        hosts = tuple(h.strip().lower().strip("[]") for h in self.allowed_hosts if h.strip())
        if not hosts:
            raise SettingsError("--allowed-host: expected at least one host name")
        object.__setattr__(self, "allowed_hosts", hosts)

    @classmethod
    def from_environ(cls, environ: Mapping[str, str] | None = None,
                     **given: object) -> Settings:
        """Return the settings of ``environ`` (default: the process's), ``given`` values first.

        A ``given`` value of None means "not given" and falls back to the environment.
        """
        env = os.environ if environ is None else environ
        values: dict[str, object] = {
            "data_dir": Path(env[DATA_DIR_ENV]) if env.get(DATA_DIR_ENV) else None,
            "base_path": env.get(BASE_PATH_ENV) or None,
            "write_token": env.get(WRITE_TOKEN_ENV) or None,
            "secret_key": env.get(SECRET_KEY_ENV) or None,
            "cache": env.get(CACHE_ENV) or None,
            "cache_dir": Path(env[CACHE_DIR_ENV]) if env.get(CACHE_DIR_ENV) else None,
            "allowed_hosts": tuple(env[ALLOWED_HOSTS_ENV].split(","))
            if env.get(ALLOWED_HOSTS_ENV) else None,
        }
        values.update({k: v for k, v in given.items() if v is not None})
        return cls(**{k: v for k, v in values.items() if v is not None})  # type: ignore[arg-type]

    def to_environ(self) -> dict[str, str]:
        """Return the ``SOVAI_*`` variables that rebuild these settings in another process."""
        env = {DATA_DIR_ENV: str(self.data_dir), BASE_PATH_ENV: self.base_path,
               ALLOWED_HOSTS_ENV: ",".join(self.allowed_hosts)}
        for name, value in ((WRITE_TOKEN_ENV, self.write_token),
                            (SECRET_KEY_ENV, self.secret_key), (CACHE_ENV, self.cache),
                            (CACHE_DIR_ENV, str(self.cache_dir) if self.cache_dir else None)):
            if value:
                env[name] = value
        return env

    def with_changes(self, **changes: object) -> Settings:
        """Return a copy with ``changes`` applied (and checked)."""
        return replace(self, **changes)  # type: ignore[arg-type]

    def allows_host(self, host: str) -> bool:
        """Return True when ``host`` (a Host header or an Origin's host, port allowed) is served."""
        if "*" in self.allowed_hosts:
            return True
        name = urlsplit("//" + host).hostname if host else None
        return name is not None and name.lower() in self.allowed_hosts


def normalise_base_path(base_path: str) -> str:
    """Return ``base_path`` as Dash wants it (``/x/``); raise SettingsError if it is not a path."""
    text = (base_path or "/").strip()
    if not text.startswith("/"):
        text = "/" + text
    if not text.endswith("/"):
        text += "/"
    if any(part in (".", "..") for part in text.split("/")) or "//" in text or "?" in text:
        raise SettingsError(f"--base-path {base_path!r}: expected a sub-path such as /sovai/")
    return text


def check_cache_url(url: str) -> str:
    """Return ``url`` if it names a Redis server; raise SettingsError saying what is expected."""
    parts = urlsplit(url)
    if parts.scheme not in REDIS_SCHEMES or not (parts.hostname or parts.path):
        raise SettingsError(f"--cache {url!r}: expected a Redis URL such as "
                            "redis://127.0.0.1:6379/0 (or unix:///path/redis.sock?db=0)")
    return url
