"""Which of the assistant's languages a message is written in."""

from common.language.detect import LANGUAGES, Detection, LanguageDetector

__all__ = ["LANGUAGES", "Detection", "LanguageDetector"]
