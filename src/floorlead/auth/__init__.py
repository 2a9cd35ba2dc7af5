"""Authentication (passwords, sessions, tokens), permissions and the audit log."""
