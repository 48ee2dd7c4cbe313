"""The REST API for the municipality's other systems: register notifications, read one, list the
open intake queue. Tokens of system accounts only (docs/api.md); the OpenAPI schema is at
/api/schema/."""
