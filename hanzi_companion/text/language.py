"""Language knowledge of the text layer in one place: the closed word lists its rules use.

Each list is small, closed-class and general (grammatical words, not topic words); the rules
that read them live beside the concern they serve (finding terms, slide English, romanisation).
"""

from __future__ import annotations

# Syllables pinyin writes without a tone mark because their tone is neutral (的 de, 了 le,
# 吗 ma, 们 men...): an unmarked one among marked syllables is still pinyin (wǒ de péngyou).
_NEUTRAL_SYLLABLES_TEXT = "de le ma ne ba a ya wa la men zi zhe guo me ge shang li tou mian r"
NEUTRAL_SYLLABLES = frozenset(_NEUTRAL_SYLLABLES_TEXT.split())
