"""Every change to an assessment, its plan and its checks: one function per business action (see the modules)."""
