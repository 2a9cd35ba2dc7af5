"""Tickets: customers, tickets, events, SLA, escalation and assignment."""
