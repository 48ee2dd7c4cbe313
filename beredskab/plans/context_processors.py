"""Makes the published plan available to every template as `plan` (queried only when used)."""

from django.utils.functional import SimpleLazyObject

from .selectors import NoPublishedPlan, current_plan


def plan(request):
    def load():
        try:
            return current_plan()
        except NoPublishedPlan:
            return None

    return {"plan": SimpleLazyObject(load)}
