from django.contrib import admin

from .models import Plan, PlanVersion


@admin.register(Plan)
class PlanAdmin(admin.ModelAdmin):
    list_display = ["municipality_name", "municipality_slug"]


@admin.register(PlanVersion)
class PlanVersionAdmin(admin.ModelAdmin):
    list_display = ["plan", "version", "effective_from", "next_revision", "published_at"]
    readonly_fields = [f.name for f in PlanVersion._meta.fields]

    def has_add_permission(self, request):
        return False  # versions come from plan files (manage.py load_plan)
