"""The 八项规定 rules (FRG-0xx), one module per ledger; importing this package registers them."""

from qinglian.frugality.rules import abroad, cars, conferences, receptions, training, travel

__all__ = ["abroad", "cars", "conferences", "receptions", "training", "travel"]
