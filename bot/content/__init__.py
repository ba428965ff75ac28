"""Answer files and the topic list: loading, validation and hot reload."""

from bot.content.answers import Answer, Place, Source, TopicAnswers, load_answer_file
from bot.content.store import AnswerStore
from bot.content.topics import Topic, TopicCatalog

__all__ = [
    "Answer",
    "AnswerStore",
    "Place",
    "Source",
    "Topic",
    "TopicAnswers",
    "TopicCatalog",
    "load_answer_file",
]
