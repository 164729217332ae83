"""Changes to casework; one module per kind of item. Each change is audited and reaches the timeline."""
