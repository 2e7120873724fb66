"""SignDesk: facial-recognition compliance for small businesses in China."""

__version__ = "0.1.0"
