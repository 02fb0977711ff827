"""`check --online`: connect to the database and ask Telegram who the token belongs to,
so a wrong password or a revoked token shows before the service is started."""

from __future__ import annotations

from watcher.config import Config
from watcher.logs import REDACTOR


def database_line(url: str) -> tuple[bool, str]:
    from state import StateError, Store

    try:
        store = Store.existing(url)
    except StateError as exc:
        return False, f"database: {exc}"
    except Exception as exc:  # unreachable server, bad password
        first = str(getattr(exc, "orig", None) or exc).strip().splitlines()
        return False, f"database: cannot connect: {first[0] if first else type(exc).__name__}"
    try:
        from state.migrate import current_revision

        return True, f"database: ok ({store.display_url}, revision {current_revision(store.engine)})"
    finally:
        store.dispose()


def telegram_line(config: Config, token: str) -> tuple[bool, str]:
    import requests

    REDACTOR.add(token)
    base = config.telegram.api_base_url
    try:
        r = requests.get(f"{base}/bot{token}/getMe", timeout=config.telegram.request_timeout)
    except requests.RequestException as exc:
        return False, REDACTOR.redact(f"telegram: cannot reach {base}: {type(exc).__name__}")
    if r.status_code in (401, 404):
        return False, f"telegram: the bot token was rejected ({r.status_code}); check {base} and the token"
    try:
        me = r.json()
    except ValueError:
        me = {}
    if not r.ok or not me.get("ok"):
        return False, f"telegram: {base} answered HTTP {r.status_code}"
    return True, f"telegram: ok (@{me['result'].get('username', '?')})"


def check_online(config: Config, token: str | None) -> int:
    """Print one line per check; 0 when all passed, 1 otherwise."""
    results = [database_line(config.state.url)]
    if token:
        results.append(telegram_line(config, token))
    for _ok, line in results:
        print(line)
    return 0 if all(ok for ok, _ in results) else 1
