"""Error reports that never carry personal data.

Django's default error e-mails and debug pages include POST data, GET parameters and cookies;
in this system those may hold names, CPR numbers and free-text descriptions of violence.
"""

from django.views.debug import SafeExceptionReporterFilter


class NoPersonalDataReporterFilter(SafeExceptionReporterFilter):
    def get_post_parameters(self, request):
        if request is None:
            return {}
        return dict.fromkeys(request.POST, self.cleansed_substitute)

    def get_safe_request_meta(self, request):
        meta = super().get_safe_request_meta(request)
        meta.pop("QUERY_STRING", None)
        return meta

    def get_traceback_frame_variables(self, request, tb_frame):
        # Local variables may hold a person's data; show only their names.
        return [(name, self.cleansed_substitute) for name, _ in tb_frame.f_locals.items()]
