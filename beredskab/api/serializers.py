"""What the API accepts and returns. Validation mirrors the staff registration form
(beredskab.intake.forms.StaffRegistrationForm); registering itself is `register_notification`."""

from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiSerializerExtension
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.exceptions import ErrorDetail

from beredskab import cpr
from beredskab.cases.models import CaseState, Track
from beredskab.deadlines import rules as deadline_rules
from beredskab.intake.forms import birth_date_problem, received_at_problem
from beredskab.intake.models import (
    AgeGroup,
    Channel,
    NotifierKind,
    ReceiptMethod,
    YesNoUnknown,
)
from beredskab.intake.selectors import QueueFilters
from beredskab.plans.selectors import current_plan

# The web forms' channels belong to the forms; other systems register everything else. A
# notification reads back with any channel: the schema names the two enums apart
# (RegistrationChannelEnum and ChannelEnum, SPECTACULAR_SETTINGS["ENUM_NAME_OVERRIDES"]).
REGISTRATION_CHANNELS = [
    (c.value, c.label) for c in Channel if c not in (Channel.WEB_PROFESSIONAL, Channel.WEB_CITIZEN)
]
CHANNEL_HELP = "How it came in: a registration's channel, or one of the web forms."
# Every text field has a limit, as on the forms (beredskab.forms.bound_text), with one message.
TOO_LONG = _("Teksten må højst være {max_length} tegn.")
DEADLINE_STATES = ["overdue", "due_soon", "on_time", "no_deadline"]
# Two yes/no/unknown questions, each with its own answers' wording in the schema (which also keeps
# drf-spectacular from giving one choice set two names).
CHILDREN_IN_HOUSEHOLD = [
    (YesNoUnknown.YES, "Children live in the household"),
    (YesNoUnknown.NO, "No children in the household"),
    (YesNoUnknown.UNKNOWN, "Not known"),
]
FAMILY_KNOWS = [
    (YesNoUnknown.YES, "The family knows of the notification"),
    (YesNoUnknown.NO, "The family does not know"),
    (YesNoUnknown.UNKNOWN, "Not known"),
]


def concern_type_keys() -> list[str]:
    return [c.key for c in current_plan().procedure.concern_types]


class OffsetDateTimeField(serializers.DateTimeField):
    """ISO 8601 with a UTC offset: without one, a time of receipt is ambiguous."""

    default_error_messages = {
        "no_offset": _(
            "Angiv tidspunktet med tidszone (UTC-forskydning), fx 2026-11-27T19:30:00+01:00."
        ),
        "overflow": _("Tidspunktet findes ikke i kalenderen. Tjek året."),
    }

    def to_internal_value(self, value):
        if isinstance(value, str):
            try:
                parsed = parse_datetime(value.strip())
            except ValueError:
                parsed = None
            if parsed is not None and parsed.tzinfo is None:
                self.fail("no_offset")
        return super().to_internal_value(value)


class MessageListField(serializers.ListField):
    """A list whose errors are messages like every other field's, each naming the item
    (`["Nr. 2: …"]`), not DRF's `{"1": ["…"]}`: the 400 keeps one shape (ValidationErrors)."""

    def run_child_validation(self, data):
        try:
            return super().run_child_validation(data)
        except serializers.ValidationError as exc:
            raise serializers.ValidationError(
                [
                    ErrorDetail(
                        _("Nr. %(number)d: %(why)s") % {"number": index + 1, "why": message},
                        code=message.code,
                    )
                    for index, messages in exc.detail.items()
                    for message in messages
                ]
            ) from None


def _text(max_length, **kwargs):
    kwargs.setdefault("required", False)
    if not kwargs["required"]:
        kwargs.update(allow_blank=True, default="")
    error_messages = {"max_length": TOO_LONG, **kwargs.pop("error_messages", {})}
    return serializers.CharField(max_length=max_length, error_messages=error_messages, **kwargs)


class NotificationRegistrationSerializer(serializers.Serializer):
    """A notification as another system received it. Field names are NotificationData's."""

    channel = serializers.ChoiceField(
        choices=REGISTRATION_CHANNELS,
        help_text="How the notification came in. The web forms' channels are not accepted.",
        error_messages={
            "invalid_choice": _(
                '"{input}" kan ikke registreres via API\'et. Brug phone, email, letter, police, '
                "social_doegnvagt eller api (web_professional og web_citizen er kun til "
                "webformularerne)."
            )
        },
    )
    received_at = OffsetDateTimeField(
        help_text="When the municipality received it (ISO 8601 with offset). Deadlines run "
        "from this time, not from the registration.",
        error_messages={
            "required": _(
                "Angiv hvornår underretningen blev modtaget, fx 2026-11-27T19:30:00+01:00."
            ),
        },
    )
    notifier_kind = serializers.ChoiceField(choices=NotifierKind.choices)
    notifier_name = _text(200)
    notifier_workplace = _text(200)
    notifier_role = _text(200)
    notifier_phone = _text(40)
    # No default in the schema: an e-mail address cannot be empty (NotificationData's is "").
    notifier_email = serializers.EmailField(
        required=False,
        allow_blank=True,
        max_length=254,
        error_messages={"max_length": TOO_LONG},
        help_text="For a receipt by e-mail. Leave it out when there is none.",
    )
    notifier_address = _text(300, help_text="For a receipt by letter.")

    person_name = _text(200)
    person_cpr = _text(
        11, help_text="DDMMYY-SSSS or DDMMYYSSSS. Never returned in full.", write_only=True
    )
    person_birth_date = serializers.DateField(required=False, allow_null=True, default=None)
    person_age = serializers.IntegerField(
        required=False, allow_null=True, default=None, min_value=0, max_value=120
    )
    age_group = serializers.ChoiceField(
        choices=AgeGroup.choices,
        required=False,
        allow_blank=True,
        help_text="Only needed when neither CPR number, birth date nor age is known.",
    )
    person_address = _text(300)
    person_language = _text(100)
    interpreter_needed = serializers.BooleanField(required=False, default=False)
    children_in_household = serializers.ChoiceField(
        choices=CHILDREN_IN_HOUSEHOLD, required=False, default=YesNoUnknown.UNKNOWN
    )
    children_details = _text(2000)

    concern_types = MessageListField(
        child=serializers.CharField(max_length=50, error_messages={"max_length": TOO_LONG}),
        allow_empty=False,
        max_length=20,
        help_text="Keys of the plan's concern types (procedure.concern_types), "
        "e.g. forced_marriage.",
        error_messages={
            "required": _("Angiv mindst én type bekymring (en nøgle fra planen)."),
            "empty": _("Angiv mindst én type bekymring (en nøgle fra planen)."),
        },
    )
    description = _text(
        20000,
        required=True,
        help_text="What happened, as the notifier told it.",
        error_messages={
            "required": _("Beskriv hvad der er sket."),
            "blank": _("Beskriv hvad der er sket."),
        },
    )
    immediate_danger = serializers.BooleanField(
        error_messages={"required": _("Svar på, om personen er i akut fare (true eller false).")}
    )
    notifier_actions = _text(5000)
    family_knows = serializers.ChoiceField(
        choices=FAMILY_KNOWS, required=False, default=YesNoUnknown.UNKNOWN
    )
    receipt_method = serializers.ChoiceField(
        choices=ReceiptMethod.choices,
        required=False,
        allow_null=True,
        allow_blank=True,
        default=None,
        help_text="Empty: e-mail if there is an address, else letter, else phone; for a "
        "citizen, none (a citizen gets a receipt only when they asked for one).",
    )

    def validate_received_at(self, value):
        problem = received_at_problem(value)
        if problem:
            raise serializers.ValidationError(problem)
        return value

    def validate_person_cpr(self, value):
        if not value:
            return ""
        try:
            born = cpr.birth_date(value)
        except cpr.InvalidCPR as exc:
            raise serializers.ValidationError(
                _("CPR-nummeret er ikke gyldigt: %(why)s.") % {"why": exc}
            ) from exc
        if born > timezone.localdate():
            raise serializers.ValidationError(_("CPR-nummerets fødselsdato ligger i fremtiden."))
        return cpr.normalise(value)

    def validate_person_birth_date(self, value):
        problem = value and birth_date_problem(value)
        if problem:
            raise serializers.ValidationError(problem)
        return value

    def validate_concern_types(self, value):
        known = concern_type_keys()
        unknown = [key for key in value if key not in known]
        if unknown:
            raise serializers.ValidationError(
                _("Ukendt type bekymring: %(unknown)s. Planens typer er: %(known)s.")
                % {"unknown": ", ".join(unknown), "known": ", ".join(known)}
            )
        return list(dict.fromkeys(value))

    def validate(self, attrs):
        known_age = (
            attrs.get("person_cpr")
            or attrs.get("person_birth_date")
            or attrs.get("person_age") is not None
            or attrs.get("age_group")
        )
        if not known_age:
            raise serializers.ValidationError(
                {
                    "age_group": _(
                        "Angiv person_cpr, person_birth_date eller person_age – eller age_group "
                        "(child, adult eller unknown)."
                    )
                }
            )
        if attrs.get("receipt_method") == ReceiptMethod.EMAIL and not attrs.get("notifier_email"):
            raise serializers.ValidationError(
                {"notifier_email": _("Angiv en e-mail, når kvitteringen skal sendes som e-mail.")}
            )
        return attrs


class DeadlinesSerializer(serializers.Serializer):
    """The plan's two deadlines: the risk assessment, and the receipt to the notifier."""

    assessment_due_at = serializers.DateTimeField(read_only=True)
    assessed_at = serializers.DateTimeField(read_only=True, allow_null=True)
    receipt_due_at = serializers.DateTimeField(
        read_only=True, allow_null=True, help_text="Null when no receipt can be sent."
    )
    receipt_sent_at = serializers.DateTimeField(read_only=True, allow_null=True)
    receipt_method = serializers.ChoiceField(choices=ReceiptMethod.choices, read_only=True)


class NotificationSummarySerializer(serializers.Serializer):
    """A notification without personal data: what a registering system gets back."""

    reference = serializers.CharField(read_only=True)
    track = serializers.ChoiceField(choices=Track.choices, source="case.track", read_only=True)
    state = serializers.ChoiceField(choices=CaseState.choices, source="case.state", read_only=True)
    age_group = serializers.ChoiceField(choices=AgeGroup.choices, read_only=True)
    channel = serializers.ChoiceField(
        choices=Channel.choices, read_only=True, help_text=CHANNEL_HELP
    )
    received_at = serializers.DateTimeField(read_only=True)
    deadlines = DeadlinesSerializer(source="*", read_only=True)
    concern_types = serializers.SerializerMethodField()
    immediate_danger = serializers.BooleanField(read_only=True)

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_concern_types(self, notification):
        # A registration's answer: the types it has just saved, in their order.
        saved = self.context.get("concern_types")
        if saved is not None:
            return saved
        return [c.concern_type for c in notification.concerns.all()]


class NotificationDetailSerializer(NotificationSummarySerializer):
    """One notification with its content, for a user who may see it (cases.access.can_view)."""

    registered_at = serializers.DateTimeField(read_only=True)
    notifier_kind = serializers.ChoiceField(choices=NotifierKind.choices, read_only=True)
    notifier_name = serializers.CharField(read_only=True)
    notifier_workplace = serializers.CharField(read_only=True)
    notifier_role = serializers.CharField(read_only=True)
    notifier_phone = serializers.CharField(read_only=True)
    notifier_email = serializers.CharField(read_only=True)
    notifier_address = serializers.CharField(read_only=True)
    person_name = serializers.CharField(read_only=True)
    person_cpr_masked = serializers.SerializerMethodField(
        help_text="Birth date part only, e.g. 010203-xxxx; empty when unknown."
    )
    person_birth_date = serializers.DateField(read_only=True, allow_null=True)
    person_age = serializers.IntegerField(read_only=True, allow_null=True)
    person_address = serializers.CharField(read_only=True)
    person_language = serializers.CharField(read_only=True)
    interpreter_needed = serializers.BooleanField(read_only=True)
    children_in_household = serializers.ChoiceField(choices=CHILDREN_IN_HOUSEHOLD, read_only=True)
    children_details = serializers.CharField(read_only=True)
    description = serializers.CharField(read_only=True)
    notifier_actions = serializers.CharField(read_only=True)
    family_knows = serializers.ChoiceField(choices=FAMILY_KNOWS, read_only=True)

    def get_person_cpr_masked(self, notification) -> str:
        return cpr.masked(notification.person_cpr)


class QueueFilterSerializer(serializers.Serializer):
    """The queue's query parameters; the same filters as Modtagelsen's queue page."""

    concern = serializers.CharField(
        required=False,
        max_length=50,
        error_messages={"max_length": TOO_LONG},
        help_text="A concern type key of the plan.",
    )
    age = serializers.ChoiceField(choices=AgeGroup.choices, required=False)
    channel = serializers.ChoiceField(choices=Channel.choices, required=False)
    state = serializers.ChoiceField(
        choices=DEADLINE_STATES, required=False, help_text="State of the nearest open deadline."
    )

    def validate_concern(self, value):
        if value not in concern_type_keys():
            raise serializers.ValidationError(_("Ukendt type bekymring: %(key)s.") % {"key": value})
        return value

    def filters(self) -> QueueFilters:
        data = self.validated_data
        return QueueFilters(
            concern_type=data.get("concern", ""),
            age_group=data.get("age", ""),
            channel=data.get("channel", ""),
            state=data.get("state", ""),
        )


class QueueRowSerializer(serializers.Serializer):
    """One row of the open queue: no names, CPR numbers or free text."""

    reference = serializers.CharField(read_only=True)
    received_at = serializers.DateTimeField(read_only=True)
    channel = serializers.ChoiceField(
        choices=Channel.choices, read_only=True, help_text=CHANNEL_HELP
    )
    age_group = serializers.ChoiceField(choices=AgeGroup.choices, read_only=True)
    concern_types = serializers.SerializerMethodField()
    immediate_danger = serializers.BooleanField(read_only=True)
    state = serializers.ChoiceField(choices=CaseState.choices, source="case.state", read_only=True)
    next_due_at = serializers.DateTimeField(
        read_only=True, allow_null=True, help_text="The nearest open deadline; the queue's order."
    )
    deadline_state = serializers.SerializerMethodField()
    deadlines = DeadlinesSerializer(source="*", read_only=True)

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_concern_types(self, notification):
        return [c.concern_type for c in notification.concerns.all()]

    @extend_schema_field(serializers.ChoiceField(choices=DEADLINE_STATES))
    def get_deadline_state(self, notification) -> str:
        return deadline_rules.deadline_state(
            notification.next_due_at, self.context["now"], self.context["warning"]
        )


# The error bodies. DRF answers every error with one of two shapes; the schema names both, so that a
# generated client can read them.


class ErrorSerializer(serializers.Serializer):
    """An error with one message: 401, 403, 404, 409, 415, 429, and a body that is not JSON."""

    detail = serializers.CharField(help_text="What went wrong, in Danish.")


class ValidationErrorsSerializer(serializers.Serializer):
    """A 400 that names each field (or header) and why: `{"field": ["why", ...]}`. Errors about
    the body as a whole are under `non_field_errors`. The messages are for people, in Danish:
    match on the keys."""

    non_field_errors = serializers.ListField(
        child=serializers.CharField(),
        required=False,
        help_text="Errors about the body as a whole (e.g. a list where an object belongs).",
    )


class ValidationErrorsSchema(OpenApiSerializerExtension):
    """Any key may hold a list of messages: DRF's serializers cannot say so themselves."""

    target_class = ValidationErrorsSerializer

    def map_serializer(self, auto_schema, direction):
        schema = super().map_serializer(auto_schema, direction)
        schema["additionalProperties"] = {"type": "array", "items": {"type": "string"}}
        return schema
