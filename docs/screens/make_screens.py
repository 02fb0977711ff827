"""Render a digest and a /trend chart as Telegram shows them, for docs/screens/*.png.

Builds the exact Telegram HTML the bot sends (TelegramChannel.render, trend caption) into a
page styled like a Telegram chat bubble; headless Chromium takes the screenshots:

    .venv/bin/python docs/screens/make_screens.py   # writes *.html, then runs chromium
"""

from __future__ import annotations

import base64
import html
import shutil
import subprocess
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from bots.channels.messages import DigestItem
from bots.channels.telegram import TelegramChannel, TelegramSettings
from bots.render.chart import trend_png
from bots.render.history import trend_caption_doc
from bots.render.telegram_html import to_caption
from tests.bots.conftest import make_digest

HERE = Path(__file__).parent
PAGE = """<!doctype html><meta charset="utf-8"><style>
body {{ background: #8fb98b; font: 15px/1.35 "DejaVu Sans", sans-serif; margin: 0; padding: 24px; }}
.bubble {{ background: #fff; border-radius: 12px; max-width: 460px; padding: 8px 12px;
  white-space: pre-wrap; box-shadow: 0 1px 1px rgba(0,0,0,.2); }}
.bubble img {{ width: 100%; border-radius: 8px; display: block; margin-bottom: 6px; }}
a {{ color: #168acd; text-decoration: none; }}
.buttons {{ display: flex; gap: 4px; max-width: 484px; margin-top: 4px; }}
.buttons span {{ flex: 1; background: rgba(0,0,0,.25); color: #fff; text-align: center;
  border-radius: 8px; padding: 8px; font-weight: 600; }}
.buttons span::after {{ content: " ↗"; font-size: 11px; }}
</style><div class="bubble">{image}{body}</div><div class="buttons">{buttons}</div>"""


@dataclass(frozen=True)
class Row:
    value: float
    unit: str
    of: float | None
    qualifier: str | None
    scope: str | None
    published: date | None
    title: str
    url: str | None
    source: str


def page(body: str, buttons=(), image: bytes | None = None) -> str:
    img = f'<img src="data:image/png;base64,{base64.b64encode(image).decode()}">' if image else ""
    spans = "".join(f"<span>{html.escape(label)}</span>" for label, _url in buttons)
    return PAGE.format(image=img, body=body, buttons=spans)


def main() -> None:
    channel = TelegramChannel(TelegramSettings(), "0:screens", bot=object())  # never sends
    digest = make_digest(3, title="Inspection of probation services: Essex North PDU",
                         document="https://example.org/essex-north.pdf")  # fmt: skip
    (part,) = channel.render(DigestItem(digest))
    (HERE / "digest.html").write_text(page(part.text, part.links), encoding="utf-8")
    rows = [
        Row(41.0, "count", None, None, None, date(2015, 6, 1), "Report 2015", None, "seed-corpus"),
        Row(
            48.0, "count", None, None, None, date(2020, 6, 1), "Report 2020", None, "hmi-probation"
        ),
        Row(
            55.0, "count", None, None, None, date(2023, 6, 1), "Report 2023", None, "hmi-probation"
        ),
    ]
    png = trend_png("Average caseload", rows, unit="count")
    caption = to_caption(trend_caption_doc("Average caseload", "caseload_average", rows))
    (HERE / "trend.html").write_text(page(caption, image=png), encoding="utf-8")
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None:
        raise SystemExit("chromium not found: the .html files are written, the .png not")
    for name, size in (("digest", "540,560"), ("trend", "540,520")):
        subprocess.run(
            [browser, "--headless", "--no-sandbox", "--disable-gpu",
             "--disable-background-networking", "--hide-scrollbars",
             f"--window-size={size}", f"--screenshot={HERE / (name + '.png')}",
             (HERE / f"{name}.html").as_uri()],
            check=True, capture_output=True, timeout=60,
        )  # fmt: skip


if __name__ == "__main__":
    main()
