"""Shows the restricted-record page wherever a view reaches a record its user may not open."""

from .restrictions import RestrictedRecord
from .shared_pages import restricted_page


class RestrictedRecordMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, RestrictedRecord):
            return restricted_page(request, exception)
        return None
