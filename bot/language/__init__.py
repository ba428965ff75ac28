"""Which of the assistant's languages a message is written in."""

from bot.language.detect import LANGUAGES, Detection, LanguageDetector

__all__ = ["LANGUAGES", "Detection", "LanguageDetector"]
