"""The demonstration organization: its master data, plans and history (seed_demo)."""
