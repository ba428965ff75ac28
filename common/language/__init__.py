"""Which of the assistant's languages a message is written in."""

from common.language.detect import Detection, LanguageDetector
from common.languages import LANGUAGES

__all__ = ["LANGUAGES", "Detection", "LanguageDetector"]
