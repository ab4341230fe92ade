class DomainError(Exception):
    """A refusal with a message, in Thai, for the person who tried; views show `message`."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message
