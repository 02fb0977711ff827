"""The configuration: one TOML file, overridable from the environment, validated at start-up.

Every option is declared once in a pydantic model (source and channel kinds declare their
own in their modules). A bad file stops the program before anything is polled, with one
line per wrong field: `sources[3].url: must be an http(s) URL, got 'ftp://x'`.
"""

from __future__ import annotations

import copy
import os
import re
import tomllib
from collections.abc import Mapping
from datetime import timedelta
from pathlib import Path
from typing import Annotated, Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError, field_validator

from bots.channels import Channel
from bots.channels.telegram import TelegramSettings
from state.urls import DEFAULT_URL, url_problem
from watcher.durations import Duration
from watcher.errors import ConfigError
from watcher.sources import Source

ENV_PREFIX = "INSPECTWATCH_"
TOKEN_ENV = "TELEGRAM_BOT_TOKEN"
TOKEN_FILE_ENV = "TELEGRAM_BOT_TOKEN_FILE"
DEFAULT_CONFIG = Path("inspectwatch.toml")


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class StateSettings(_Section):
    # Any SQLAlchemy URL: sqlite:///path.db, postgresql+psycopg://user@host/db
    url: str = DEFAULT_URL

    @field_validator("url")
    @classmethod
    def _url(cls, v: str) -> str:
        problem = url_problem(v)
        if problem:
            raise ValueError(problem)
        return v


class DeliverySettings(_Section):
    backfill: Duration = Field(
        default=timedelta(days=3)
    )  # first poll: only newer entries become digests
    daily_time: str = "08:00"  # when /mode daily chats get their digest, local time
    timezone: str = "Europe/London"
    max_figures: int = Field(default=6, ge=1, le=30)  # figures shown in a digest

    @field_validator("daily_time")
    @classmethod
    def _time(cls, v: str) -> str:
        if not re.fullmatch(r"([01]\d|2[0-3]):[0-5]\d", v):
            raise ValueError(f"must be HH:MM (24-hour), got {v!r}")
        return v

    @field_validator("timezone")
    @classmethod
    def _tz(cls, v: str) -> str:
        try:
            ZoneInfo(v)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(
                f"unknown time zone {v!r}; use an IANA name such as 'Europe/London'"
            ) from None
        return v


class FetchSettings(_Section):
    connect_timeout: Duration = Field(default=timedelta(seconds=10))
    read_timeout: Duration = Field(default=timedelta(seconds=30))
    deadline: Duration = Field(default=timedelta(seconds=120))  # whole request, headers and body
    max_page_bytes: int = Field(default=20 * 1024 * 1024, ge=1024)
    max_pdf_bytes: int = Field(default=60 * 1024 * 1024, ge=1024)
    per_host: int = Field(default=2, ge=1, le=32)  # concurrent requests to one host
    concurrency: int = Field(default=16, ge=1, le=256)  # concurrent requests overall
    max_failures_before_alert: int = Field(default=5, ge=1)
    max_pdf_pages: int = Field(default=2000, ge=1)  # more is read up to here, with a warning
    entry_budget: Duration = Field(default=timedelta(minutes=2))  # one entry's page + report
    source_budget: Duration = Field(default=timedelta(minutes=15))  # one source's poll
    user_agent_contact: str = "https://github.com/inspectwatch/inspectwatch"
    # Origins (scheme://host[:port]) that links in content may reach although private.
    allow_private: list[str] = []
    # Page and PDF extraction: worker processes and what one document may cost.
    extract_workers: int = Field(default=2, ge=1, le=16)
    extract_memory_mb: int = Field(default=1024, ge=128)  # address space of one worker
    extract_cpu: Duration = Field(default=timedelta(seconds=60))  # CPU time per document
    extract_max_pages: int = Field(default=1000, ge=1)  # PDF pages read per document

    @field_validator("allow_private")
    @classmethod
    def _origins(cls, v: list[str]) -> list[str]:
        from urllib.parse import urlsplit

        for item in v:
            parts = urlsplit(item)
            if parts.scheme not in ("http", "https") or not parts.hostname:
                raise ValueError(f"must be origins such as 'http://10.0.0.5:8080', got {item!r}")
        return v


class ServiceSettings(_Section):
    listen: str = "127.0.0.1:8080"  # /healthz, /metrics, /digests.atom
    log_level: Literal["debug", "info", "warning", "error"] = "info"
    log_format: Literal["text", "json"] = "text"
    # Where people reach /digests.atom (entry links and ids are built from it), e.g. behind a
    # reverse proxy: "https://iw.example.org". Default: http:// and `listen`.
    base_url: str | None = None
    jitter: float = Field(default=0.1, ge=0, le=0.5)  # share of a source's interval added at random
    shutdown_grace: Duration = Field(default=timedelta(seconds=8))

    @field_validator("listen")
    @classmethod
    def _listen(cls, v: str) -> str:
        host, sep, port = v.rpartition(":")
        if not sep or not host or not port.isdigit() or not 0 <= int(port) <= 65535:
            raise ValueError(f"must be HOST:PORT, got {v!r}")
        return v

    @field_validator("base_url")
    @classmethod
    def _base_url(cls, v: str | None) -> str | None:
        if v is not None and not v.startswith(("http://", "https://")):
            raise ValueError(f"must be an http(s) URL, got {v!r}")
        return v.rstrip("/") if v else v

    @property
    def public_url(self) -> str:
        """The service's own address as others see it: base_url, else http://listen."""
        return self.base_url or f"http://{self.listen}"


def _union(models: list[type[BaseModel]]) -> Any:
    if len(models) == 1:
        return models[0]
    from typing import Union

    return Annotated[Union[tuple(models)], Field(discriminator="kind")]  # noqa: UP007


class Config(_Section):
    state: StateSettings = StateSettings()
    delivery: DeliverySettings = DeliverySettings()
    fetch: FetchSettings = FetchSettings()
    service: ServiceSettings = ServiceSettings()
    telegram: TelegramSettings = TelegramSettings()
    sources: list[Any] = []
    channels: list[Any] = []


_SOURCE_ADAPTER: TypeAdapter[Any] | None = None
_CHANNEL_ADAPTER: TypeAdapter[Any] | None = None


def _adapters() -> tuple[TypeAdapter[Any], TypeAdapter[Any]]:
    global _SOURCE_ADAPTER, _CHANNEL_ADAPTER
    if _SOURCE_ADAPTER is None or _CHANNEL_ADAPTER is None:
        _SOURCE_ADAPTER = TypeAdapter(_union([c.Options for c in Source.registry.values()]))
        chans = [c.Options for k, c in Channel.registry.items() if k != "telegram"]
        _CHANNEL_ADAPTER = TypeAdapter(_union(chans))
    return _SOURCE_ADAPTER, _CHANNEL_ADAPTER


# ---------------------------------------------------------------- loading


def env_overrides(environ: Mapping[str, str]) -> dict[str, Any]:
    """INSPECTWATCH_STATE__URL=... -> {"state": {"url": ...}}; list items by index:
    INSPECTWATCH_SOURCES__0__INTERVAL=5m. Values are read as TOML when they parse
    (numbers, booleans, ["lists"]), else as plain strings."""
    out: dict[str, Any] = {}
    for key, raw in sorted(environ.items()):
        if not key.startswith(ENV_PREFIX) or key in ("INSPECTWATCH_CONFIG",):
            continue
        path = [p.lower() for p in key[len(ENV_PREFIX) :].split("__") if p]
        if not path:
            continue
        out.setdefault("__env__", []).append((path, _env_value(raw), key))
    return out


def _env_value(raw: str) -> Any:
    try:
        return tomllib.loads(f"v = {raw}")["v"]
    except tomllib.TOMLDecodeError:
        return raw


def _apply(
    data: dict[str, Any], path: list[str], value: Any, key: str, problems: list[str]
) -> None:
    node: Any = data
    for i, part in enumerate(path):
        last = i == len(path) - 1
        if part.isdigit() and not isinstance(node, list):
            problems.append(f"{key}: no item {part!r} in {'.'.join(path[:i]) or 'config'}")
            return
        if isinstance(node, list):
            if not part.isdigit() or int(part) >= len(node):
                problems.append(f"{key}: no item {part!r} in {'.'.join(path[:i]) or 'config'}")
                return
            idx = int(part)
            if last:
                node[idx] = value
            else:
                node = node[idx]
            continue
        if last:
            node[part] = value
        else:
            node = node.setdefault(part, [] if path[i + 1].isdigit() else {})
            if not isinstance(node, dict | list):
                problems.append(f"{key}: {'.'.join(path[: i + 1])} is not a section")
                return


def _loc(loc: tuple[Any, ...], tagged: bool = False) -> str:
    """('state', 'url') -> 'state.url'. `tagged`: the errors come from a discriminated
    union (one [[sources]] item), whose first element is the kind, dropped here."""
    out = ""
    for i, part in enumerate(loc):
        if isinstance(part, int):
            out += f"[{part}]"
        elif (
            tagged
            and i == 0
            and (part in Source.registry or part in Channel.registry)
            or part.startswith("function-")
            or part in ("timedelta",)
        ):
            continue
        else:
            out += ("." if out else "") + part
    return out or "config"


def _model_at(loc: tuple[Any, ...], tagged: bool) -> type[BaseModel] | None:
    """The model that holds the last key of `loc` (for suggesting a known key)."""
    model: type[BaseModel] | None = Config
    parts = list(loc[:-1])
    if tagged and parts:
        kind = parts.pop(0)
        cls = Source.registry.get(kind) or Channel.registry.get(kind)
        model = cls.Options if cls is not None else None
    for part in parts:
        if model is None or isinstance(part, int):
            continue
        field = model.model_fields.get(part)
        ann = field.annotation if field is not None else None
        model = ann if isinstance(ann, type) and issubclass(ann, BaseModel) else None
    return model


def _unknown_key(loc: tuple[Any, ...], tagged: bool) -> str:
    """"unknown key", with the nearest known one when a typo is likely."""
    import difflib

    model = _model_at(loc, tagged)
    key = loc[-1] if loc else ""
    if model is None or not isinstance(key, str):
        return "unknown key"
    known = [k for k in model.model_fields if k != "kind"]
    near = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
    return f"unknown key; did you mean {near[0]!r}?" if near else "unknown key"


def _messages(exc: ValidationError, prefix: str = "", tagged: bool = False) -> list[str]:
    out = []
    for err in exc.errors(include_url=False):
        loc = _loc(tuple(err["loc"]), tagged)
        msg = err["msg"].removeprefix("Value error, ")
        if err["type"] == "extra_forbidden":
            msg = _unknown_key(tuple(err["loc"]), tagged)
        elif err["type"] == "union_tag_invalid":
            msg = f"unknown kind {err['input'].get('kind')!r}; valid kinds: " + err["ctx"][
                "expected_tags"
            ].replace("'", "")
        elif err["type"] == "union_tag_not_found":
            msg = "missing 'kind'"
        out.append(f"{prefix}{loc}: {msg}")
    return out


def http_url_problem(value: Any) -> str | None:
    """Why an http(s) URL cannot be used, beyond its scheme (a bad port, a host with spaces
    or odd characters, brackets that do not close); None when it is fine or not a string."""
    from urllib.parse import urlsplit

    if not isinstance(value, str):
        return None
    text = value.strip()
    try:
        parts = urlsplit(text)
        parts.port  # noqa: B018 - raises when the port is not a number from 0 to 65535
    except ValueError as exc:
        return f"cannot be parsed as a URL ({exc}): {value!r}"
    host = parts.hostname or ""
    if any(c.isspace() for c in text):
        return f"a URL cannot contain spaces: {value!r}"
    if host and ":" not in host and not all(c.isalnum() or c in "-._" for c in host):
        return f"{host!r} is not a host name: {value!r}"
    return None


def _raw_url_problems(data: dict[str, Any], sources: Any, channels: Any) -> dict[str, str]:
    """Every http(s) URL of the config, checked before (and more strictly than) its model."""
    urls: dict[str, Any] = {}
    for section in ("telegram", "service"):
        node = data.get(section)
        if isinstance(node, dict):
            for key in ("api_base_url", "webhook_url", "base_url"):
                if key in node:
                    urls[f"{section}.{key}"] = node[key]
    for i, item in enumerate(sources if isinstance(sources, list) else []):
        if isinstance(item, dict) and "url" in item:
            urls[f"sources[{i}].url"] = item["url"]
    out = {}
    for where, value in urls.items():
        problem = http_url_problem(value)
        if problem:
            out[where] = problem
    return out


def _with_url_problems(problems: list[str], url_problems: dict[str, str]) -> list[str]:
    """The models' own messages for a URL are replaced by the clearer one, if there is one."""
    kept = [p for p in problems if p.split(": ", 1)[0] not in url_problems]
    return kept + [f"{where}: {msg}" for where, msg in url_problems.items()]


def parse(
    data: dict[str, Any], path: Path | None = None, environ: Mapping[str, str] | None = None
) -> Config:
    """Validate a config dict (plus environment overrides) into a Config, or raise ConfigError."""
    problems: list[str] = []
    data = copy.deepcopy(data)
    for path_parts, value, key in env_overrides(os.environ if environ is None else environ).get(
        "__env__", []
    ):
        _apply(data, path_parts, value, key, problems)
    tele = data.get("telegram")
    if isinstance(tele, dict) and "token" in tele:
        problems.append(
            f"telegram.token: the token is never read from the config; set {TOKEN_ENV} or telegram.token_file"
        )
        tele = {k: v for k, v in tele.items() if k != "token"}
        data["telegram"] = tele
    sources_in, channels_in = data.pop("sources", []), data.pop("channels", [])
    source_adapter, channel_adapter = _adapters()
    sources: list[Any] = []
    channels: list[Any] = []
    for section, items, adapter, out in (
        ("sources", sources_in, source_adapter, sources),
        ("channels", channels_in, channel_adapter, channels),
    ):
        if not isinstance(items, list):
            problems.append(f"{section}: must be a list of [[{section}]] tables")
            continue
        for i, item in enumerate(items):
            if not isinstance(item, dict):
                problems.append(f"{section}[{i}]: must be a table")
                continue
            if section == "channels" and item.get("kind") == "telegram":
                problems.append(
                    f"channels[{i}].kind: Telegram is configured in the [telegram] section"
                )
                continue
            try:
                out.append(adapter.validate_python(item))
            except ValidationError as exc:
                problems.extend(
                    f"{section}[{i}]"
                    + (m.removeprefix("config") if m.startswith("config") else "." + m)
                    for m in _messages(exc, tagged=True)
                )
        seen: dict[str, int] = {}
        for i, item in enumerate(items if isinstance(items, list) else []):
            name = item.get("name") if isinstance(item, dict) else None
            if isinstance(name, str):
                if name in seen:
                    problems.append(
                        f"{section}[{i}].name: {name!r} is already used by {section}[{seen[name]}]"
                    )
                seen.setdefault(name, i)
    try:
        config = Config.model_validate({**data, "sources": [], "channels": []})
    except ValidationError as exc:
        problems.extend(_messages(exc))
        config = None
    if config is not None and not problems:
        # Each item is already validated by its kind's model; attach them without a
        # round trip through serialisation.
        config = config.model_copy(update={"sources": sources, "channels": channels})
    problems = _with_url_problems(problems, _raw_url_problems(data, sources_in, channels_in))
    if problems:
        raise ConfigError(problems, path)
    assert config is not None
    return config


def load(path: Path | str | None = None, environ: Mapping[str, str] | None = None) -> Config:
    """Read and validate the TOML file. A missing or unreadable file is a ConfigError, not a traceback."""
    environ = os.environ if environ is None else environ
    path = Path(path or environ.get("INSPECTWATCH_CONFIG") or DEFAULT_CONFIG)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ConfigError(
            [f"no such file (create one with `inspectwatch --config {path} init`)"], path
        ) from None
    except OSError as exc:
        raise ConfigError([f"cannot read: {exc.strerror or exc}"], path) from None
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise ConfigError(["not UTF-8 text"], path) from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError([f"not valid TOML: {exc}"], path) from None
    return resolve_paths(parse(data, path, environ), path.parent)


def resolve_paths(config: Config, base: Path) -> Config:
    """Relative paths in the config (an SQLite file, the token file) are read against the
    config file's folder, not wherever the command happens to run."""
    from state.urls import resolve_sqlite

    base = base.resolve()
    url = resolve_sqlite(config.state.url, base)
    token_file = config.telegram.token_file
    if token_file and not Path(token_file).expanduser().is_absolute():
        token_file = str(base / token_file)
    return config.model_copy(
        update={
            "state": config.state.model_copy(update={"url": url}),
            "telegram": config.telegram.model_copy(update={"token_file": token_file}),
        }
    )


def telegram_token(config: Config, environ: Mapping[str, str] | None = None) -> str | None:
    """The bot token from TELEGRAM_BOT_TOKEN, else the token file; None when neither is set."""
    environ = os.environ if environ is None else environ
    token = environ.get(TOKEN_ENV, "").strip()
    if token:
        return token
    file = environ.get(TOKEN_FILE_ENV) or config.telegram.token_file
    if not file:
        return None
    try:
        token = Path(file).expanduser().read_text(encoding="utf-8").strip()
    except OSError as exc:
        raise ConfigError(
            [f"telegram.token_file: cannot read {file}: {exc.strerror or exc}"]
        ) from None
    if not token:
        raise ConfigError([f"telegram.token_file: {file} is empty"])
    return token


def channel_problems(config: Config, token: str | None) -> list[str]:
    """Telegram chats or admins named without a token to reach them: nothing would ever be
    sent to them. `check` refuses this; the service says it at start."""
    if token:
        return []
    out = []
    hint = f"no bot token is set ({TOKEN_ENV}, {TOKEN_FILE_ENV} or telegram.token_file)"
    if config.telegram.channels:
        out.append(f"telegram.channels: {hint}, so these chats would never get a digest")
    if config.telegram.admins:
        out.append(f"telegram.admins: {hint}, so the admins would never be told of failures")
    return out


def warnings(config: Config) -> list[str]:
    """Things that are allowed but probably wrong; `check` prints them."""
    from urllib.parse import urlsplit

    out = []
    for i, s in enumerate(config.sources):
        host = urlsplit(s.url).hostname or ""
        local = host in ("localhost", "127.0.0.1", "::1") or host.endswith(".local")
        if not local and s.interval < timedelta(minutes=5):
            out.append(
                f"sources[{i}].interval: polling {host} more often than every 5 minutes is impolite"
            )
    if config.telegram.updates == "webhook" and not config.telegram.webhook_url:
        out.append("telegram.webhook_url: needed when telegram.updates is 'webhook'")
    return out
