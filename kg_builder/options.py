"""Checks of command-line option values shared by the CLI's commands (argparse types):
a bad value is one line saying what is wanted ("--max-rows: must be a whole number of
rows, 1 or more; got '0'"), printed by argparse with the option's name."""
from __future__ import annotations

import argparse
import math


def at_least_one(what: str):
    """The type of an option counting `what` ("rows", "questions"): 1 or more."""
    def check(value: str) -> int:
        try:
            n = int(value)
        except ValueError:
            n = 0
        if n < 1:
            raise argparse.ArgumentTypeError(f"must be a whole number of {what}, 1 or more; got {value!r}")
        return n
    return check


def seconds(value: str) -> float:
    """A time limit: a positive, finite number of seconds."""
    try:
        s = float(value)
    except ValueError:
        s = math.nan
    if not 0 < s < math.inf:
        raise argparse.ArgumentTypeError(f"must be a positive number of seconds, e.g. 10; got {value!r}")
    return s
