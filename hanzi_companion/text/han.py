"""The one definition of a Han character for the text layer, and the runs made of them."""

from __future__ import annotations

import re

# CJK ideographs: the unified blocks and extensions A-H, compatibility ideographs, 〇 and 々.
HAN_CLASS = (
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f\U00030000-\U000323af\u3007\u3005"
)
# A Han run; a middle dot joins the parts of a transcribed foreign name (马克·吐温).
HAN_RUN = re.compile(f"[{HAN_CLASS}]+(?:[·・][{HAN_CLASS}]+)*")
HAN = re.compile(f"[{HAN_CLASS}]")


def has_han(text: str) -> bool:
    """True when ``text`` holds a Han character."""
    return HAN.search(text) is not None
