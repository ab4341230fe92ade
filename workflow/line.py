"""Pushing a text to an organization's LINE group through the LINE Messaging API.

line-bot-sdk's MessagingApi client, pointed at LINE_API_BASE_URL (a stand-in on 127.0.0.1 in
the tests). A push carries a retry key (X-Line-Retry-Key): when a retry follows a push whose
answer was lost, LINE delivers the message once.
"""

from django.conf import settings
from linebot.v3.messaging import (
    ApiClient,
    ApiException,
    Configuration,
    MessagingApi,
    PushMessageRequest,
    TextMessage,
)

# LINE refuses a text message longer than this.
MAX_TEXT = 5000


class LineRefused(Exception):
    """LINE answered that this push can never succeed (bad token, unknown group)."""


def line_push(*, token: str, group_id: str, text: str, retry_key: str) -> None:
    """Raises LineRefused for a refusal worth no retry, anything else for one worth it."""
    configuration = Configuration(host=settings.LINE_API_BASE_URL, access_token=token)
    # A LINE server that never answers must not hold the worker: the SDK passes this on.
    timeout = settings.EMAIL_TIMEOUT
    with ApiClient(configuration) as client:
        request = PushMessageRequest(to=group_id, messages=[TextMessage(text=text[:MAX_TEXT])])
        try:
            MessagingApi(client).push_message(
                request, x_line_retry_key=retry_key, _request_timeout=timeout
            )
        except ApiException as error:
            # 409: this retry key was accepted before, so the message is already there.
            if error.status == 409:
                return
            if error.status is not None and 400 <= error.status < 500 and error.status != 429:
                raise LineRefused(f"LINE {error.status}: {error.body}") from error
            raise
