"""Chat models: the embedded llama.cpp model or any OpenAI-compatible endpoint."""

from agents.llm.factory import load_chat_model
from agents.llm.structured import ask_structured
from agents.llm.usage import UsageMeter

__all__ = ["UsageMeter", "ask_structured", "load_chat_model"]
