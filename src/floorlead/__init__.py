"""floorlead: the workbench a customer-service supervisor runs a support team with."""

__version__ = "0.1.0"
