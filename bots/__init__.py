"""Delivery to chat: channels, rendering per channel, the Telegram bot, the outbox worker."""
