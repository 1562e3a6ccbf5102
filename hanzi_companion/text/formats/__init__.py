"""Deck readers, one module per format; :mod:`hanzi_companion.text.decks` picks the reader.

Each reader turns one format into :class:`~hanzi_companion.text.models.Slide` values:

- :mod:`.remark`: remark.js markdown (``---`` slides, ``--`` steps, ``???`` notes);
- :mod:`.flattened`: a remark deck joined onto one line, turned back into remark markdown;
- :mod:`.remark_html`: the markdown inside a remark HTML page;
- :mod:`.reveal`: reveal.js pages (``<section>`` slides, ``data-markdown``, notes asides);
- :mod:`.html_document`: HTML pages that are no deck (lessons, posts), sections as slides;
- :mod:`.html_page`: the HTML element tree both read (the stdlib tokenizer);
- :mod:`.markdown`: ordinary markdown (setext headings included) and plain text;
- :mod:`.marp`: Marp decks (``marp: true``): rulers split slides, comments are notes;
- :mod:`.front_matter`: YAML front matter (title, date, author, options);
- :mod:`.text_export`: text exported from slides (``Slide 3`` markers, ``Notes:`` lines);
- :mod:`.powerpoint`: PowerPoint ``.pptx`` through python-pptx (slides, notes, tables);
- :mod:`.pdf`: PDF slides through pypdf, a page a slide;
- :mod:`.source`: the checks on bytes before any reader (size, binary data, encoding).
"""

REMARK_MARKDOWN = "remark-markdown"
REMARK_HTML = "remark-html"
FLATTENED = "flattened"
MARKDOWN = "markdown"
TEXT = "text"
MARP = "marp"
REVEAL = "reveal"
HTML_DOCUMENT = "html-document"
PPTX = "pptx"
PDF = "pdf"

# The files a course folder's decks may be (binary formats are told by their content).
DECK_SUFFIXES = (".md", ".markdown", ".txt", ".html", ".htm", ".pptx", ".pdf")
