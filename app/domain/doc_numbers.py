"""Each letter of a run gets its own 发文字号 (GB/T 9704—2012 §7.2.4: 发文机关代字、年份、发文顺序号; every
document an office sends has its own 顺序号, written without 第 and without leading zeros, followed by 号).

The officer gives either one number per letter (in the order the letters are written), or one number for the
first letter: the next letters of the same sender then take the following 顺序号 (川渝联防办〔2026〕3号, 4号,
5号 …). What cannot be numbered that way is refused, never guessed:

- one number for several letters that does not end in its 顺序号 (…3号);
- one number for letters of different senders (``--per-side``: 四川省生态环境厅 and 重庆市生态环境局 number their
  own documents: their 代字 is not the working group office's);
- as many numbers as neither one nor the letters; the same number twice.

No number at all leaves every letter's 文号 empty (the letters say it is missing, as before).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from app.errors import InputError, Problem

SERIAL = re.compile(r"^(?P<head>.*\D)?(?P<serial>[1-9]\d*)号$")
SEPARATORS = re.compile(r"[;；,，\n]+")  # several numbers typed into one field


def split_numbers(values: Sequence[str] | str | None) -> list[str]:
    """The numbers given: each value may hold several separated by ；/；/，/, (an empty value keeps its place:
    that letter has no number); no value, or only empty ones, is []."""
    if values is None:
        return []
    if isinstance(values, str):
        values = [values]
    numbers = [part.strip() for value in values for part in SEPARATORS.split(value.strip())]
    return [] if not any(numbers) else numbers


def next_numbers(first: str, count: int, field: str = "--doc-number") -> list[str]:
    """``first`` and the ``count - 1`` numbers after it (the 顺序号 counted on)."""
    found = SERIAL.match(first.strip())
    if found is None:
        raise InputError(Problem("one document number for several letters must end in its serial number (…3号)",
                                 field=field, value=first,
                                 expected="one number per letter, or one ending in its serial number and 号, "
                                          "e.g. 川渝联防办〔2026〕3号"))
    head, serial = found.group("head") or "", int(found.group("serial"))
    return [f"{head}{serial + k}号" for k in range(count)]


def letter_numbers(given: Sequence[str], senders: Sequence[str], field: str = "--doc-number") -> list[str]:
    """One 文号 per letter (``senders``: each letter's 署名, in order) from the numbers the officer gave;
    ``field``: the option or form field they were given in (for the message)."""
    count = len(senders)
    given = list(given)
    if not given:
        return [""] * count
    if len(given) == count:
        numbers = given
    elif len(given) == 1:
        if len(set(senders)) > 1:
            names = "、".join(senders)
            raise InputError(Problem("the letters have different senders: one document number cannot number "
                                     "them all", field=field, value=given[0],
                                     expected=f"one number per letter, in order ({count}: {names})"))
        numbers = next_numbers(given[0], count, field)
    else:
        given_count = len(given)
        raise InputError(Problem(f"{given_count} document numbers for {count} letters", field=field,
                                 value="；".join(given),
                                 expected=f"one number (the next letters take the following serial numbers) or "
                                          f"{count}, one per letter in order"))
    seen: set[str] = set()
    for number in numbers:
        if number and number in seen:
            raise InputError(Problem("two letters cannot have the same document number", field=field,
                                     value=number, expected="a number of its own for each letter"))
        seen.add(number)
    return numbers


def numbered(letters: list, given: Sequence[str], field: str = "--doc-number") -> list:
    """The letters, each with its own number (see :func:`letter_numbers`)."""
    numbers = letter_numbers(given, [letter.signer for letter in letters], field)
    return [letter if letter.doc_number == n else replace(letter, doc_number=n)
            for letter, n in zip(letters, numbers, strict=True)]
