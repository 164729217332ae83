"""Template tags of the assessments app."""
