"""Run the delivery worker in its own process (for kill -9 tests): drain the outbox to Telegram.

python tests/bots/fanout_process.py DB_URL API_BASE_URL TOKEN RATE
"""

from __future__ import annotations

import asyncio
import sys

from bots.channels.telegram import TelegramChannel, TelegramSettings
from bots.delivery import DeliveryWorker
from state import Store


async def main(db_url: str, api: str, token: str, rate: float) -> None:
    store = Store(db_url)
    settings = TelegramSettings(api_base_url=api, rate_overall=rate, rate_per_chat=rate)
    channel = TelegramChannel(settings, token)
    await DeliveryWorker(store, {"telegram": channel}).drain()
    await channel.close()


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4])))
