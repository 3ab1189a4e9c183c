"""The project's small error family. Every message is safe to show a user."""


class ChuhaiError(Exception):
    """Base error; `code` is the machine-readable name used in API error bodies."""

    code = "error"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class BadInput(ChuhaiError):
    code = "bad_input"


class NotFound(ChuhaiError):
    code = "not_found"


class Forbidden(ChuhaiError):
    code = "forbidden"


class LLMUnavailable(ChuhaiError):
    """The configured model cannot be reached, loaded or authenticated."""

    code = "llm_unavailable"


class ModelFileError(LLMUnavailable):
    """The local model file is missing or does not match its checksum."""

    code = "model_file_error"
