"""Needs and carers' assessments, and their eligibility determination under SI 2015/313."""
