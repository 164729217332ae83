"""Shared helpers every app may use: forms, exports, fast inserts, working days, digits, journeys, extension points.

Also where a request came from (client_address), for sign-in throttling, password resets and the access log alike.

No domain and no models: core imports no app (make test checks it).
"""
