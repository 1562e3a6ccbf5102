"""Build the two binary documents of the real set from real text by other authors.

    python tests/data/decks/real/build_binary_decks.py [OUT_DIR]

(OUT_DIR defaults to this folder: the PDF goes to ``dev/``, the PowerPoint to ``check/``.)

Teachers' slides often come as PowerPoint or PDF. These two are made from text gathered from
public sources (provenance in each document's PROVENANCE.md) and laid out as a teacher would:

- ``rel210-confucianism/confucianism.pptx``: seven slides of "REL 210 - World Religions,
  Chapter 7, Day 1" (GitHub YugenPhotog/rcchistory, file
  ``public/the_lyceum/world-religions/source/REL210_Ch7_Day1_REVISED_2025-12-29.md``, commit
  d819f49914385aad5e1d0a2d5c2c3258ecf7353b), each with its title, body and the author's speaker
  notes, verbatim (placeholders such as ``[POPUP: ...]`` and markdown markup left out);
- ``effectivechinese-tones/tones_lesson.pdf``: the text of a Scribd upload of the Effective
  Chinese "Lesson 1 - Greetings" page (tone numbers and tone marks, a first dialogue), one PDF
  page per slide, as the stored excerpt gives it.

Needs python-pptx and fpdf2 (the ``test`` extra) and a CJK font (Debian ``fonts-wqy-microhei``).
The PDF is byte-identical from run to run (fixed creation date); the .pptx has fixed document
properties, but its zip entries carry the time of the build.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

FONT = Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")
FIXED_DATE = dt.datetime(2025, 12, 29, tzinfo=dt.UTC)

# (title, subtitle, body lines, speaker notes), verbatim from the REL 210 source.
REL210_SLIDES = (
    (
        "Tian (天) — Heaven",
        'Not the Western "Heaven"',
        (
            "Tian is not equivalent to the Judeo-Christian God:",
            "Impersonal moral force, not a personal deity",
            "Does not answer prayers or intervene directly",
            "Operates through natural and social order",
            "Can be discerned through observation, not revelation",
        ),
        "This distinction is crucial for comparative religion students. When Confucius speaks of "
        "\"Heaven,\" he's not praying to a deity — he's invoking a moral order built into "
        "reality. Compare to Dharma, Logos, Natural Law.",
    ),
    (
        "The Analects (Lunyu 論語)",
        "What Kind of Text Is This?",
        (
            "Not written by Confucius himself",
            "Compiled by disciples over generations",
            "Collection of sayings, dialogues, anecdotes",
            "No systematic treatise — wisdom in fragments",
        ),
        "This matters for interpretation. The Analects isn't a systematic philosophy textbook. "
        "It's situational wisdom. Different passages can seem contradictory because they "
        "addressed different contexts.",
    ),
    (
        "Core Confucian Virtues",
        "The System at a Glance",
        (
            "Virtue | Chinese | Core Meaning",
            "Ren | 仁 | Benevolence / Humaneness",
            "Li | 禮 | Ritual Propriety",
            "Xiao | 孝 | Filial Piety",
            "Yi | 義 | Righteousness",
            "Zhi | 智 | Wisdom",
            "Zhong | 忠 | Loyalty",
        ),
        "We'll focus on the \"big three\" (Ren, Li, Xiao) today. These aren't abstract "
        "principles — they're practices. Confucianism is about what you DO, not just what you "
        "believe.",
    ),
    (
        "Ren (仁) — The Master Virtue",
        "Benevolence / Humaneness",
        (
            'The character combines "person" (人) + "two" (二) = relationship',
            "Often translated: benevolence, humaneness, goodness, love",
            "The quality that makes us fully human",
            "Expressed through all other virtues",
            "Cultivated through practice, not innate perfection",
        ),
        "Ren is the sun; other virtues orbit around it. But it's not abstract \"be nice.\" It's "
        "specific: How do you treat THIS person in THIS situation appropriately? A person of Ren "
        "knows.",
    ),
    (
        "Practicing Ren",
        "The Golden Rule, Confucian Style",
        (
            '"Do not impose on others what you yourself do not desire."',
            "— Analects 15.24",
            "This is shu (恕) — reciprocity or empathy.",
            "Combined with zhong (忠) — loyalty/doing one's best — these form Confucius's "
            '"one thread" connecting all his teachings.',
        ),
        "Compare to Jesus's Golden Rule, Hillel's formulation, Kant's categorical imperative. "
        'Confucius\'s version is "negative" (don\'t do X) rather than "positive" (do unto '
        "others). Some scholars see this as more cautious — you might not know what others "
        "want, but you know what you don't want.",
    ),
    (
        "Li (禮) — Ritual Propriety",
        "More Than Ceremonies",
        (
            "Li encompasses:",
            "Religious rituals and ceremonies",
            "Social etiquette and manners",
            "Proper behavior in any situation",
            'The "grammar" of social interaction',
            "Key insight: Li is not about rigid rule-following. It's about knowing the "
            "appropriate action for each context.",
        ),
        "Modern analogy: You know to silence your phone in class, speak differently to your "
        "professor than your roommate, dress differently for an interview than a party. That's "
        "Li — social competence, not robotic rule-following.",
    ),
    (
        "Rectification of Names (Zhengming 正名)",
        "Be What You Claim to Be",
        (
            '"Let the ruler be a ruler, the minister a minister, the father a father, and the '
            'son a son."',
            "— Analects 12.11",
            "This means: Live up to your titles.",
            'A "father" who abandons his children isn\'t really a father',
            'A "ruler" who exploits his people isn\'t really a ruler',
            "Names should match reality",
        ),
        "This is quietly radical. It means authority figures can be judged against the "
        "standards their titles imply. A bad king isn't a king at all — he's just a tyrant "
        "using the wrong name.",
    ),
)

# One PDF page per slide; the text as the stored excerpt of the Scribd upload gives it.
TONES_PAGES = (
    (
        "Tones",
        "Mandarin has only 409 distinct syllables. Compared to more than 5000 English "
        "syllables, this is a small number. Once you master these 409 sounds, you can "
        "pronounce any word in Mandarin.\n"
        "Mandarin is a tonal language, where “tone” is actually a change in pitch that occurs "
        "during the pronunciation of a syllable. Tone marks are placed above the vowels as "
        "guide to pronunciation. The table below illustrates how tones change the meaning of "
        "words that sound like “ma”.",
    ),
    (
        "Tone Number Mark Pitch Meaning",
        "1st ma1 mā high level Mother 妈\n"
        "2nd ma2 má rising Numb 麻\n"
        "3rd ma3 mǎ falling then rising Horse 马\n"
        "4th ma4 mà falling Scold 骂\n"
        "Neutral ma ma unstressed Question 吗\n"
        "4 tones: mā má mǎ mà\n"
        "Mother scolds a horse: māma mà mǎ",
    ),
    (
        "Example Dialog",
        "Note: In the first column of the table below 王 (wáng) and 张 (zhāng) are common "
        "family names in China.\n"
        "1) 王: Ní hǎo ma? 你好吗? How are you?\n"
        "张: Hén hǎo. 我很好。 I am fine (very good).",
    ),
)


def build_pptx(path: Path) -> None:
    from pptx import Presentation

    deck = Presentation()
    deck.core_properties.created = FIXED_DATE.replace(tzinfo=None)
    deck.core_properties.modified = FIXED_DATE.replace(tzinfo=None)
    deck.core_properties.last_modified_by = ""
    deck.core_properties.author = ""
    deck.core_properties.title = "Encountering Confucianism"
    layout = deck.slide_layouts[1]  # title and content
    for title, subtitle, lines, notes in REL210_SLIDES:
        slide = deck.slides.add_slide(layout)
        slide.shapes.title.text = title
        body = slide.placeholders[1].text_frame
        body.text = subtitle
        for line in lines:
            paragraph = body.add_paragraph()
            paragraph.text = line
            paragraph.level = 1
        slide.notes_slide.notes_text_frame.text = notes
    deck.save(str(path))


def build_pdf(path: Path) -> None:
    from fpdf import FPDF

    pdf = FPDF(orientation="landscape", format="A4")
    pdf.set_creation_date(FIXED_DATE)
    pdf.set_title("Lesson 1 - Greetings")
    pdf.add_font("wqy", fname=str(FONT))
    for title, text in TONES_PAGES:
        pdf.add_page()
        pdf.set_font("wqy", size=28)
        pdf.multi_cell(0, 14, title)
        pdf.ln(4)
        pdf.set_font("wqy", size=18)
        pdf.multi_cell(0, 10, text)
    pdf.output(str(path))


def main(argv: list[str]) -> int:
    out = Path(argv[1]) if len(argv) > 1 else Path(__file__).parent
    pptx = out / "check" / "rel210-confucianism"
    pdf = out / "dev" / "effectivechinese-tones"
    for folder in (pptx, pdf):
        folder.mkdir(parents=True, exist_ok=True)
    build_pptx(pptx / "confucianism.pptx")
    build_pdf(pdf / "tones_lesson.pdf")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
