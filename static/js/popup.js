/*!
 * hanzi-companion slide popups.
 *
 * Marks the Chinese terms of a glossary on every slide of a remark.js deck (or on any page)
 * and shows, on hover, keyboard focus or tap, their tone-coloured pinyin, gloss and links to
 * outside dictionaries. One tag, no dependencies:
 *
 *   <script src="hanzi-popup.js" data-glossary="week07.glossary.json"></script>
 *   <script src="hanzi-popup.js" data-api="https://example.org/api"></script>
 *
 * data-glossary  URL(s) of glossary JSON files written by `hanzi-companion glossary
 *                --format json` (space-separated; relative to the page).
 * data-api       base URL of a hanzi-companion server's JSON API: the slides' text is posted
 *                to <api>/glossary and the answer used as the glossary.
 * data-selector  optional CSS selector of the parts of the page to mark (default: the body).
 * Text inside links, code, form fields and elements of class "hc-no-popup" (remark:
 * .hc-no-popup[...]) is never marked. Words the glossary found written in pinyin without
 * characters ("danwei") are marked too, as whole words, and show the word they stand for.
 * An inline <script type="application/json" data-hc-glossary>...</script> also works, and is
 * the way for decks opened from file://, where browsers refuse to fetch files.
 *
 * Everything from the glossary is inserted as text (never as HTML); only http(s) links are
 * kept. Licence: MIT, part of hanzi-companion.
 */
(function () {
  "use strict";

  if (window.HanziPopup) {
    return; // the tag was included twice
  }

  var SCRIPT = document.currentScript;
  var TERM_CLASS = "hc-term";
  var TERM_SELECTOR = ".hc-term[data-hc-term]"; // the spans this script made
  var POPUP_ID = "hc-popup";
  var MAX_KEY_LENGTH = 40;
  var MAX_SENSES = 4;
  var HIDE_DELAY_MS = 250;
  // Never wrap text inside these: links keep their text, code stays verbatim, form fields
  // and embedded documents cannot hold markup.
  var SKIPPED_TAGS = {
    a: 1, script: 1, style: 1, code: 1, pre: 1, kbd: 1, samp: 1, textarea: 1, noscript: 1,
    template: 1, title: 1, input: 1, select: 1, option: 1, button: 1, svg: 1, math: 1,
    iframe: 1, object: 1, head: 1
  };
  // The sites the course slides link to, in the order the course uses them.
  var PREFERRED_SITES = ["Purple Culture", "Hanziyuan", "CUHK", "MDBG"];
  var TONE_MARKS = {
    a: "āáǎàa", e: "ēéěèe", i: "īíǐìi", o: "ōóǒòo", u: "ūúǔùu", "ü": "ǖǘǚǜü",
    A: "ĀÁǍÀA", E: "ĒÉĚÈE", I: "ĪÍǏÌI", O: "ŌÓǑÒO", U: "ŪÚǓÙU", "Ü": "ǕǗǙǛÜ"
  };
  var CSS = [
    // [data-hc-term]: glossary slides also use .hc-term, for terms this script did not mark.
    ".hc-term[data-hc-term]{border-bottom:1px dotted currentColor;cursor:help;border-radius:2px}",
    ".hc-term[data-hc-term]:hover,.hc-term.hc-open{background:rgba(255,213,79,.4)}",
    ".hc-term[data-hc-term]:focus{outline:2px solid #1565c0;outline-offset:1px}",
    ".hc-term[data-hc-term]:focus:not(:focus-visible){outline:none}",
    // Mobile Safari sends taps on a span as clicks only when it looks clickable.
    "@media (hover:none){.hc-term[data-hc-term]{cursor:pointer}}",
    ".hc-popup{position:fixed;left:0;top:0;z-index:2147483000;box-sizing:border-box;",
    "max-width:min(24rem,calc(100vw - 16px));padding:.6rem .8rem;margin:0;",
    "background:#fff;color:#1f1f1f;border:1px solid #767676;border-radius:6px;",
    "box-shadow:0 4px 18px rgba(0,0,0,.28);text-align:left;text-transform:none;",
    "letter-spacing:normal;text-shadow:none;font:16px/1.45 system-ui,-apple-system,",
    "'Segoe UI',Roboto,'Noto Sans','PingFang SC','Hiragino Sans GB','Microsoft YaHei',",
    "'Noto Sans CJK SC','Source Han Sans SC','WenQuanYi Micro Hei',sans-serif}",
    ".hc-popup[hidden]{display:none}",
    ".hc-popup *{box-sizing:border-box}",
    ".hc-popup .hc-head{margin:0 0 .15rem}",
    ".hc-popup .hc-speak{display:inline-flex;gap:.25em;margin-right:.4rem;vertical-align:middle}",
    ".hc-popup .hc-speak-button{font:inherit;font-size:.8em;padding:.05em .4em;cursor:pointer;" +
      "border:1px solid #bbb;border-radius:.3em;background:transparent;color:inherit}",
    ".hc-popup .hc-speak-button:disabled{cursor:not-allowed;opacity:.55}",
    ".hc-popup .hc-speak-note{font-size:.8em;opacity:.8}",
    ".hc-popup .hc-hanzi{font-size:1.7em;line-height:1.2;margin-right:.4rem}",
    ".hc-popup .hc-other{color:#5f6368;font-size:1.1em;margin-right:.4rem}",
    ".hc-popup .hc-badge{display:inline-block;font-size:.75em;padding:0 .35em;margin-right:.3rem;",
    "border:1px solid currentColor;border-radius:3px;vertical-align:middle;color:#5f6368}",
    ".hc-popup .hc-pinyin{font-size:1.15em;margin:0 0 .3rem}",
    ".hc-popup .hc-gloss{margin:0 0 .3rem;font-weight:600}",
    ".hc-popup .hc-senses{margin:0 0 .4rem;padding-left:1.2rem;font-size:.9em}",
    ".hc-popup .hc-note{margin:0 0 .3rem;font-size:.85em;color:#5f6368}",
    ".hc-popup .hc-links{margin:.2rem 0 0;padding:0;list-style:none;font-size:.85em}",
    ".hc-popup .hc-links li{display:inline}",
    ".hc-popup .hc-links li+li::before{content:' · ';color:#5f6368}",
    ".hc-popup a{color:#0b57d0;text-decoration:underline}",
    ".hc-popup a:focus{outline:2px solid #1565c0;outline-offset:1px}",
    ".hc-popup .tone1{color:#c62828}.hc-popup .tone2{color:#a84d00}",
    ".hc-popup .tone3{color:#2e7d32}.hc-popup .tone4{color:#1565c0}",
    ".hc-popup .tone5{color:#5f6368}",
    "@media print{.hc-popup{display:none}.hc-term[data-hc-term]{border-bottom:0}}",
    "@media (prefers-color-scheme:dark){.hc-popup{background:#202124;color:#e8eaed;",
    "border-color:#9aa0a6}.hc-popup a{color:#8ab4f8}.hc-popup .hc-other,",
    ".hc-popup .hc-note,.hc-popup .hc-badge,.hc-popup .tone5{color:#b0b4ba}.hc-popup .tone1{color:#ff8a80}",
    ".hc-popup .tone2{color:#ffb74d}.hc-popup .tone3{color:#81c784}",
    ".hc-popup .tone4{color:#82b1ff}}"
  ].join("");

  // ---- small helpers -------------------------------------------------------------------

  function text(value) {
    return typeof value === "string" ? value : "";
  }

  function list(value) {
    return Array.isArray(value) ? value : [];
  }

  function element(tag, className, content) {
    var el = document.createElement(tag);
    if (className) {
      el.className = className;
    }
    if (content) {
      el.textContent = content; // data always goes in as text
    }
    return el;
  }

  /** A text element whose Chinese runs (a gloss's cross-references) carry lang="zh". */
  function mixedText(tag, className, value) {
    var el = element(tag, className);
    var runs = value.split(/([\u2e80-\u9fff\uf900-\ufaff\u{20000}-\u{3134f}]+)/u);
    runs.forEach(function (run, index) {
      if (!run) {
        return;
      }
      if (index % 2) {
        var span = element("span", "", run);
        span.lang = "zh";
        el.appendChild(span);
      } else {
        el.appendChild(document.createTextNode(run));
      }
    });
    return el;
  }

  function safeUrl(url) {
    try {
      var parsed = new URL(text(url), document.baseURI);
      return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.href : "";
    } catch (error) {
      return "";
    }
  }

  function hasHan(value) {
    return /[\u2e80-\u9fff\uf900-\ufaff\ud840-\ud87f]/.test(value);
  }

  function warn(message) {
    if (window.console && console.warn) {
      console.warn("hanzi-popup: " + message);
    }
  }

  // ---- pinyin ----------------------------------------------------------------------------

  /** "chuang4" -> "chuàng"; tone 5 (neutral) has no mark. */
  function markSyllable(letters, tone) {
    letters = letters.replace(/u:/g, "ü").replace(/U:/g, "Ü");
    if (/v/i.test(letters) && /^[a-zA-Z]+$/.test(letters.replace(/v/gi, ""))) {
      letters = letters.replace(/v/g, "ü").replace(/V/g, "Ü");
    }
    if (tone < 1 || tone > 4) {
      return letters;
    }
    var lower = letters.toLowerCase();
    var index = lower.indexOf("a");
    if (index < 0) {
      index = lower.indexOf("e");
    }
    if (index < 0) {
      index = lower.indexOf("ou");
    }
    if (index < 0) {
      for (var i = lower.length - 1; i >= 0; i--) {
        if ("iouü".indexOf(lower.charAt(i)) >= 0) {
          index = i;
          break;
        }
      }
    }
    if (index < 0) {
      return letters; // "r5", "m2": no vowel to mark
    }
    var row = TONE_MARKS[letters.charAt(index)];
    return row ? letters.slice(0, index) + row.charAt(tone - 1) + letters.slice(index + 1) : letters;
  }

  /** Numbered pinyin -> [{text, tone}] with tone 0 for tokens that are not syllables. */
  function syllables(numbered) {
    return text(numbered).split(/\s+/).filter(Boolean).map(function (token) {
      var match = /^([A-Za-zÜüÊê:]+?)([1-5])$/.exec(token);
      if (!match) {
        return { text: token, tone: 0 };
      }
      var tone = Number(match[2]);
      return { text: markSyllable(match[1], tone), tone: tone };
    });
  }

  function fold(value) {
    return value.normalize ? value.normalize("NFC").toLowerCase() : value.toLowerCase();
  }

  /**
   * Tone-coloured pinyin. The glossary's own marked pinyin is kept as written (its spacing,
   * capitals and apostrophes); each syllable found in it gets the class of its tone.
   */
  function pinyinElement(tag, className, marked, numbered) {
    var box = element(tag, className);
    box.lang = "zh-Latn-pinyin";
    var shown = marked.normalize ? marked.normalize("NFC") : marked;
    var parts = syllables(numbered);
    var lowered = fold(shown);
    var cursor = 0;
    var pieces = [];
    for (var i = 0; i < parts.length && shown; i++) {
      var at = lowered.indexOf(fold(parts[i].text), cursor);
      if (at < 0) {
        pieces = null;
        break;
      }
      if (at > cursor) {
        pieces.push({ text: shown.slice(cursor, at), tone: 0 });
      }
      pieces.push({ text: shown.slice(at, at + parts[i].text.length), tone: parts[i].tone });
      cursor = at + parts[i].text.length;
    }
    if (pieces && cursor < shown.length) {
      pieces.push({ text: shown.slice(cursor), tone: 0 });
    }
    if (!pieces || !shown) {
      // The marked form did not line up: show the syllables spaced, each coloured.
      pieces = [];
      parts.forEach(function (part, index) {
        if (index) {
          pieces.push({ text: " ", tone: 0 });
        }
        pieces.push(part);
      });
    }
    pieces.forEach(function (piece) {
      if (piece.tone) {
        box.appendChild(element("span", "tone" + piece.tone, piece.text));
      } else {
        box.appendChild(document.createTextNode(piece.text));
      }
    });
    return box;
  }

  // ---- glossary data ---------------------------------------------------------------------

  function defaultLinks(word, traditional) {
    var q = encodeURIComponent(word);
    var links = [
      { site: "Purple Culture", url: "https://www.purpleculture.net/dictionary-details/?word=" + q }
    ];
    if (Array.from(word).length === 1) {
      links.push({ site: "Hanziyuan", url: "https://hanziyuan.net/#" + q });
      links.push({
        site: "CUHK",
        url: "https://humanum.arts.cuhk.edu.hk/Lexis/lexi-mf/search.php?word=" +
          encodeURIComponent(traditional || word)
      });
    }
    links.push({
      site: "MDBG",
      url: "https://www.mdbg.net/chinese/dictionary?page=worddict&wdrst=0&wdqb=" + q
    });
    return links;
  }

  /** The glossary's links for the preferred sites (its own order), else computed ones. */
  function chooseLinks(raw, word, traditional) {
    var links = list(raw).map(function (link) {
      return { site: text(link && (link.site || link.name)), url: safeUrl(link && link.url) };
    }).filter(function (link) {
      return link.site && link.url;
    });
    if (!links.length) {
      return defaultLinks(word, traditional);
    }
    var preferred = links.filter(function (link) {
      return PREFERRED_SITES.indexOf(link.site) >= 0;
    });
    return (preferred.length ? preferred : links).slice(0, 6);
  }

  function normaliseTerm(raw, isCharacter) {
    var word = text(raw.term) || text(raw.character) || text(raw.simplified);
    if (!word) {
      return null;
    }
    var traditional = text(raw.traditional);
    return {
      term: word,
      simplified: text(raw.simplified),
      traditional: traditional,
      pinyin: text(raw.pinyin),
      pinyinNumbered: text(raw.pinyin_numbered),
      gloss: text(raw.gloss) || text(raw.slide_gloss),
      senses: list(raw.senses).map(function (sense) {
        return typeof sense === "string" ? sense : text(sense && sense.text);
      }).filter(Boolean),
      readingSource: text(raw.reading_source),
      otherReadings: list(raw.other_readings).map(function (reading) {
        if (typeof reading === "string") {
          return { pinyin: "", numbered: reading };
        }
        return { pinyin: text(reading && reading.pinyin), numbered: text(reading && reading.pinyin_numbered) };
      }).filter(function (reading) {
        return reading.pinyin || reading.numbered;
      }),
      // The label the glossary gives (HSK 3, HSK 7-9); older JSON has only the number.
      hskLabel: text(raw.hsk_label) || (typeof raw.hsk_level === "number" && isFinite(raw.hsk_level) ?
        "HSK " + String(raw.hsk_level) : ""),
      inDictionary: raw.in_dictionary !== false,
      isCharacter: Boolean(isCharacter || raw.is_character_of_the_week),
      links: chooseLinks(raw.links, word, traditional)
    };
  }

  /** Terms of a glossary document, a course document ({decks: [...]}) or a bare list. */
  function termsOf(doc) {
    if (Array.isArray(doc)) {
      return doc.map(function (raw) { return raw && normaliseTerm(raw, false); });
    }
    if (!doc || typeof doc !== "object") {
      return [];
    }
    var found = [];
    list(doc.decks).forEach(function (deck) {
      found = found.concat(termsOf(deck));
    });
    list(doc.terms).forEach(function (raw) {
      found.push(raw && normaliseTerm(raw, false));
    });
    list(doc.character_of_the_week).forEach(function (raw) {
      found.push(raw && normaliseTerm(raw, true));
    });
    // Pinyin the slides write without characters ("danwei"), with the word it stands for.
    list(doc.romanised).forEach(function (raw) {
      var matched = raw && text(raw.matched);
      if (matched && text(raw.text).trim()) {
        var entry = normaliseTerm({
          term: matched, pinyin: raw.pinyin, pinyin_numbered: raw.pinyin_numbered, gloss: raw.gloss
        }, false);
        entry.writtenAs = text(raw.text).trim();
        found.push(entry);
      }
    });
    return found;
  }

  /**
   * key -> entry, keyed by the term as written and its simplified and traditional forms; and
   * romanised spelling (lower case) -> the key of the word it stands for.
   */
  function buildIndex(docs) {
    var index = new Map();
    var romanised = new Map();
    docs.forEach(function (doc) {
      termsOf(doc).forEach(function (entry) {
        if (!entry) {
          return;
        }
        [entry.term, entry.simplified, entry.traditional].forEach(function (key) {
          key = key.trim();
          if (key && key.length <= MAX_KEY_LENGTH && hasHan(key) && !index.has(key)) {
            index.set(key, entry);
          }
        });
        var spelling = entry.writtenAs ? entry.writtenAs.toLowerCase().replace(/\s+/g, " ") : "";
        if (spelling && spelling.length <= MAX_KEY_LENGTH && index.has(entry.term) &&
          !romanised.has(spelling)) {
          romanised.set(spelling, entry.term);
        }
      });
    });
    return { index: index, romanised: romanised };
  }

  /** JSON from `url`; errors name the URL and, for the API's errors, give its message. */
  function fetchJson(url, options) {
    return fetch(url, options).then(function (response) {
      return response.text().then(function (body) {
        var data = null;
        try {
          data = JSON.parse(body);
        } catch (error) {
          if (response.ok) {
            throw new Error(url + " is not valid JSON (" + error.message + ")");
          }
        }
        if (!response.ok) {
          var problem = data && data.error && typeof data.error.message === "string" ?
            ": " + data.error.message : "";
          throw new Error(url + " answered HTTP " + response.status + problem);
        }
        return data;
      });
    }, function (error) {
      throw new Error(url + " could not be fetched (" + error.message + ")");
    });
  }

  /** The deck the API should read: remark's markdown source when the page has it. */
  function deckSource() {
    var source = document.getElementById("source");
    if (source && source.tagName === "TEXTAREA" && source.value.trim()) {
      return { text: source.value, suffix: ".md" };
    }
    var slides = document.querySelectorAll(".remark-slide-content");
    var parts = slides.length ? Array.prototype.map.call(slides, function (slide) {
      return slide.textContent;
    }) : [document.body ? document.body.innerText : ""];
    return { text: parts.join("\n\n---\n\n"), suffix: ".txt" };
  }

  function fetchFromApi(base) {
    var deck = deckSource();
    var stem = (location.pathname.split("/").pop() || "slides").replace(/\.[^.]*$/, "") || "slides";
    var form = new FormData();
    form.append("deck", new Blob([deck.text], { type: "text/plain" }), stem + deck.suffix);
    return fetchJson(base.replace(/\/+$/, "") + "/glossary", { method: "POST", body: form });
  }

  function loadGlossaries(config) {
    var jobs = [];
    var inline = document.querySelectorAll('script[type="application/json"][data-hc-glossary]');
    Array.prototype.forEach.call(inline, function (el) {
      jobs.push(Promise.resolve().then(function () {
        try {
          return JSON.parse(el.textContent);
        } catch (error) {
          throw new Error("the inline glossary (data-hc-glossary) is not valid JSON (" +
            error.message + ")");
        }
      }));
    });
    config.glossary.split(/\s+/).filter(Boolean).forEach(function (url) {
      jobs.push(fetchJson(url, { credentials: "same-origin" }));
    });
    if (config.api) {
      jobs.push(fetchFromApi(config.api));
    }
    return Promise.all(jobs.map(function (job) {
      return job.catch(function (error) {
        warn("could not read a glossary: " + (error && error.message ? error.message : error) +
          (location.protocol === "file:"
            ? " (pages opened from file:// cannot fetch files: serve the folder over HTTP or " +
              "paste the JSON into <script type=\"application/json\" data-hc-glossary>)"
            : ""));
        return null;
      });
    }));
  }

  // ---- marking terms on the page ---------------------------------------------------------

  function buildMatcher(index) {
    var maxLength = 0;
    var starts = new Set();
    index.forEach(function (entry, key) {
      maxLength = Math.max(maxLength, key.length);
      starts.add(key.charAt(0));
    });
    /** The leftmost match at or after `from`, longest first: [start, key] or null. */
    return function find(value, from) {
      for (var i = from; i < value.length; i++) {
        if (!starts.has(value.charAt(i))) {
          continue;
        }
        for (var length = Math.min(maxLength, value.length - i); length > 0; length--) {
          var piece = value.substr(i, length);
          if (index.has(piece)) {
            return [i, piece];
          }
        }
      }
      return null;
    };
  }

  function isSkippedElement(el) {
    return Boolean(
      Object.prototype.hasOwnProperty.call(SKIPPED_TAGS, el.localName) ||
      el.id === POPUP_ID ||
      (el.classList && (el.classList.contains(TERM_CLASS) || el.classList.contains("hc-no-popup"))) ||
      el.isContentEditable && el.getAttribute("contenteditable") !== null
    );
  }

  /** True when the node or one of its ancestors is an element whose text is left alone. */
  function isExcluded(node) {
    for (var el = node.nodeType === 1 ? node : node.parentElement; el; el = el.parentElement) {
      if (isSkippedElement(el)) {
        return true;
      }
    }
    return false;
  }

  /** Whole-word, case-insensitive matcher of romanised spellings (longest first). */
  function buildRomanisedMatcher(romanised) {
    if (!romanised.size) {
      return null;
    }
    var words = Array.from(romanised.keys()).sort(function (a, b) {
      return b.length - a.length;
    }).map(function (word) {
      return word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/\s+/g, "\\s+");
    });
    // Letters or digits around would make it part of another word ("Xindanwei").
    var pattern = new RegExp("(^|[^\\p{L}\\p{N}])(" + words.join("|") + ")(?![\\p{L}\\p{N}])", "giu");
    return function find(value, from) {
      pattern.lastIndex = from;
      var match = pattern.exec(value);
      if (!match) {
        return null;
      }
      var key = romanised.get(match[2].toLowerCase().replace(/\s+/g, " "));
      return key ? [match.index + match[1].length, match[2], key] : null;
    };
  }

  function Marker(index, romanised, selector) {
    this.index = index;
    var findHan = buildMatcher(index);
    var findRomanised = buildRomanisedMatcher(romanised);
    this.romanised = Boolean(findRomanised);
    /** The next match: [start, text as written, glossary key], the earlier (then longer). */
    this.find = function (value, from) {
      var han = findHan(value, from);
      var latin = findRomanised ? findRomanised(value, from) : null;
      if (han) {
        han = [han[0], han[1], han[1]];
      }
      if (!latin) {
        return han;
      }
      if (!han) {
        return latin;
      }
      return latin[0] < han[0] ? latin : han;
    };
    this.selector = selector;
  }

  /** Worth a closer look: holds Han characters, or letters when romanised words are known. */
  Marker.prototype.mayHold = function (value) {
    return hasHan(value) || (this.romanised && /[A-Za-z]/.test(value));
  };

  Marker.prototype.termSpan = function (written, key, inChinese) {
    var span = element("span", TERM_CLASS, written);
    span.tabIndex = 0;
    if (written !== key) {
      span.lang = "zh-Latn-pinyin"; // a romanised word: pinyin without tone marks
      span.setAttribute("data-hc-written", written);
    } else if (!inChinese) {
      span.lang = "zh"; // keeps a finer tag (zh-Hant, zh-TW) the page already gives
    }
    span.setAttribute("role", "button");
    span.setAttribute("aria-haspopup", "dialog");
    span.setAttribute("aria-expanded", "false");
    span.setAttribute("data-hc-term", key);
    return span;
  };

  Marker.prototype.wrapTextNode = function (node) {
    var value = node.data;
    var match = this.find(value, 0);
    if (!match || !node.parentNode) {
      return 0;
    }
    var fragment = document.createDocumentFragment();
    var position = 0;
    var count = 0;
    var tagged = node.parentNode.closest ? node.parentNode.closest("[lang]") : null;
    var inChinese = Boolean(tagged && /^zh\b/i.test(tagged.getAttribute("lang")));
    while (match) {
      if (match[0] > position) {
        fragment.appendChild(document.createTextNode(value.slice(position, match[0])));
      }
      fragment.appendChild(this.termSpan(match[1], match[2], inChinese));
      count += 1;
      position = match[0] + match[1].length;
      match = this.find(value, position);
    }
    if (position < value.length) {
      fragment.appendChild(document.createTextNode(value.slice(position)));
    }
    node.parentNode.replaceChild(fragment, node);
    return count;
  };

  /** Is the node inside the part of the page to mark? */
  Marker.prototype.inScope = function (node) {
    if (!this.selector) {
      return true;
    }
    var el = node.nodeType === 1 ? node : node.parentElement;
    return Boolean(el && el.closest(this.selector));
  };

  /** Wrap every glossary term in the text below `root` (or `root` itself, a text node). */
  Marker.prototype.mark = function (root) {
    var self = this;
    if (!root || !root.isConnected || isExcluded(root)) {
      return 0;
    }
    if (root.nodeType === 3) {
      return this.inScope(root) ? this.wrapTextNode(root) : 0;
    }
    if (root.nodeType !== 1) {
      return 0;
    }
    if (!this.inScope(root)) {
      // Only parts of it may be in scope (e.g. a new remark slide inside a container).
      var count = 0;
      Array.prototype.forEach.call(root.querySelectorAll(this.selector), function (el) {
        count += self.mark(el);
      });
      return count;
    }
    var walker = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT, {
      acceptNode: function (node) {
        if (node.nodeType === 1) {
          return isSkippedElement(node) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_SKIP;
        }
        return self.mayHold(node.data) ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_SKIP;
      }
    });
    var nodes = [];
    while (walker.nextNode()) {
      nodes.push(walker.currentNode);
    }
    var total = 0;
    for (var i = 0; i < nodes.length; i++) {
      total += this.wrapTextNode(nodes[i]);
    }
    return total;
  };

  // ---- the popup -------------------------------------------------------------------------

  function Popup(index) {
    this.index = index;
    this.el = null;
    this.term = null; // the .hc-term element the popup is open for
    this.pinned = false; // opened by focus or tap: stays until focus leaves or Escape
    this.hideTimer = 0;
  }

  Popup.prototype.element = function () {
    if (!this.el) {
      var el = element("div", "hc-popup");
      el.id = POPUP_ID;
      el.setAttribute("role", "dialog");
      el.hidden = true;
      document.body.appendChild(el);
      this.el = el;
    }
    return this.el;
  };

  Popup.prototype.fill = function (entry, key, written) {
    var el = this.element();
    el.textContent = "";
    el.setAttribute("aria-label", key + (entry.pinyin ? " " + entry.pinyin : ""));

    var head = element("div", "hc-head");
    var hanzi = element("span", "hc-hanzi", key);
    hanzi.lang = "zh";
    head.appendChild(hanzi);
    // Play and Slow buttons from speak.js (loaded beside this script by loadSpeak()).
    if (window.HanziSpeak) {
      head.appendChild(window.HanziSpeak.controls(key, true));
    } else {
      head.appendChild(element("span", "hc-note hc-speak-note", "no pronunciation (speak.js not loaded)"));
    }
    var other = entry.traditional && entry.traditional !== key ? entry.traditional
      : entry.simplified && entry.simplified !== key ? entry.simplified : "";
    if (other) {
      var otherEl = element("span", "hc-other", other);
      otherEl.lang = other === entry.traditional ? "zh-Hant" : "zh-Hans";
      head.appendChild(otherEl);
    }
    if (entry.isCharacter) {
      head.appendChild(element("span", "hc-badge", "character of the week"));
    }
    if (entry.hskLabel) {
      head.appendChild(element("span", "hc-badge", entry.hskLabel));
    }
    el.appendChild(head);

    if (entry.pinyinNumbered || entry.pinyin) {
      el.appendChild(pinyinElement("div", "hc-pinyin", entry.pinyin, entry.pinyinNumbered));
    }
    if (written) {
      var as = element("p", "hc-note", "Written ");
      var spelling = element("i", "", written);
      spelling.lang = "zh-Latn-pinyin";
      as.appendChild(spelling);
      as.appendChild(document.createTextNode(" on the slide."));
      el.appendChild(as);
    }
    if (entry.otherReadings.length) {
      var readings = element("p", "hc-note hc-readings", "Also read: ");
      entry.otherReadings.forEach(function (reading, index) {
        if (index) {
          readings.appendChild(document.createTextNode(", "));
        }
        readings.appendChild(pinyinElement("span", "", reading.pinyin, reading.numbered));
      });
      el.appendChild(readings);
    }
    if (entry.gloss) {
      el.appendChild(mixedText("p", "hc-gloss", entry.gloss));
    }
    var more = entry.senses.filter(function (sense) {
      return sense !== entry.gloss;
    });
    if (more.length) {
      var senses = element("ol", "hc-senses");
      more.slice(0, MAX_SENSES).forEach(function (sense) {
        senses.appendChild(mixedText("li", "", sense));
      });
      el.appendChild(senses);
      if (more.length > MAX_SENSES) {
        var rest = more.length - MAX_SENSES;
        el.appendChild(element("p", "hc-note", "and " + rest + " more sense" + (rest > 1 ? "s" : "") +
          " in the dictionaries below"));
      }
    }
    if (!entry.inDictionary) {
      el.appendChild(element("p", "hc-note", "Not in the dictionary; reading from " +
        (entry.readingSource || "a guess") + "."));
    }
    if (entry.links.length) {
      var links = element("ul", "hc-links");
      links.setAttribute("aria-label", "Dictionaries");
      entry.links.forEach(function (link) {
        var item = element("li");
        var a = element("a", "", link.site);
        a.href = link.url;
        a.target = "_blank";
        a.rel = "noopener noreferrer";
        item.appendChild(a);
        links.appendChild(item);
      });
      el.appendChild(links);
    }
  };

  Popup.prototype.show = function (term, pinned) {
    var key = term.getAttribute("data-hc-term");
    var entry = this.index.get(key);
    if (!entry) {
      return;
    }
    this.cancelHide();
    if (this.term !== term) {
      this.release();
      this.fill(entry, key, term.getAttribute("data-hc-written") || "");
      this.term = term;
      term.classList.add("hc-open");
      term.setAttribute("aria-expanded", "true");
      term.setAttribute("aria-controls", POPUP_ID);
      // Screen readers then read the reading and meaning along with the focused term.
      term.setAttribute("aria-describedby", POPUP_ID);
    }
    this.pinned = this.pinned || Boolean(pinned);
    var el = this.element();
    // In full screen only the full-screen element is drawn (remark may make its container
    // full screen when embedded in a page): the popup must live inside it.
    var host = document.fullscreenElement || document.body;
    if (!host.contains(el)) {
      host.appendChild(el);
    }
    el.hidden = false;
    this.place();
  };

  Popup.prototype.release = function () {
    if (this.term) {
      this.term.classList.remove("hc-open");
      this.term.setAttribute("aria-expanded", "false");
      this.term.removeAttribute("aria-controls");
      this.term.removeAttribute("aria-describedby");
    }
    this.term = null;
    this.pinned = false;
  };

  Popup.prototype.hide = function () {
    this.cancelHide();
    this.release();
    if (this.el) {
      this.el.hidden = true;
    }
  };

  Popup.prototype.hideSoon = function () {
    var self = this;
    this.cancelHide();
    this.hideTimer = window.setTimeout(function () {
      self.hide();
    }, HIDE_DELAY_MS);
  };

  Popup.prototype.cancelHide = function () {
    if (this.hideTimer) {
      window.clearTimeout(this.hideTimer);
      this.hideTimer = 0;
    }
  };

  /** Below the term, or above it when there is no room; always inside the viewport. */
  Popup.prototype.place = function () {
    if (!this.term || !this.el || this.el.hidden) {
      return;
    }
    if (!this.term.isConnected) {
      this.hide();
      return;
    }
    var rect = this.term.getBoundingClientRect();
    var width = this.el.offsetWidth;
    var height = this.el.offsetHeight;
    var viewWidth = document.documentElement.clientWidth || window.innerWidth;
    var viewHeight = document.documentElement.clientHeight || window.innerHeight;
    var gap = 6;
    var left = Math.max(8, Math.min(rect.left, viewWidth - width - 8));
    var top = rect.bottom + gap;
    if (top + height > viewHeight - 8 && rect.top - gap - height >= 8) {
      top = rect.top - gap - height;
    }
    this.el.style.left = Math.round(left) + "px";
    this.el.style.top = Math.round(Math.max(8, top)) + "px";
  };

  Popup.prototype.contains = function (node) {
    return Boolean(node && ((this.el && this.el.contains(node)) ||
      (this.term && this.term.contains(node))));
  };

  Popup.prototype.links = function () {
    return this.el ? this.el.querySelectorAll("a[href]") : [];
  };

  // ---- events ----------------------------------------------------------------------------

  function termOf(target) {
    return target && target.closest ? target.closest(TERM_SELECTOR) : null;
  }

  function inPopup(target) {
    return Boolean(target && target.closest && target.closest("#" + POPUP_ID));
  }

  function listen(popup) {
    // Delegated on the document, so slides remark re-renders or clones keep working.
    document.addEventListener("pointerover", function (event) {
      if (event.pointerType === "touch") {
        return; // a tap opens the popup through "click"
      }
      var term = termOf(event.target);
      if (term) {
        popup.show(term, false);
      } else if (inPopup(event.target)) {
        popup.cancelHide();
      }
    });
    document.addEventListener("pointerout", function (event) {
      if (event.pointerType === "touch" || popup.pinned || !popup.term) {
        return;
      }
      if ((termOf(event.target) || inPopup(event.target)) && !popup.contains(event.relatedTarget)) {
        popup.hideSoon();
      }
    });
    document.addEventListener("focusin", function (event) {
      var term = termOf(event.target);
      if (term) {
        popup.show(term, true);
      }
    });
    document.addEventListener("focusout", function (event) {
      if (popup.term && !popup.contains(event.relatedTarget) && popup.contains(event.target)) {
        popup.hide();
      }
    });
    // A press outside the term and its popup closes the popup.
    ["touchstart", "mousedown"].forEach(function (type) {
      window.addEventListener(type, function (event) {
        if (popup.term && !termOf(event.target) && !inPopup(event.target)) {
          popup.hide();
        }
      }, true);
    });
    // remark can turn clicks into slide changes (its navigation.click option): a click or tap
    // on a term only opens the popup. Touch events pass, so swipes still change slides.
    ["mousedown", "click"].forEach(function (type) {
      window.addEventListener(type, function (event) {
        var term = termOf(event.target);
        if (term) {
          event.stopPropagation();
          if (type === "click") {
            popup.show(term, true);
          }
        }
      }, true);
    });
    // Keys are caught on the way down (capture), before any page or remark handler sees them.
    window.addEventListener("keydown", function (event) {
      var term = termOf(event.target);
      if (term) {
        if (event.key === "Escape" && popup.term) {
          popup.hide();
          event.stopPropagation();
        } else if (event.key === "Enter" || event.key === " " || event.key === "ArrowDown") {
          // Into the popup, so keyboard users can reach its links.
          popup.show(term, true);
          var links = popup.links();
          if (links.length) {
            links[0].focus();
          }
          event.preventDefault();
          event.stopPropagation();
        }
        return;
      }
      if (!inPopup(event.target)) {
        if (event.key === "Escape" && popup.term) {
          popup.hide();
        }
        return;
      }
      // Inside the popup: keys are ours, not remark's slide navigation.
      event.stopPropagation();
      var items = popup.links();
      var first = items[0];
      var last = items[items.length - 1];
      var back = popup.term;
      if (event.key === "Escape" ||
        (event.key === "Tab" && !event.shiftKey && event.target === last) ||
        (event.key === "Tab" && event.shiftKey && event.target === first)) {
        event.preventDefault();
        if (back) {
          back.focus();
        }
        if (event.key === "Escape") {
          popup.hide();
        }
      }
    }, true);
    ["keypress", "keyup"].forEach(function (type) {
      window.addEventListener(type, function (event) {
        if (inPopup(event.target)) {
          event.stopPropagation();
        }
      }, true);
    });
    window.addEventListener("resize", function () { popup.place(); });
    window.addEventListener("scroll", function () { popup.place(); }, true);
    // remark changes the URL fragment on every slide change.
    window.addEventListener("hashchange", function () { popup.hide(); });
    document.addEventListener("fullscreenchange", function () { popup.hide(); });
  }

  // ---- start -----------------------------------------------------------------------------

  function injectStyle() {
    try {
      // A constructed sheet also works under a Content-Security-Policy without 'unsafe-inline'.
      var sheet = new CSSStyleSheet();
      sheet.replaceSync(CSS);
      document.adoptedStyleSheets = document.adoptedStyleSheets.concat([sheet]);
    } catch (error) {
      var style = element("style", "", CSS);
      style.setAttribute("data-hc-popup", "");
      (document.head || document.documentElement).appendChild(style);
    }
  }

  function observe(marker, popup) {
    var observer = new MutationObserver(function (records) {
      var touched = [];
      records.forEach(function (record) {
        if (record.type === "characterData") {
          touched.push(record.target);
        } else {
          Array.prototype.forEach.call(record.addedNodes, function (node) {
            touched.push(node);
          });
        }
      });
      touched.forEach(function (node) {
        if (node.isConnected && !(popup.el && popup.el.contains(node))) {
          marker.mark(node);
        }
      });
      // Our own wrapping also produced records: nothing new to mark in them.
      observer.takeRecords();
      popup.place();
    });
    observer.observe(document.body, { childList: true, subtree: true, characterData: true });
    return observer;
  }

  // The pronunciation buttons live in speak.js, next to this script (data-speak="URL" to
  // point elsewhere); a page that already loaded it is left alone.
  function loadSpeak() {
    if (window.HanziSpeak || !SCRIPT) {
      return;
    }
    var src = (SCRIPT.getAttribute("data-speak") || "").trim();
    try {
      src = src || new URL("speak.js", SCRIPT.src).href;
    } catch (error) {
      return;
    }
    var tag = document.createElement("script");
    tag.src = src;
    tag.async = true;
    tag.onerror = function () { warn("no pronunciation buttons: cannot load " + src); };
    (document.head || document.documentElement).appendChild(tag);
  }

  function start(config) {
    loadSpeak();
    api.startedAt = window.performance ? performance.now() : 0;
    var root = document.documentElement;
    root.setAttribute("data-hc-popup", "loading");
    return loadGlossaries(config).then(function (docs) {
      var built = buildIndex(docs.filter(Boolean));
      var index = built.index;
      if (!index.size) {
        warn("no Chinese terms to mark (give data-glossary or data-api)");
        root.setAttribute("data-hc-popup", "empty");
        return 0;
      }
      injectStyle();
      var marker = new Marker(index, built.romanised, config.selector);
      var popup = new Popup(index);
      api.marker = marker;
      api.popup = popup;
      listen(popup);
      var count = marker.mark(document.body);
      observe(marker, popup);
      api.readyAt = window.performance ? performance.now() : 0;
      root.setAttribute("data-hc-popup", "ready");
      return count;
    });
  }

  function readConfig(el) {
    var get = function (name) {
      return el ? (el.getAttribute("data-" + name) || "").trim() : "";
    };
    return { glossary: get("glossary"), api: get("api"), selector: get("selector") };
  }

  var api = {
    version: "1",
    marker: null,
    popup: null,
    ready: null,
    startedAt: 0, // performance.now() when the work began (after DOMContentLoaded) ...
    readyAt: 0, // ... and when the page was marked: benchmarks read them
    /** Mark terms again below `root` (the body by default), e.g. after changing the page. */
    refresh: function (root) {
      return api.marker ? api.marker.mark(root || document.body) : 0;
    }
  };
  window.HanziPopup = api;

  var config = readConfig(SCRIPT);
  api.ready = new Promise(function (resolve) {
    if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", resolve);
    } else {
      resolve();
    }
  }).then(function () {
    return start(config);
  }).catch(function (error) {
    document.documentElement.setAttribute("data-hc-popup", "error");
    warn(error && error.message ? error.message : String(error));
    return 0;
  });
})();
