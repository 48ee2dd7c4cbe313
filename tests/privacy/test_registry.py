"""Every text field of every model says what the retention job does with it, so a field added
tomorrow cannot be forgotten: this test fails until someone classifies it."""

from django.apps import apps

from beredskab.privacy import registry


def test_every_text_field_of_every_model_is_classified():
    missing = registry.unclassified_fields()

    assert missing == [], (
        "Say in beredskab/privacy/registry.py whether the retention job removes these fields "
        f"(and how) or keeps them (and why): {missing}"
    )


def test_a_new_text_field_is_reported_until_it_is_classified(monkeypatch):
    entry = registry.REGISTRY["cases.BreakGlassGrant"]
    monkeypatch.setitem(
        registry.REGISTRY,
        "cases.BreakGlassGrant",
        registry.Entry(rows=entry.rows, fields={}),
    )

    assert registry.unclassified_fields() == ["cases.BreakGlassGrant.reason"]


def test_the_registry_names_only_fields_that_exist():
    stale = []
    for label, entry in registry.REGISTRY.items():
        model = apps.get_model(label)
        names = {f.name for f in model._meta.get_fields()}
        stale += [f"{label}.{name}" for name in entry.fields if name not in names]

    assert stale == []


def test_the_models_of_other_packages_are_out_of_scope_for_a_stated_reason():
    others = {m._meta.app_label for m in apps.get_models()} - {
        m._meta.app_label for m in registry.project_models()
    }

    assert others - set(registry.OUT_OF_SCOPE) == set()
    assert all(reason.strip() for reason in registry.OUT_OF_SCOPE.values())


def test_whatever_is_removed_can_be_found_from_an_expired_case():
    unreachable = [
        label
        for label, entry in registry.REGISTRY.items()
        if entry.rows is None and any(f.how != registry.How.KEEP for f in entry.fields.values())
    ]

    assert unreachable == []


def test_a_model_either_loses_its_rows_or_has_fields_emptied_never_both():
    mixed = []
    for label, entry in registry.REGISTRY.items():
        hows = {f.how for f in entry.fields.values()}
        removes_rows = hows & {registry.How.DELETE_ROW, registry.How.DELETE_FILE}
        if removes_rows and hows - {registry.How.DELETE_ROW, registry.How.DELETE_FILE}:
            mixed.append(label)

    assert mixed == []


def test_kept_fields_say_why():
    silent = [
        f"{label}.{name}"
        for label, entry in registry.REGISTRY.items()
        for name, field in entry.fields.items()
        if field.how == registry.How.KEEP and not field.why.strip()
    ]

    assert silent == []
