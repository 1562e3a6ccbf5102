/*!
 * hanzi-companion static site search.
 *
 * Searches the course's terms and characters of the week in the prebuilt index that
 * `hanzi-companion site` writes to search/index.js (a compact JSON document assigned to
 * window.HanziSiteIndex: a script, not a fetched file, so that it works from file:// too).
 * Characters, pinyin with tone marks, tone numbers or no tones, and English are all read.
 * Everything from the index is inserted as text; links are the index's own relative paths.
 * No dependencies. Licence: MIT, part of hanzi-companion.
 */
(function () {
  "use strict";

  var MAX_RESULTS = 100;
  var HAN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]|[\ud840-\ud87f][\udc00-\udfff]/;
  var TONE_MARK = /[\u0300\u0301\u0304\u030c]/;
  // One capture group: String.split keeps the Chinese runs at the odd indexes.
  var HAN_RUN = /((?:[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]|[\ud840-\ud87f][\udc00-\udfff])+)/;

  function element(tag, className, content) {
    var el = document.createElement(tag);
    if (className) {
      el.className = className;
    }
    if (content) {
      el.textContent = content;
    }
    return el;
  }

  /** Text with each run of Chinese in a lang span (screen readers and fonts need to know). */
  function mixed(tag, className, text) {
    var el = element(tag, className);
    String(text || "").split(HAN_RUN).forEach(function (part, i) {
      if (!part) {
        return;
      }
      if (i % 2) {
        var span = element("span", "", part);
        span.setAttribute("lang", "zh-Hans");
        el.appendChild(span);
      } else {
        el.appendChild(document.createTextNode(part));
      }
    });
    return el;
  }

  function relativePath(path) {
    // The index only holds paths inside the site; refuse anything else.
    return typeof path === "string" && /^[A-Za-z0-9._~\/%-]+(#[A-Za-z0-9_-]+)?$/.test(path) &&
      path.indexOf("..") === -1 ? path : "";
  }

  // ---- query keys: the same shapes the index holds -----------------------------------------

  function withV(text) {
    return text.normalize("NFD").replace(/u\u0308|u:/gi, "v").replace(/U\u0308/g, "v");
  }

  function tonelessKey(text) {
    return withV(text).replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/[^a-z]/g, "");
  }

  function numberedKey(text) {
    return withV(text).replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/[^a-z1-5]/g, "");
  }

  function marksKey(text) {
    return text.normalize("NFC").toLowerCase().replace(/[1-5\s'’·-]/g, "");
  }

  function rank(key, wanted) {
    if (!wanted || !key) {
      return 9;
    }
    if (key === wanted) {
      return 0;
    }
    if (key.indexOf(wanted) === 0) {
      return 1;
    }
    return key.indexOf(wanted) > 0 && wanted.length > 1 ? 2 : 9;
  }

  function englishRank(gloss, words) {
    if (!words.length || !gloss) {
      return 9;
    }
    var lower = gloss.toLowerCase();
    var best = 3;
    for (var i = 0; i < words.length; i += 1) {
      var at = lower.indexOf(words[i]);
      if (at < 0) {
        return 9;
      }
      var wordStart = at === 0 || !/[a-z]/.test(lower.charAt(at - 1));
      if (!wordStart) {
        best = 4;
      }
    }
    return best;
  }

  function hanRank(texts, query) {
    var best = 9;
    texts.forEach(function (text) {
      if (!text) {
        return;
      }
      if (text === query) {
        best = Math.min(best, 0);
      } else if (text.indexOf(query) === 0) {
        best = Math.min(best, 1);
      } else if (text.indexOf(query) > 0) {
        best = Math.min(best, 2);
      } else if (query.indexOf(text) >= 0 && text.length > 1) {
        best = Math.min(best, 3); // a word inside a longer query
      }
    });
    return best;
  }

  /** Score one record (term or character): lower is better, 9 is no match. */
  function score(record, query) {
    if (query.han) {
      return hanRank([record.text, record.traditional], query.text);
    }
    var pinyin = 9;
    if (query.digits) {
      pinyin = rank(record.numbered, query.numbered);
    } else if (query.marks) {
      pinyin = rank(marksKey(record.pinyin), query.marksKey);
    } else {
      pinyin = rank(record.toneless, query.toneless);
    }
    return Math.min(pinyin, englishRank(record.gloss, query.words));
  }

  function readQuery(text) {
    var trimmed = text.trim().normalize("NFC");
    return {
      text: trimmed,
      han: HAN.test(trimmed),
      digits: /[a-z\u00fc][1-5]/i.test(trimmed),
      marks: TONE_MARK.test(trimmed.normalize("NFD")),
      numbered: numberedKey(trimmed),
      marksKey: marksKey(trimmed),
      toneless: tonelessKey(trimmed),
      words: trimmed.toLowerCase().split(/[^a-z0-9'-]+/).filter(function (w) {
        return w.length > 1;
      })
    };
  }

  // ---- the index ----------------------------------------------------------------------------

  function records(index) {
    var decks = Array.isArray(index.decks) ? index.decks : [];
    var out = [];
    (Array.isArray(index.chars) ? index.chars : []).forEach(function (row, order) {
      out.push({
        kind: "character", text: row[0], traditional: "", pinyin: row[1], numbered: row[2],
        toneless: row[3], gloss: row[4], path: row[5], deck: decks[row[6]], order: order
      });
    });
    (Array.isArray(index.terms) ? index.terms : []).forEach(function (row, order) {
      var deck = decks[row[6]] || [];
      out.push({
        kind: "term", text: row[0], traditional: row[1], pinyin: row[2], numbered: row[3],
        toneless: row[4], gloss: row[5], deck: deck, order: 1000000 + order,
        path: deck[0] ? deck[0] + "#term-" + row[7] : ""
      });
    });
    return out;
  }

  function pinyinElement(segments) {
    var span = element("span", "hc-pinyin");
    span.setAttribute("lang", "zh-Latn-pinyin");
    var spaced = true;
    String(segments || "").split(" ").forEach(function (segment) {
      if (!segment) { // two spaces part words (pinyin orthography): chuàngkè kōngjiān
        span.appendChild(document.createTextNode(" "));
        spaced = true;
        return;
      }
      var match = /^(.*?)([1-5])$/.exec(segment);
      var after = spaced;
      spaced = false;
      if (!after && !match) {
        span.appendChild(document.createTextNode(" "));
      }
      span.appendChild(match ? element("span", "tone" + match[2], match[1]) :
        document.createTextNode(segment));
    });
    return span;
  }

  function resultItem(record) {
    var li = element("li", "hc-result");
    var link = element("a", "hc-result-head");
    var path = relativePath(record.path);
    if (path) {
      link.setAttribute("href", path);
    }
    var han = element("span", "hc-zh hc-term", record.text);
    han.setAttribute("lang", "zh-Hans");
    link.appendChild(han);
    if (record.traditional && record.traditional !== record.text) {
      var trad = element("span", "hc-zh hc-traditional", " " + record.traditional);
      trad.setAttribute("lang", "zh-Hant");
      link.appendChild(trad);
    }
    li.appendChild(link);
    if (window.HanziSpeak) { // static/js/speak.js: Play and Slow buttons after the link
      li.appendChild(window.HanziSpeak.controls(record.text));
    }
    li.appendChild(pinyinElement(record.pinyin));
    if (record.kind === "character") {
      li.appendChild(document.createTextNode(" "));
      li.appendChild(element("span", "hc-flag", "character of the week"));
    }
    if (record.gloss) {
      li.appendChild(mixed("div", "hc-gloss", record.gloss));
    }
    var deck = record.deck || [];
    if (deck[1]) {
      li.appendChild(mixed("div", "hc-muted",
        (deck[2] !== null && deck[2] !== undefined ? "Week " + deck[2] + " · " : "") + deck[1]));
    }
    return li;
  }

  function showElsewhere(box, sites, query) {
    var list = box.querySelector("ul");
    list.textContent = "";
    var single = Array.from(query.text).length === 1;
    (Array.isArray(sites) ? sites : []).forEach(function (site) {
      if (!(single ? site[2] : site[3]) || !/^https:\/\//.test(String(site[1]))) {
        return;
      }
      var li = element("li");
      var a = element("a", "", site[0]);
      a.setAttribute("href", String(site[1]).replace("{q}", encodeURIComponent(query.text)));
      a.setAttribute("rel", "noopener noreferrer");
      li.appendChild(a);
      list.appendChild(li);
    });
    box.hidden = !list.children.length;
  }

  function search(index, all, text) {
    var status = document.getElementById("hc-site-status");
    var list = document.getElementById("hc-site-results");
    var elsewhere = document.getElementById("hc-site-elsewhere");
    list.textContent = "";
    elsewhere.hidden = true;
    var query = readQuery(text);
    if (!query.text) {
      status.textContent = all.length + " terms and characters in this course.";
      return;
    }
    var found = [];
    all.forEach(function (record) {
      var s = score(record, query);
      if (s < 9) {
        found.push({ score: s, record: record });
      }
    });
    found.sort(function (a, b) {
      return a.score - b.score || a.record.order - b.record.order;
    });
    found.slice(0, MAX_RESULTS).forEach(function (hit) {
      list.appendChild(resultItem(hit.record));
    });
    if (found.length) {
      status.textContent = found.length + " result" + (found.length === 1 ? "" : "s") +
        " for “" + query.text + "”" + (found.length > MAX_RESULTS ? " (first " +
        MAX_RESULTS + " shown)" : "") + ".";
    } else {
      status.textContent = "Nothing in this course's glossaries matches “" + query.text + "”.";
      if (query.han) {
        showElsewhere(elsewhere, index.sites, query);
      }
    }
  }

  function start() {
    var index = window.HanziSiteIndex;
    var status = document.getElementById("hc-site-status");
    if (!status) {
      return;
    }
    if (!index || index.v !== 1) {
      status.textContent = "The search index could not be loaded (search/index.js).";
      return;
    }
    var all = records(index);
    var input = document.querySelector("main input[name=q]");
    var params = new URLSearchParams(window.location.search);
    var initial = params.get("q") || "";
    if (input) {
      input.value = initial;
      input.addEventListener("input", function () {
        search(index, all, input.value);
      });
    }
    search(index, all, initial);
    document.documentElement.setAttribute("data-hc-search", "ready");
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
