"""Organisation: people, teams, roles, reporting lines, skills and approval authority."""
