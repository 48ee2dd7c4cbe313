"""Who may use a view. Every view in the project is wrapped by one of these decorators, so the
question "who may see this?" is answered at the view's definition (and checked by the tests).
"""

from functools import wraps

from django.views.decorators.cache import cache_control


def public(view):
    """Anyone, without signing in. Public pages set no cookies and are not stored by the browser
    (a worried person may be on a shared phone)."""

    @cache_control(no_store=True, private=True)
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        return view(request, *args, **kwargs)

    wrapper.access = "public"
    return wrapper
