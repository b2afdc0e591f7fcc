"""runprint: printer-friendly PDF cards from exercise and routine templates."""

__version__ = "0.1.0"
