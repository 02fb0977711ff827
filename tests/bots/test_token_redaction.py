"""The bot token never shows in a log line, an error or a traceback."""

from __future__ import annotations

import logging
import traceback

import pytest

from bots.channels.telegram import TelegramSettings
from bots.redaction import Redactor, protect
from bots.telegram_bot import build_application, start_bot, stop_bot
from bots.telegram_bot.application import BotStartError
from state import Store
from tests.fakes.telegram_api import FakeTelegram


@pytest.fixture
def loud_http_logs():
    """What an operator gets with log_level = "debug" and every library turned up."""
    names = ("httpx", "httpcore", "telegram", "telegram.Bot", "telegram.ext.ExtBot")
    before = {n: logging.getLogger(n).level for n in names}
    yield lambda: [logging.getLogger(n).setLevel(logging.DEBUG) for n in names]
    for n, level in before.items():
        logging.getLogger(n).setLevel(level)


async def test_no_token_in_logs_while_the_bot_runs(
    store: Store, telegram_api: FakeTelegram, caplog: pytest.LogCaptureFixture, loud_http_logs
) -> None:
    settings = TelegramSettings(api_base_url=telegram_api.api_base_url, poll_timeout=0.2)
    app = build_application(telegram_api.token, settings, store)
    loud_http_logs()
    caplog.set_level(logging.DEBUG)
    await start_bot(app)
    telegram_api.user_sends(5, "/start")
    await telegram_api.until(lambda f: f.messages(5))
    await stop_bot(app)
    secret = telegram_api.token.split(":", 1)[1]
    assert "getUpdates" in caplog.text  # the libraries did log their requests...
    assert "[REDACTED]" in caplog.text  # ...with the token in them, redacted
    assert secret not in caplog.text


async def test_a_rejected_token_fails_start_without_showing_it(
    store: Store, telegram_api: FakeTelegram, caplog: pytest.LogCaptureFixture
) -> None:
    token = "4242:NOT-the-right-token-xyz"
    settings = TelegramSettings(api_base_url=telegram_api.api_base_url)
    app = build_application(token, settings, store)
    caplog.set_level(logging.DEBUG)
    with pytest.raises(BotStartError) as info:
        await start_bot(app)
    shown = "".join(traceback.format_exception(info.value))
    assert "rejected" in shown and "NOT-the-right-token" not in shown
    assert "NOT-the-right-token" not in caplog.text


def test_tracebacks_logged_with_a_secret_are_redacted(caplog: pytest.LogCaptureFixture) -> None:
    protect("777:ANOTHER-secret-value")
    caplog.set_level(logging.INFO)
    try:
        raise ValueError("bad call to https://api.telegram.org/bot777:ANOTHER-secret-value/getMe")
    except ValueError:
        logging.getLogger("some.library").exception(
            "request failed for %s", "777:ANOTHER-secret-value"
        )
    assert "ANOTHER-secret-value" not in caplog.text
    assert caplog.text.count("[REDACTED]") >= 2


def test_redactor_is_a_handler_filter_too() -> None:
    r = Redactor(["abc:defghijk"])
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "token %s", ("abc:defghijk",), None)
    assert r.filter(record) and record.getMessage() == "token [REDACTED]"
    assert r.redact("only defghijk here") == "only [REDACTED] here"  # the secret half alone
    r.add("short")  # too short to be a secret worth matching everywhere
    assert r.redact("short") == "short"
