"""Command-line interface (Typer). Commands stay thin and call the areas' services."""
