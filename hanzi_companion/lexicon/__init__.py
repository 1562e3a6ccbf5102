"""The lexicon: words and characters, readings, pinyin, script, links and search.

It knows nothing of slides. Open it with :meth:`Lexicon.open`; nothing loads at import.
"""

from hanzi_companion.lexicon.lexicon import Lexicon
from hanzi_companion.lexicon.models import Entry, Link, QueryKind, Reading, SearchResults, Sense

__all__ = ["Entry", "Lexicon", "Link", "QueryKind", "Reading", "SearchResults", "Sense"]
