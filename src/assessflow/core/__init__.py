"""Shared helpers every app may use: forms, exports, fast inserts, working days, digit input. No domain, no models."""
