"""Stopping an oversized upload while it is still arriving.

Django writes every uploaded file to a temporary file before a view sees it, whatever its size
(DATA_UPLOAD_MAX_MEMORY_SIZE does not count files). This handler sits first in the chain and stops the
upload once a file passes the limit, so a 10 GB body never reaches the disk; the rest of the body is read
and discarded so that the browser still receives our answer instead of a reset connection.
"""

from __future__ import annotations

from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.http import HttpRequest


class SizeLimitHandler(FileUploadHandler):
    def __init__(self, request: HttpRequest, limit: int) -> None:
        super().__init__(request)
        self.limit = limit
        self.exceeded = False

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        # `start` is how much of this file the chain has seen so far.
        if start + len(raw_data) > self.limit:
            self.exceeded = True
            raise StopUpload(connection_reset=False)
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None  # the next handler (memory or temporary file) builds the UploadedFile


def limit_uploads(request: HttpRequest, limit: int) -> SizeLimitHandler:
    """Put a SizeLimitHandler first; must run before anything reads request.POST or request.FILES."""
    handler = SizeLimitHandler(request, limit)
    request.upload_handlers.insert(0, handler)
    return handler
