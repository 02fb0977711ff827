"""A fake Telegram Bot API server that python-telegram-bot's real HTTP stack talks to.

Threaded, on 127.0.0.1 with an ephemeral port; point a bot at it with
`base_url=server.base_url` (".../bot", PTB appends the token). It behaves like Telegram
where the bot relies on it:

- getMe, getUpdates (long poll with offset semantics), sendMessage, sendPhoto and
  sendDocument (multipart, bytes kept), editMessageText, answerCallbackQuery (recorded),
  setMyCommands, deleteWebhook, getChat, getChatMember (with roles: creator,
  administrator, member, left, kicked), sendChatAction, getFile and file downloads;
- what a send asked for: reply markup, `disable_notification`, `message_thread_id`;
- Telegram's HTML parse mode: only its tags, balanced, entities decoded; anything else is
  `400 Bad Request: can't parse entities: ...`; 4096 characters of text and 1024 of
  caption after entity parsing, counted in UTF-16 code units;
- flood control (global, per chat, per group per minute) answered with 429 and
  `parameters.retry_after`; 403 for blocked chats; 400 "chat not found"; group migration
  (400 with `parameters.migrate_to_chat_id`); injected 5xx answers and dropped connections;
- every accepted message is recorded (chat, text, monotonic time) so a test can assert
  exactly-once delivery and the rate actually achieved.

Tests inject what users do with `user_sends()` and `user_clicks()`.

    with FakeTelegram() as tg:
        bot = telegram.Bot(tg.token, base_url=tg.base_url)
"""

from __future__ import annotations

import contextlib
import email.parser
import email.policy
import itertools
import json
import re
import threading
import time
from collections import defaultdict, deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

import pytest

TOKEN = "123456789:AAFakeTokenForTestsOnly-abcdefghijklm"
BOT_ID = 123456789
BOT_USERNAME = "inspectwatch_test_bot"
TEXT_LIMIT = 4096
CAPTION_LIMIT = 1024

# ------------------------------------------------------------------ Telegram's HTML rules

_SIMPLE_TAGS = {"b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "tg-spoiler", "pre"}
_TAG_ATTRS: dict[str, set[str]] = {
    **{t: set() for t in _SIMPLE_TAGS},
    "span": {"class"},
    "a": {"href"},
    "code": {"class"},
    "blockquote": {"expandable"},
    "tg-emoji": {"emoji-id"},
}
_NAMED_ENTITIES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
_TAG = re.compile(
    r"<(/?)([A-Za-z][A-Za-z0-9-]*)((?:\s+[^\s=>/]+(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s>\"']+))?)*)\s*>"
)
_ATTR = re.compile(r"([^\s=>/]+)(?:\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s>\"']+))?")
_ENTITY = re.compile(r"&(?:([a-zA-Z]+)|#(\d+)|#[xX]([0-9a-fA-F]+));")


class EntityError(ValueError):
    """Text Telegram would refuse with "Bad Request: can't parse entities: ..."."""


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def _offset(text: str, pos: int) -> int:
    return len(text[:pos].encode("utf-8", "surrogatepass"))


def _decode_entities(text: str, base: int, whole: str) -> str:
    out: list[str] = []
    i = 0
    while i < len(text):
        ch = text[i]
        if ch == ">":
            raise EntityError(
                f"Unsupported character '>' at byte offset {_offset(whole, base + i)}"
            )
        if ch != "&":
            out.append(ch)
            i += 1
            continue
        m = _ENTITY.match(text, i)
        if not m:
            raise EntityError(
                f"Unsupported character '&' at byte offset {_offset(whole, base + i)}"
            )
        name, dec, hexa = m.groups()
        if name is not None:
            if name not in _NAMED_ENTITIES:
                raise EntityError(
                    f'Unsupported HTML entity "&{name};" at byte offset {_offset(whole, base + i)}'
                )
            out.append(_NAMED_ENTITIES[name])
        else:
            code = int(dec) if dec is not None else int(hexa, 16)
            if not 0 < code <= 0x10FFFF or 0xD800 <= code <= 0xDFFF:
                raise EntityError(
                    f"Invalid character code at byte offset {_offset(whole, base + i)}"
                )
            out.append(chr(code))
        i = m.end()
    return "".join(out)


@dataclass(frozen=True)
class Entity:
    type: str
    offset: int  # UTF-16 units
    length: int
    url: str | None = None


def parse_html(text: str) -> tuple[str, list[Entity]]:
    """Telegram's HTML parse mode: the visible text and its entities, or EntityError."""
    plain: list[str] = []
    entities: list[Entity] = []
    stack: list[tuple[str, int, dict[str, str], int]] = []  # tag, utf16 start, attrs, pos
    length = 0
    pos = 0
    while pos < len(text):
        lt = text.find("<", pos)
        chunk_end = len(text) if lt < 0 else lt
        if chunk_end > pos:
            decoded = _decode_entities(text[pos:chunk_end], pos, text)
            plain.append(decoded)
            length += utf16_len(decoded)
        if lt < 0:
            break
        m = _TAG.match(text, lt)
        if not m:
            raise EntityError(f"Unsupported start tag at byte offset {_offset(text, lt)}")
        closing, name, rawattrs = m.group(1), m.group(2).lower(), m.group(3)
        if name not in _TAG_ATTRS:
            raise EntityError(f'Unsupported start tag "{name}" at byte offset {_offset(text, lt)}')
        if closing:
            if rawattrs.strip():
                raise EntityError(f"Unexpected end tag at byte offset {_offset(text, lt)}")
            if not stack or stack[-1][0] != name:
                raise EntityError(
                    f'Unmatched end tag at byte offset {_offset(text, lt)}, expected "'
                    f'</{stack[-1][0] if stack else ""}>", found "</{name}>"'
                )
            tag, start, attrs, _p = stack.pop()
            entities.append(_entity(tag, start, length - start, attrs))
        else:
            attrs: dict[str, str] = {}
            for am in _ATTR.finditer(rawattrs):
                key, val = am.group(1).lower(), am.group(2) or ""
                if val[:1] in "\"'":
                    val = val[1:-1]
                if key not in _TAG_ATTRS[name]:
                    raise EntityError(
                        f'Unsupported attribute "{key}" of tag "{name}" at byte offset '
                        f"{_offset(text, lt)}"
                    )
                attrs[key] = _decode_entities(val, lt, text)
            _check_start(name, attrs, stack, text, lt)
            stack.append((name, length, attrs, lt))
        pos = m.end()
    if stack:
        tag, _s, _a, p = stack[-1]
        raise EntityError(
            f'Can\'t find end tag corresponding to start tag "{tag}" at byte offset {_offset(text, p)}'
        )
    return "".join(plain), entities


def _check_start(name: str, attrs: dict[str, str], stack: list[Any], text: str, pos: int) -> None:
    where = f"at byte offset {_offset(text, pos)}"
    if name == "span" and attrs.get("class") != "tg-spoiler":
        raise EntityError(f'Tag "span" must have class "tg-spoiler" {where}')
    if name == "a":
        href = attrs.get("href", "")
        if not href or not re.match(r"^(https?://|tg://|mailto:)[^\s]+$", href):
            raise EntityError(f"Wrong entity URL {where}")
    if name == "tg-emoji" and not attrs.get("emoji-id", "").isdigit():
        raise EntityError(f"Custom emoji identifier expected {where}")
    open_tags = [s[0] for s in stack]
    if "code" in open_tags or ("pre" in open_tags and name != "code"):
        raise EntityError(f'Tag "{name}" can\'t be nested inside pre or code {where}')
    if name in ("pre", "blockquote") and ("pre" in open_tags or "blockquote" in open_tags):
        raise EntityError(f'Tag "{name}" can\'t be nested {where}')
    if name == "a" and "a" in open_tags:
        raise EntityError(f"Nested links are not allowed {where}")


def _entity(tag: str, start: int, length: int, attrs: dict[str, str]) -> Entity:
    kind = {
        "b": "bold", "strong": "bold", "i": "italic", "em": "italic", "u": "underline",
        "ins": "underline", "s": "strikethrough", "strike": "strikethrough",
        "del": "strikethrough", "span": "spoiler", "tg-spoiler": "spoiler", "a": "text_link",
        "code": "code", "pre": "pre", "blockquote": "blockquote", "tg-emoji": "custom_emoji",
    }[tag]  # fmt: skip
    return Entity(kind, start, length, attrs.get("href"))


def check_message(text: str, parse_mode: str | None, limit: int = TEXT_LIMIT) -> str:
    """The visible text of a message Telegram would accept; raises ApiError otherwise."""
    if parse_mode and parse_mode.upper() == "HTML":
        try:
            plain, _ = parse_html(text)
        except EntityError as exc:
            raise ApiError(400, f"Bad Request: can't parse entities: {exc}") from None
    elif parse_mode:
        raise ApiError(400, f"Bad Request: unsupported parse_mode {parse_mode!r} in this fake")
    else:
        plain = text
    if not plain.strip():
        raise ApiError(400, "Bad Request: message text is empty")
    if utf16_len(plain) > limit:
        what = "message is too long" if limit == TEXT_LIMIT else "message caption is too long"
        raise ApiError(400, f"Bad Request: {what}")
    return plain


# ------------------------------------------------------------------ the server's state


class ApiError(Exception):
    """An error answer: HTTP status, Telegram description and optional `parameters`."""

    def __init__(self, status: int, description: str, parameters: dict | None = None) -> None:
        super().__init__(description)
        self.status, self.description, self.parameters = status, description, parameters


@dataclass(frozen=True)
class Sent:
    """One message the fake accepted."""

    method: str
    chat_id: str
    message_id: int
    text: str  # as sent (HTML for parse_mode HTML); the caption for photos
    plain: str  # after entity parsing
    parse_mode: str | None
    at: float  # time.monotonic() when accepted
    preview_disabled: bool = False
    photo: bytes | None = None
    reply_markup: dict | None = None
    silent: bool = False  # disable_notification
    thread_id: int | None = None  # message_thread_id (a forum topic)
    document: bytes | None = None
    filename: str | None = None

    def buttons(self) -> list[dict]:
        """Every inline button, row by row flattened."""
        rows = (self.reply_markup or {}).get("inline_keyboard", [])
        return [b for row in rows for b in row]


@dataclass(frozen=True)
class Rejected:
    """One call the fake refused."""

    method: str
    chat_id: str
    status: int
    description: str
    at: float
    retry_after: float | None = None


@dataclass
class FloodLimits:
    """Telegram's documented limits; None switches one off. Counted over sliding windows."""

    overall_per_second: int | None = None
    per_chat_per_second: int | None = None
    per_group_per_minute: int | None = None
    retry_after: float | None = None  # fixed value to answer; else the time until a slot frees


@dataclass
class _Fault:
    status: int = 502
    description: str = "Bad Gateway"
    drop: bool = False  # close the connection without an answer
    after_accept: bool = False  # with drop: accept and record the message first


@dataclass
class FakeTelegram:
    token: str = TOKEN
    host: str = "127.0.0.1"
    limits: FloodLimits = field(default_factory=FloodLimits)
    latency: float = 0.0  # seconds every send waits before answering (a slower network)
    blocked: set[str] = field(default_factory=set)  # 403 bot was blocked by the user
    kicked: set[str] = field(default_factory=set)  # 403 bot was kicked from the group chat
    missing: set[str] = field(default_factory=set)  # 400 chat not found
    migrated: dict[str, str] = field(default_factory=dict)  # old group id -> supergroup id
    chats: dict[str, dict] = field(default_factory=dict)  # id -> {"type": ..., "title": ...}
    admins: dict[str, set[int]] = field(default_factory=dict)  # group id -> admin user ids
    roles: dict[str, dict[int, str]] = field(default_factory=dict)  # group -> user -> status
    flood_once: dict[str, float] = field(default_factory=dict)  # chat -> one 429's retry_after

    def __post_init__(self) -> None:
        self.lock = threading.Condition()
        self.sent: list[Sent] = []
        self.rejected: list[Rejected] = []
        self.calls: list[tuple[str, dict[str, Any]]] = []
        self.commands: list[dict] = []
        self.callback_answers: list[dict] = []
        self.edits: list[dict] = []
        self.files: dict[str, bytes] = {}  # file_id -> content (documents users sent)
        self.webhook: dict | None = None
        self._updates: list[dict] = []
        self._update_ids = itertools.count(1)
        self._message_ids: dict[str, Iterator[int]] = defaultdict(lambda: itertools.count(1))
        self._faults: dict[str, deque[_Fault]] = defaultdict(deque)
        self._windows: dict[str, deque[float]] = defaultdict(deque)
        self._closing = False
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # -------------------------------------------------------------- lifecycle

    def start(self) -> FakeTelegram:
        fake = self

        class Handler(_Handler):
            server_fake = fake

        self._server = ThreadingHTTPServer((self.host, 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        with self.lock:
            self._closing = True
            self.lock.notify_all()
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def __enter__(self) -> FakeTelegram:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def port(self) -> int:
        assert self._server is not None, "start() the fake first"
        return self._server.server_address[1]

    @property
    def api_base_url(self) -> str:
        """What `[telegram].api_base_url` would say: no /bot suffix."""
        return f"http://{self.host}:{self.port}"

    @property
    def base_url(self) -> str:
        """What `telegram.Bot(base_url=...)` takes: PTB appends the token."""
        return f"{self.api_base_url}/bot"

    # -------------------------------------------------------------- what tests inject

    def fail_next(
        self, method: str, status: int = 502, times: int = 1, description: str = ""
    ) -> None:
        """Answer the next `times` calls of `method` with this HTTP status."""
        desc = description or {502: "Bad Gateway", 500: "Internal Server Error"}.get(
            status, "Error"
        )
        with self.lock:
            self._faults[method].extend(_Fault(status, desc) for _ in range(times))

    def drop_next(self, method: str, times: int = 1, after_accept: bool = False) -> None:
        """Close the connection without answering; `after_accept` records the message first."""
        with self.lock:
            self._faults[method].extend(
                _Fault(drop=True, after_accept=after_accept) for _ in range(times)
            )

    def user_sends(
        self,
        chat_id: int,
        text: str,
        *,
        user_id: int | None = None,
        chat_type: str = "private",
        title: str = "A group",
        first_name: str = "Ada",
        sender_chat: dict | None = None,
        thread_id: int | None = None,
        document: tuple[str, bytes] | None = None,
    ) -> int:
        """A user writes to the bot (in a forum topic with `thread_id`; a file with
        `document=(filename, bytes)`, `text` then being its caption); returns the update id."""
        user_id = chat_id if user_id is None else user_id
        message: dict[str, Any] = {
            "message_id": next(self._message_ids[str(chat_id)]),
            "date": int(time.time()),
            "chat": _chat_json(chat_id, chat_type, title, first_name),
            "from": {"id": user_id, "is_bot": False, "first_name": first_name},
        }
        if thread_id is not None:
            message["chat"]["is_forum"] = True
            message |= {"message_thread_id": thread_id, "is_topic_message": True}
        if sender_chat is not None:
            message["sender_chat"] = sender_chat
        key = "text"
        if document is not None:
            key = "caption"
            name, data = document
            file_id = f"doc{len(self.files) + 1}"
            with self.lock:
                self.files[file_id] = data
            message["document"] = {
                "file_id": file_id, "file_unique_id": f"u{file_id}", "file_name": name,
                "mime_type": "application/json", "file_size": len(data),
            }  # fmt: skip
        message[key] = text
        m = re.match(r"/[A-Za-z0-9_]+(@[A-Za-z0-9_]+)?", text)
        if m:
            message["entities" if key == "text" else "caption_entities"] = [
                {"type": "bot_command", "offset": 0, "length": utf16_len(m.group(0))}
            ]
        return self._push({"message": message})

    def update_json(self, chat_id: int, text: str, user_id: int | None = None) -> dict:
        """An update as Telegram would POST it to a webhook (not queued for getUpdates)."""
        uid = self.user_sends(chat_id, text, user_id=user_id)
        with self.lock:
            update = next(u for u in self._updates if u["update_id"] == uid)
            self._updates.remove(update)
        return update

    def user_clicks(
        self,
        chat_id: int,
        data: str,
        *,
        user_id: int | None = None,
        message_id: int | None = None,
        chat_type: str = "private",
    ) -> int:
        """A user presses an inline button the bot sent (the last one in that chat by default)."""
        user_id = chat_id if user_id is None else user_id
        with self.lock:
            mine = [s for s in self.sent if s.chat_id == str(chat_id)]
        msg = next((s for s in reversed(mine) if message_id in (None, s.message_id)), None)
        message = {
            "message_id": msg.message_id if msg else 1,
            "date": int(time.time()),
            "chat": _chat_json(chat_id, chat_type, "A group", "Ada"),
            "from": {"id": BOT_ID, "is_bot": True, "first_name": "Bot"},
            "text": msg.plain if msg else "",
        }
        query = {
            "id": f"cq{next(self._update_ids)}",
            "from": {"id": user_id, "is_bot": False, "first_name": "Ada"},
            "chat_instance": str(chat_id),
            "data": data,
            "message": message,
        }
        return self._push({"callback_query": query})

    def _push(self, body: dict) -> int:
        with self.lock:
            uid = next(self._update_ids)
            self._updates.append({"update_id": uid, **body})
            self.lock.notify_all()
            return uid

    # -------------------------------------------------------------- what tests read

    def messages(self, chat_id: int | str | None = None) -> list[Sent]:
        with self.lock:
            return [s for s in self.sent if chat_id is None or s.chat_id == str(chat_id)]

    def wait_for(self, predicate: Callable[[FakeTelegram], bool], timeout: float = 10.0) -> None:
        """Block (in a thread) until predicate(self) holds; AssertionError after `timeout`."""
        deadline = time.monotonic() + timeout
        with self.lock:
            while not predicate(self):
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError(f"fake Telegram: condition not met within {timeout}s")
                self.lock.wait(min(left, 0.05))

    async def until(self, predicate: Callable[[FakeTelegram], bool], timeout: float = 10.0) -> None:
        """Await until predicate(self) holds, checking the records as they arrive."""
        import asyncio

        await asyncio.to_thread(self.wait_for, predicate, timeout)

    def flood_refusals(self) -> list[Rejected]:
        with self.lock:
            return [r for r in self.rejected if r.status == 429]

    def pending_updates(self) -> int:
        with self.lock:
            return len(self._updates)

    # -------------------------------------------------------------- the API

    def call(self, method: str, params: dict[str, Any], files: dict[str, bytes]) -> Any:
        """One Bot API call: the `result` on success, ApiError otherwise."""
        with self.lock:
            self.calls.append((method, params))
        handler = getattr(self, f"_api_{method}", None)
        if handler is None:
            raise ApiError(404, "Not Found")
        return handler(params, files)

    def _api_getMe(self, p: dict, f: dict) -> dict:
        return {
            "id": BOT_ID, "is_bot": True, "first_name": "Inspectwatch", "username": BOT_USERNAME,
            "can_join_groups": True, "can_read_all_group_messages": False,
            "supports_inline_queries": False,
        }  # fmt: skip

    def _api_getUpdates(self, p: dict, f: dict) -> list[dict]:
        offset = int(p.get("offset") or 0)
        timeout = min(float(p.get("timeout") or 0), 30.0)
        deadline = time.monotonic() + timeout
        with self.lock:
            if offset:
                self._updates = [u for u in self._updates if u["update_id"] >= offset]
            while not self._updates and not self._closing:
                left = deadline - time.monotonic()
                if left <= 0:
                    break
                self.lock.wait(left)
            limit = int(p.get("limit") or 100)
            return list(self._updates[:limit])

    def _api_deleteWebhook(self, p: dict, f: dict) -> bool:
        with self.lock:
            self.webhook = None
            if str(p.get("drop_pending_updates", "")).lower() == "true":
                self._updates.clear()
        return True

    def _api_setWebhook(self, p: dict, f: dict) -> bool:
        if not str(p.get("url", "")).startswith("https://"):
            raise ApiError(
                400, "Bad Request: bad webhook: An HTTPS URL must be provided for webhook"
            )
        with self.lock:
            self.webhook = {"url": p["url"], "secret_token": p.get("secret_token")}
        return True

    def _api_setMyCommands(self, p: dict, f: dict) -> bool:
        cmds = json.loads(p.get("commands") or "[]")
        for c in cmds:
            if not re.fullmatch(r"[a-z0-9_]{1,32}", c.get("command", "")):
                raise ApiError(400, "Bad Request: bot command is invalid")
            if not 1 <= len(c.get("description", "")) <= 256:
                raise ApiError(400, "Bad Request: command description is invalid")
        with self.lock:
            self.commands.append({"commands": cmds, "scope": p.get("scope")})
        return True

    def _api_deleteMyCommands(self, p: dict, f: dict) -> bool:
        return True

    def _api_sendChatAction(self, p: dict, f: dict) -> bool:
        self._chat_errors(str(p.get("chat_id")))
        return True

    def _api_answerCallbackQuery(self, p: dict, f: dict) -> bool:
        if len(p.get("text", "")) > 200:
            raise ApiError(400, "Bad Request: MESSAGE_TOO_LONG")
        with self.lock:
            self.callback_answers.append(p)
        return True

    def _api_getChat(self, p: dict, f: dict) -> dict:
        chat = str(p.get("chat_id"))
        self._chat_errors(chat)
        info = self.chats.get(chat, {})
        return _chat_json(chat, info.get("type", _type_of(chat)), info.get("title", "A group"), "Ada") | {
            "accent_color_id": 0, "max_reaction_count": 11, "accepted_gift_types": {
                "unlimited_gifts": False, "limited_gifts": False, "unique_gifts": False,
                "premium_subscription": False},
        }  # fmt: skip

    def _api_getChatMember(self, p: dict, f: dict) -> dict:
        chat, user = str(p.get("chat_id")), int(p.get("user_id") or 0)
        self._chat_errors(chat)
        who = {"id": user, "is_bot": False, "first_name": "Ada"}
        role = self.roles.get(chat, {}).get(user)
        if role == "creator":
            return {"status": "creator", "user": who, "is_anonymous": False}
        if role in ("left", "member"):
            return {"status": role, "user": who}
        if role == "kicked":
            return {"status": "kicked", "user": who, "until_date": 0}
        if role == "administrator" or user in self.admins.get(chat, set()):
            return {
                "status": "administrator", "user": who, "can_be_edited": False,
                "is_anonymous": False, "can_manage_chat": True, "can_delete_messages": True,
                "can_manage_video_chats": True, "can_restrict_members": True,
                "can_promote_members": False, "can_change_info": True, "can_invite_users": True,
                "can_post_stories": False, "can_edit_stories": False, "can_delete_stories": False,
            }  # fmt: skip
        return {"status": "member", "user": who}

    def _api_sendMessage(self, p: dict, f: dict) -> dict:
        chat = str(p.get("chat_id"))
        text = p.get("text", "")
        return self._deliver("sendMessage", chat, text, p, TEXT_LIMIT)

    def _api_sendPhoto(self, p: dict, f: dict) -> dict:
        chat = str(p.get("chat_id"))
        photo = f.get("photo")
        if not photo or not photo.startswith(b"\x89PNG"):
            raise ApiError(400, "Bad Request: IMAGE_PROCESS_FAILED")
        return self._deliver("sendPhoto", chat, p.get("caption", ""), p, CAPTION_LIMIT, photo)

    def _api_sendDocument(self, p: dict, f: dict) -> dict:
        chat = str(p.get("chat_id"))
        document = f.get("document")
        if not document:
            raise ApiError(400, "Bad Request: file must be non-empty")
        return self._deliver(
            "sendDocument", chat, p.get("caption", ""), p, CAPTION_LIMIT, document, f
        )

    def _api_getFile(self, p: dict, f: dict) -> dict:
        file_id = str(p.get("file_id"))
        with self.lock:
            data = self.files.get(file_id)
        if data is None:
            raise ApiError(400, "Bad Request: invalid file_id")
        return {"file_id": file_id, "file_unique_id": f"u{file_id}", "file_size": len(data),
                "file_path": f"documents/{file_id}"}  # fmt: skip

    def _api_editMessageText(self, p: dict, f: dict) -> dict:
        chat = str(p.get("chat_id"))
        self._chat_errors(chat)
        plain = check_message(p.get("text", ""), p.get("parse_mode"))
        with self.lock:
            self.edits.append(p | {"plain": plain})
        return self._message_json(chat, int(p.get("message_id") or 0), plain)

    def _chat_errors(self, chat: str) -> None:
        if chat in self.missing:
            raise ApiError(400, "Bad Request: chat not found")
        if chat in self.blocked:
            raise ApiError(403, "Forbidden: bot was blocked by the user")
        if chat in self.kicked:
            raise ApiError(403, "Forbidden: bot was kicked from the group chat")
        if chat in self.migrated:
            raise ApiError(
                400,
                "Bad Request: group chat was upgraded to a supergroup chat",
                {"migrate_to_chat_id": int(self.migrated[chat])},
            )

    def _deliver(
        self,
        method: str,
        chat: str,
        text: str,
        p: dict,
        limit: int,
        photo: bytes | None = None,
        f: dict | None = None,
    ) -> dict:
        self._chat_errors(chat)
        plain = check_message(text, p.get("parse_mode"), limit) if photo is None or text else ""
        preview = json.loads(p.get("link_preview_options") or "{}")
        is_doc = method == "sendDocument"
        thread = p.get("message_thread_id")
        with self.lock:
            if chat in self.flood_once:  # a 429 about this chat alone, once
                retry = self.flood_once.pop(chat)
                raise ApiError(429, f"Too Many Requests: retry after {retry:g}", {"retry_after": retry})
            self._flood_check(chat)
            mid = next(self._message_ids[chat])
            sent = Sent(
                method=method,
                chat_id=chat,
                message_id=mid,
                text=text,
                plain=plain,
                parse_mode=p.get("parse_mode"),
                at=time.monotonic(),
                preview_disabled=bool(preview.get("is_disabled")),
                photo=None if is_doc else photo,
                reply_markup=json.loads(p["reply_markup"]) if p.get("reply_markup") else None,
                silent=str(p.get("disable_notification", "")).lower() == "true",
                thread_id=int(thread) if thread not in (None, "") else None,
                document=photo if is_doc else None,
                filename=(f or {}).get("__filename__document") if is_doc else None,
            )
            self.sent.append(sent)
            self.lock.notify_all()
        return self._message_json(chat, mid, plain)

    def _flood_check(self, chat: str) -> None:
        """Sliding windows over accepted messages; called with the lock held."""
        now = time.monotonic()
        lim = self.limits
        checks = [
            ("*", lim.overall_per_second, 1.0),
            (chat, lim.per_chat_per_second, 1.0),
        ]
        if chat.startswith("-"):
            checks.append((chat + "/min", lim.per_group_per_minute, 60.0))
        for key, limit, window in checks:
            if limit is None:
                continue
            times = self._windows[key]
            while times and times[0] <= now - window:
                times.popleft()
            if len(times) >= limit:
                wait = times[0] + window - now
                retry = lim.retry_after if lim.retry_after is not None else max(1, int(wait) + 1)
                raise ApiError(
                    429, f"Too Many Requests: retry after {retry}", {"retry_after": retry}
                )
        for key, limit, _w in checks:
            if limit is not None:
                self._windows[key].append(now)

    def _message_json(self, chat: str, mid: int, plain: str) -> dict:
        info = self.chats.get(chat, {})
        return {
            "message_id": mid,
            "date": int(time.time()),
            "chat": _chat_json(
                chat, info.get("type", _type_of(chat)), info.get("title", "A group"), "Ada"
            ),
            "from": {"id": BOT_ID, "is_bot": True, "first_name": "Inspectwatch"},
            "text": plain,
        }


def _type_of(chat: str) -> str:
    if chat.startswith("@") or chat.startswith("-100"):
        return "channel" if chat.startswith("@") else "supergroup"
    return "group" if chat.startswith("-") else "private"


def _chat_json(chat_id: int | str, chat_type: str, title: str, first_name: str) -> dict:
    cid: int | str = int(chat_id) if str(chat_id).lstrip("-").isdigit() else 0
    out: dict[str, Any] = {"id": cid, "type": chat_type}
    if chat_type == "private":
        out["first_name"] = first_name
    else:
        out["title"] = title
    return out


# ------------------------------------------------------------------ HTTP


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # headers and body go out in two writes: no 40 ms stalls
    server_fake: FakeTelegram

    def log_message(self, format: str, *args: Any) -> None:  # quiet
        pass

    def do_GET(self) -> None:
        self._handle()

    def do_POST(self) -> None:
        self._handle()

    def _handle(self) -> None:
        fake = self.server_fake
        path = urlsplit(self.path).path
        download = re.fullmatch(r"/file/bot([^/]+)/documents/([A-Za-z0-9]+)", unquote(path))
        if download and download.group(1) == fake.token:
            with fake.lock:
                data = fake.files.get(download.group(2))
            return self._raw(data) if data is not None else self._answer(404, {"ok": False})
        m = re.fullmatch(r"/bot([^/]+)/([A-Za-z]+)", path)
        params, files = self._read_params()
        if not m or m.group(1) != fake.token:
            status = 404 if not m else 401
            return self._answer(status, {"ok": False, "error_code": status,
                                         "description": "Not Found" if status == 404 else "Unauthorized"})  # fmt: skip
        method = m.group(2)
        with fake.lock:
            fault = fake._faults[method].popleft() if fake._faults[method] else None
        if fault and fault.drop and not fault.after_accept:
            return self._drop()
        if fault and not fault.drop:
            return self._answer(fault.status, {"ok": False, "error_code": fault.status,
                                               "description": fault.description})  # fmt: skip
        if fake.latency and method.startswith("send"):
            time.sleep(fake.latency)
        try:
            result = fake.call(method, params, files)
        except ApiError as exc:
            chat = str(params.get("chat_id", ""))
            retry = (exc.parameters or {}).get("retry_after")
            with fake.lock:
                fake.rejected.append(
                    Rejected(method, chat, exc.status, exc.description, time.monotonic(), retry)
                )
            body: dict[str, Any] = {
                "ok": False,
                "error_code": exc.status,
                "description": exc.description,
            }
            if exc.parameters:
                body["parameters"] = exc.parameters
            return self._answer(exc.status, body)
        if fault and fault.drop:
            return self._drop()
        self._answer(200, {"ok": True, "result": result})

    def _read_params(self) -> tuple[dict[str, Any], dict[str, bytes]]:
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        query = dict(parse_qsl(urlsplit(self.path).query))
        ctype = self.headers.get("Content-Type", "")
        if ctype.startswith("multipart/form-data"):
            msg = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(
                f"Content-Type: {ctype}\r\n\r\n".encode() + raw
            )
            params: dict[str, Any] = {}
            files: dict[str, bytes] = {}
            for part in msg.iter_parts():
                name = part.get_param("name", header="content-disposition")
                payload = part.get_payload(decode=True) or b""
                if part.get_filename():
                    files[name] = payload
                    params[f"__filename__{name}"] = part.get_filename()
                else:
                    params[name] = payload.decode("utf-8")
            # PTB sends the photo as attach://<name> when it is a file part
            for key, value in list(params.items()):
                if isinstance(value, str) and value.startswith("attach://"):
                    files[key] = files.get(value[len("attach://") :], b"")
            names = {k: params.pop(k) for k in list(params) if k.startswith("__filename__")}
            return query | params, files | names
        if ctype.startswith("application/json"):
            data = json.loads(raw or b"{}")
            return query | {
                k: v if isinstance(v, str) else json.dumps(v) for k, v in data.items()
            }, {}
        return query | dict(parse_qsl(raw.decode("utf-8"), keep_blank_values=True)), {}

    def _answer(self, status: int, body: dict) -> None:
        data = json.dumps(body, ensure_ascii=False).encode("utf-8")
        try:
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):  # the client gave up (cancelled poll)
            self.close_connection = True

    def _raw(self, data: bytes) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "application/octet-stream")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _drop(self) -> None:
        self.close_connection = True
        with contextlib.suppress(OSError):
            self.connection.shutdown(2)


@pytest.fixture
def telegram_api() -> Iterator[FakeTelegram]:
    """A started fake Bot API server on 127.0.0.1, stopped after the test."""
    with FakeTelegram() as fake:
        yield fake
