"""The fake Bot API must refuse what Telegram refuses, or the other tests prove nothing."""

from __future__ import annotations

import pytest
import telegram
from telegram.error import BadRequest, ChatMigrated, Forbidden, NetworkError, RetryAfter

from tests.fakes.telegram_api import ApiError, FakeTelegram, FloodLimits, check_message, parse_html


@pytest.mark.parametrize(
    "text",
    [
        "<foo>x</foo>",  # unknown tag
        "<b>x",  # unclosed
        "x</b>",  # unexpected end tag
        "<b><i>x</b></i>",  # badly nested
        "a & b",  # bare ampersand
        "a > b",  # bare >
        "&nbsp;",  # named entity Telegram does not know
        '<span class="x">s</span>',  # span without tg-spoiler
        '<a href="javascript:x">x</a>',  # not a URL Telegram links
        "<code><b>x</b></code>",  # nothing inside code
        "<br>",  # no line-break tag in Telegram
    ],
)
def test_html_telegram_refuses_is_refused(text: str) -> None:
    with pytest.raises(ApiError) as info:
        check_message(text, "HTML")
    assert info.value.status == 400
    assert info.value.description.startswith("Bad Request: can't parse entities:")


def test_html_telegram_accepts_is_accepted_and_entities_decoded() -> None:
    text = (
        "<b>b</b><strong>s</strong><i>i</i><em>e</em><u>u</u><ins>n</ins><s>s</s><strike>k</strike>"
        '<del>d</del><span class="tg-spoiler">p</span><tg-spoiler>t</tg-spoiler>'
        '<a href="https://x.org/?a=1&amp;b=2">l</a><code>c</code><pre><code class="language-py">p</code></pre>'
        '<blockquote>q</blockquote><tg-emoji emoji-id="5368324170671202286">👍</tg-emoji>'
        " &lt;&gt;&amp;&quot;&#39;&#x41;"
    )
    plain, entities = parse_html(text)
    assert plain == "bsieunskdptlcpq👍 <>&\"'A"
    assert {e.type for e in entities} >= {"bold", "italic", "text_link", "spoiler", "pre", "code"}
    assert next(e for e in entities if e.type == "text_link").url == "https://x.org/?a=1&b=2"


def test_length_limit_counts_utf16_after_entity_parsing() -> None:
    assert check_message("<b>" + "😀" * 2048 + "</b>", "HTML")  # 4096 units: fits
    with pytest.raises(ApiError, match="message is too long"):
        check_message("😀" * 2048 + "x", "HTML")
    assert check_message("&amp;" * 4096, "HTML")  # 4096 characters once parsed
    with pytest.raises(ApiError, match="caption is too long"):
        check_message("x" * 1025, "HTML", 1024)
    with pytest.raises(ApiError, match="text is empty"):
        check_message("<b> </b>", "HTML")


async def test_python_telegram_bot_sees_telegram_errors(telegram_api: FakeTelegram) -> None:
    telegram_api.blocked.add("5")
    telegram_api.missing.add("6")
    telegram_api.migrated["-7"] = "-1007"
    telegram_api.limits = FloodLimits(per_chat_per_second=1, retry_after=3)
    async with telegram.Bot(telegram_api.token, base_url=telegram_api.base_url) as bot:
        await bot.send_message(1, "one")
        with pytest.raises(RetryAfter):
            await bot.send_message(1, "two")  # second in the same second
        with pytest.raises(Forbidden, match="blocked by the user"):
            await bot.send_message(5, "x")
        with pytest.raises(BadRequest, match="[Cc]hat not found"):
            await bot.send_message(6, "x")
        with pytest.raises(ChatMigrated) as moved:
            await bot.send_message(-7, "x")
        assert moved.value.new_chat_id == -1007
        telegram_api.fail_next("sendMessage", 502)
        with pytest.raises(NetworkError):
            await bot.send_message(2, "x")
        telegram_api.drop_next("sendMessage")
        with pytest.raises(NetworkError):
            await bot.send_message(3, "x")
    assert [(s.chat_id, s.text) for s in telegram_api.messages()] == [("1", "one")]


async def test_get_updates_long_polls_and_honours_offset(telegram_api: FakeTelegram) -> None:
    async with telegram.Bot(telegram_api.token, base_url=telegram_api.base_url) as bot:
        assert await bot.get_updates(timeout=0) == ()
        first = telegram_api.user_sends(42, "/start")
        second = telegram_api.user_sends(42, "hello")
        updates = await bot.get_updates(timeout=1)
        assert [u.update_id for u in updates] == [first, second]
        assert (
            updates[0].message.text == "/start"
            and updates[0].message.entities[0].type == "bot_command"
        )
        assert [u.update_id for u in await bot.get_updates(offset=second, timeout=0)] == [second]
        assert await bot.get_updates(offset=second + 1, timeout=0) == ()


async def test_a_wrong_token_is_unauthorised(telegram_api: FakeTelegram) -> None:
    from telegram.error import InvalidToken

    with pytest.raises(InvalidToken):
        async with telegram.Bot("1:wrongwrongwrong", base_url=telegram_api.base_url):
            pass
