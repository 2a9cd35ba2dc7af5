"""Tickets: customers, tickets, events, SLA, escalation and assignment.

This is the area's public surface: other areas and the adapters import from here.
"""

from floorlead.tickets.assignment import AssignStrategy, OnShift, assign_ticket, transfer_ticket
from floorlead.tickets.attention import needs_attention
from floorlead.tickets.calendars import create_calendar, delete_calendar, update_calendar
from floorlead.tickets.clocks import clocks_by_ticket
from floorlead.tickets.customers import CustomerNotFound, create_customer, update_customer
from floorlead.tickets.escalation_rules import (
    create_escalation_rule,
    delete_escalation_rule,
    update_escalation_rule,
)
from floorlead.tickets.escalation_service import (
    apply_escalation_rules,
    escalate_ticket,
    run_escalation_rules,
)
from floorlead.tickets.history import AppendOnlyHistory, StaleTicket, TicketNotFound
from floorlead.tickets.inputs import KEEP
from floorlead.tickets.lifecycle import add_message, change_priority, change_status
from floorlead.tickets.queries import (
    TicketFilters,
    customer_detail,
    list_customers,
    list_tickets,
    ticket_detail,
    ticket_list_json,
    ticket_list_rows,
    ticket_timeline,
    visible_to,
)
from floorlead.tickets.rule_queries import (
    calendar_detail,
    escalation_rule_detail,
    list_calendars,
    list_escalation_rules,
    list_sla_policies,
    sla_policy_detail,
)
from floorlead.tickets.service import open_ticket, update_ticket
from floorlead.tickets.sla_service import create_sla_policy, delete_sla_policy, update_sla_policy
from floorlead.tickets.work_log import (
    record_handle_segment,
    record_satisfaction,
    request_help,
    resolve_help,
)

__all__ = [
    "KEEP",
    "AppendOnlyHistory",
    "AssignStrategy",
    "CustomerNotFound",
    "OnShift",
    "StaleTicket",
    "TicketFilters",
    "TicketNotFound",
    "add_message",
    "apply_escalation_rules",
    "assign_ticket",
    "calendar_detail",
    "change_priority",
    "change_status",
    "clocks_by_ticket",
    "create_calendar",
    "create_customer",
    "create_escalation_rule",
    "create_sla_policy",
    "customer_detail",
    "delete_calendar",
    "delete_escalation_rule",
    "delete_sla_policy",
    "escalate_ticket",
    "escalation_rule_detail",
    "list_calendars",
    "list_customers",
    "list_escalation_rules",
    "list_sla_policies",
    "list_tickets",
    "needs_attention",
    "open_ticket",
    "record_handle_segment",
    "record_satisfaction",
    "request_help",
    "resolve_help",
    "run_escalation_rules",
    "sla_policy_detail",
    "ticket_detail",
    "ticket_list_json",
    "ticket_list_rows",
    "ticket_timeline",
    "transfer_ticket",
    "update_calendar",
    "update_customer",
    "update_escalation_rule",
    "update_sla_policy",
    "update_ticket",
    "visible_to",
]
