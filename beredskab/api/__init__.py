"""The REST API for the municipality's other systems: register notifications, read one, list the
open intake queue. Token-authenticated staff clients only; the OpenAPI schema is at /api/schema/."""
