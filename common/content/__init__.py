"""Answer files and the topic list: loading, validation and hot reload."""

from common.content.answers import Answer, Place, Source, TopicAnswers, load_answer_file
from common.content.store import AnswerStore
from common.content.topics import Topic, TopicCatalog

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
