"""An organization runs itself: its administrator's pages for people, roles, master data,
rules and signers, and the superuser's page that starts a new organization."""
