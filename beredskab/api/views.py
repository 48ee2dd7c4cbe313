"""The API's endpoints: thin views over the intake services and selectors, like the staff pages
in beredskab.intake.staff_views. Every read of a notification is audited."""

import datetime as dt
import json
import uuid

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.settings import spectacular_settings
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    PolymorphicProxySerializer,
    extend_schema,
)
from drf_spectacular.views import SpectacularSwaggerSplitView
from rest_framework import status
from rest_framework.exceptions import APIException, NotFound, ValidationError
from rest_framework.parsers import JSONParser
from rest_framework.response import Response
from rest_framework.reverse import reverse
from rest_framework.throttling import UserRateThrottle
from rest_framework.views import APIView

from beredskab.accounts import roles as r
from beredskab.audit.services import record
from beredskab.cases.access import can_view
from beredskab.intake.models import Notification, NotificationConcern
from beredskab.intake.selectors import intake_queue
from beredskab.intake.services import NotificationData, register_notification
from beredskab.plans.selectors import current_plan

from .permissions import StaffWithRole
from .serializers import (
    ErrorSerializer,
    NotificationDetailSerializer,
    NotificationRegistrationSerializer,
    NotificationSummarySerializer,
    QueueFilterSerializer,
    QueueRowSerializer,
    ValidationErrorsSerializer,
)

IDEMPOTENCY_HEADER = "Idempotency-Key"
UUID_PATTERN = "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"

# The answers every endpoint may give besides its own, in the schema: a client generated from it
# reads them into the `Error` model (one `detail`) and `ValidationErrors` (per field).
ERRORS = {
    401: OpenApiResponse(
        ErrorSerializer,
        description="No token, or a wrong, expired or revoked one, or one whose account is "
        "closed or not a system account. The detail says which.",
    ),
    403: OpenApiResponse(
        ErrorSerializer, description="The system account lacks a role this operation needs."
    ),
    429: OpenApiResponse(
        ErrorSerializer,
        description="Too many requests from this account (600 a minute): wait `Retry-After` "
        "seconds.",
    ),
}
ERROR_HEADERS = [
    OpenApiParameter(
        "WWW-Authenticate",
        str,
        OpenApiParameter.HEADER,
        response=[401],
        description="`Token`: send `Authorization: Token <token>`.",
    ),
    OpenApiParameter(
        "Retry-After",
        int,
        OpenApiParameter.HEADER,
        response=[429],
        description="Seconds to wait before the next request.",
    ),
]


class StaffAPIView(APIView):
    """Marks the view with who may use it, as `beredskab.access.staff(...)` does for pages."""

    access_roles: frozenset[str] = frozenset()

    @classmethod
    def as_view(cls, **initkwargs):
        view = super().as_view(**initkwargs)
        view.access = ("staff", cls.access_roles)
        return view


class IdempotencyKeyReused(APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = _("Idempotency-Key er allerede brugt af en anden bruger.")
    default_code = "idempotency_key_reused"


def _idempotency_key(request) -> uuid.UUID | None:
    value = request.headers.get(IDEMPOTENCY_HEADER, "").strip()
    if not value:
        return None
    try:
        return uuid.UUID(value)
    except ValueError:
        raise ValidationError(
            {IDEMPOTENCY_HEADER: [_("Idempotency-Key skal være et UUID, fx fra uuid4().")]}
        ) from None


def _notification(reference) -> Notification:
    notification = (
        Notification.objects.select_related("case")
        .prefetch_related(Prefetch("concerns", queryset=NotificationConcern.objects.order_by("id")))
        .filter(reference=reference)
        .first()
    )
    if notification is None:
        raise NotFound
    return notification


class RegisterNotification(StaffAPIView):
    """Register a notification that another system received, with its real time of receipt."""

    access_roles = frozenset({r.INTAKE})
    permission_classes = [StaffWithRole]
    throttle_classes = [UserRateThrottle]
    parser_classes = [JSONParser]

    @extend_schema(
        operation_id="notifications_register",
        tags=["notifications"],
        summary="Register a notification",
        description="Deadlines run from `received_at`. Send an `Idempotency-Key` (a UUID) to "
        "retry safely: the same key again returns the first notification with 200.",
        request=NotificationRegistrationSerializer,
        parameters=[
            OpenApiParameter(
                IDEMPOTENCY_HEADER,
                # A string with a UUID's pattern, not `format: uuid`: generated clients would
                # then take a UUID object and put it in the header as such, which httpx refuses.
                {"type": "string", "pattern": UUID_PATTERN},
                OpenApiParameter.HEADER,
                description="A UUID chosen by the client (e.g. from uuid4()), the same for every "
                "retry.",
            ),
            OpenApiParameter(
                "Location",
                str,
                OpenApiParameter.HEADER,
                response=[200, 201],
                description="The notification's URL (read one).",
            ),
            *ERROR_HEADERS,
        ],
        responses={
            201: OpenApiResponse(NotificationSummarySerializer, description="Registered."),
            200: OpenApiResponse(
                NotificationSummarySerializer,
                description="Already registered with this key: nothing new was registered.",
            ),
            400: OpenApiResponse(
                PolymorphicProxySerializer(
                    component_name="RegistrationBadRequest",
                    serializers=[ErrorSerializer, ValidationErrorsSerializer],
                    resource_type_field_name=None,
                ),
                description="The fields (or the Idempotency-Key header) that are wrong, and why "
                "(`ValidationErrors`); or a body that is not valid JSON (`Error`).",
            ),
            **ERRORS,
            409: OpenApiResponse(
                ErrorSerializer, description="The key was used by another system account."
            ),
            415: OpenApiResponse(
                ErrorSerializer, description="The body is not JSON (`Content-Type`)."
            ),
        },
    )
    def post(self, request):
        key = _idempotency_key(request)
        serializer = NotificationRegistrationSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = NotificationData(**serializer.validated_data)
        notification, created = register_notification(
            data, submission_token=key, registered_by=request.user, request=request
        )
        context = {"concern_types": list(dict.fromkeys(data.concern_types))}
        if not created:
            if notification.registered_by_id != request.user.pk:
                raise IdempotencyKeyReused
            notification = _notification(notification.reference)
            context = {}
        return Response(
            NotificationSummarySerializer(notification, context=context).data,
            status=status.HTTP_201_CREATED if created else status.HTTP_200_OK,
            headers={
                "Location": reverse(
                    "api:notification", args=[notification.reference], request=request
                )
            },
        )


class NotificationDetail(StaffAPIView):
    """One notification with its content, for a user who may see its case."""

    access_roles = frozenset({r.INTAKE, r.LEADER})
    permission_classes = [StaffWithRole]
    throttle_classes = [UserRateThrottle]

    @extend_schema(
        operation_id="notifications_read",
        tags=["notifications"],
        summary="Read one notification",
        description="404 also when the user may not see the case (e.g. Modtagelsen after it "
        "was routed). Every read is audited.",
        parameters=ERROR_HEADERS,
        responses={
            200: NotificationDetailSerializer,
            **ERRORS,
            404: OpenApiResponse(
                ErrorSerializer,
                description="No such notification, or one this account may not see.",
            ),
        },
    )
    def get(self, request, reference):
        notification = _notification(reference)
        if not can_view(request.user, notification.case):
            # Answered as if it did not exist: a reference alone tells nothing.
            record(
                "notification.view_refused",
                request=request,
                obj=notification,
                detail={"via": "api"},
            )
            raise NotFound
        record(
            "notification.view",
            request=request,
            obj=notification,
            person_key=reference,
            detail={"via": "api"},
        )
        return Response(NotificationDetailSerializer(notification).data)


class IntakeQueue(StaffAPIView):
    """Modtagelsen's open queue, nearest deadline first, without names or free text."""

    access_roles = frozenset({r.INTAKE, r.LEADER})
    permission_classes = [StaffWithRole]
    throttle_classes = [UserRateThrottle]

    @extend_schema(
        operation_id="notifications_queue",
        tags=["notifications"],
        summary="List the open intake queue",
        description="Notifications not yet routed, nearest open deadline first (at most 200).",
        parameters=[QueueFilterSerializer, *ERROR_HEADERS],
        responses={
            200: QueueRowSerializer(many=True),
            400: OpenApiResponse(
                ValidationErrorsSerializer,
                description="A filter value that does not exist, per filter.",
            ),
            **ERRORS,
        },
    )
    def get(self, request):
        query = QueueFilterSerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        now = timezone.now()
        warning = dt.timedelta(hours=current_plan().deadlines.warning_hours)
        rows = intake_queue(query.filters(), now=now, warning=warning)
        record("intake.queue_view", request=request, detail={"via": "api"})
        return Response(
            QueueRowSerializer(rows, many=True, context={"now": now, "warning": warning}).data
        )


class ApiDocs(SpectacularSwaggerSplitView):
    """Swagger UI from our own static files, its start script a separate file, so that it runs
    under the site's CSP (script-src 'self', no inline script, nothing from other hosts)."""

    template_name = "api/swagger_ui.html"
    url_name = "api:schema"

    @extend_schema(exclude=True)
    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        if "settings" in response.data:
            # Swagger UI otherwise shows a badge loaded from validator.swagger.io, which would
            # tell an outside host where our schema is.
            response.data["settings"] = json.dumps(
                {**spectacular_settings.SWAGGER_UI_SETTINGS, "validatorUrl": None}
            )
        return response
