"""Shared helpers every app may use: forms, exports, fast inserts, working days, digits, journeys, extension points.

No domain and no models: core imports no app (make test checks it).
"""
