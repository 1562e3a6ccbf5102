/*!
 * hanzi-companion pronunciation buttons.
 *
 * Every element with a data-hc-say attribute gets, right after it, a "Play" and a "Slow"
 * button that speak the attribute's text (Chinese characters, never pinyin, so tones and
 * tone sandhi come from the voice) with the browser's speech synthesis and a Mandarin voice:
 * zh-CN first, then zh-TW, then any zh-* voice. Without speech synthesis or without any
 * Chinese voice the buttons are disabled and say so.
 *
 *   a span with lang="zh-Hans" data-hc-say="(the characters to say)", and the script tag: src="speak.js" defer
 *
 * window.HanziSpeak.controls(text) makes the buttons for other scripts (the slide popup);
 * HanziSpeak.enhance(root) adds them under root after a page changed. No inline script or
 * style is needed (works under a strict Content-Security-Policy). Licence: MIT, part of
 * hanzi-companion.
 */
(function () {
  "use strict";

  if (window.HanziSpeak) {
    return;
  }

  var NORMAL_RATE = 1;
  var SLOW_RATE = 0.6;
  var VOICE_WAIT_MS = 1500; // voices load asynchronously in Chrome; give up after this
  var PREFERRED = ["zh-cn", "zh-tw"];
  var NO_VOICE = "no Chinese voice on this device";
  var DONE = "data-hc-say-ready";

  var state = { voice: null, known: false, waiting: [] };

  function synth() {
    return window.speechSynthesis && window.SpeechSynthesisUtterance ? window.speechSynthesis : null;
  }

  function langOf(voice) {
    return String(voice.lang || "").replace(/_/g, "-").toLowerCase();
  }

  function pickVoice(voices) {
    var chinese = Array.prototype.filter.call(voices || [], function (voice) {
      var lang = langOf(voice);
      return lang === "zh" || lang.indexOf("zh-") === 0 || lang.indexOf("cmn") === 0;
    });
    for (var i = 0; i < PREFERRED.length; i++) {
      for (var j = 0; j < chinese.length; j++) {
        if (langOf(chinese[j]) === PREFERRED[i]) {
          return chinese[j];
        }
      }
    }
    return chinese.length ? chinese[0] : null;
  }

  function settle(voice) {
    if (state.known) {
      return;
    }
    state.known = true;
    state.voice = voice;
    document.documentElement.setAttribute("data-hc-voice", voice ? voice.lang : "none");
    state.waiting.splice(0).forEach(function (group) { update(group); });
  }

  function findVoice() {
    var speech = synth();
    if (!speech) {
      settle(null);
      return;
    }
    var tryNow = function () {
      var voice = pickVoice(speech.getVoices());
      if (voice) {
        settle(voice);
      }
      return voice;
    };
    if (tryNow()) {
      return;
    }
    if (speech.addEventListener) {
      speech.addEventListener("voiceschanged", tryNow);
    }
    window.setTimeout(function () { settle(tryNow()); }, VOICE_WAIT_MS);
  }

  function speak(text, rate) {
    var speech = synth();
    if (!speech || !state.voice) {
      return false;
    }
    var utterance = new window.SpeechSynthesisUtterance(text);
    utterance.voice = state.voice;
    utterance.lang = String(state.voice.lang || "zh-CN").replace(/_/g, "-");
    utterance.rate = rate;
    speech.cancel(); // a second click restarts instead of queueing
    speech.speak(utterance);
    return true;
  }

  function button(label, title, rate, text) {
    var el = document.createElement("button");
    el.type = "button";
    el.className = "hc-speak-button";
    el.textContent = label;
    el.title = title;
    el.setAttribute("aria-label", title);
    el.setAttribute("data-hc-rate", String(rate));
    el.disabled = true; // until a voice is known
    el.addEventListener("click", function (event) {
      event.preventDefault();
      event.stopPropagation();
      speak(text, rate);
    });
    return el;
  }

  // One notice per page, fixed at the bottom of the window: nothing on the page moves (the
  // buttons keep their size), so a reader is never scrolled away from what they look at.
  function showBanner() {
    if (document.querySelector(".hc-speak-banner") || !document.body) {
      return;
    }
    var banner = document.createElement("div");
    banner.className = "hc-speak-banner";
    banner.setAttribute("role", "status");
    banner.textContent = "Pronunciation buttons are off: " + NO_VOICE +
      " (add a Chinese voice in the system's speech settings).";
    var close = document.createElement("button");
    close.type = "button";
    close.textContent = "\u00D7";
    close.setAttribute("aria-label", "Close this notice");
    close.addEventListener("click", function () { banner.hidden = true; });
    banner.appendChild(close);
    document.body.appendChild(banner);
  }

  function update(group) {
    var buttons = group.querySelectorAll("button");
    var ok = Boolean(state.voice);
    Array.prototype.forEach.call(buttons, function (el) {
      el.disabled = !ok;
      if (!ok) {
        el.title = NO_VOICE;
        el.setAttribute("aria-label", "Cannot play: " + NO_VOICE);
      }
    });
    group.setAttribute("data-hc-speak", ok ? "ready" : "no-voice");
    if (ok) {
      return;
    }
    var note = group.querySelector(".hc-speak-note");
    if (note) { // inside an overlay (the slide popup), where text can grow freely
      note.textContent = NO_VOICE;
      note.hidden = false;
    } else {
      showBanner();
    }
  }

  /** A "Play" and a "Slow" button speaking `text` (a span, ready to insert anywhere);
   * `inlineNote` puts the no-voice message in the span itself (for overlays). */
  function controls(text, inlineNote) {
    var group = document.createElement("span");
    group.className = "hc-speak";
    group.setAttribute("data-hc-speak", "waiting");
    group.appendChild(button("\u25B6", "Play " + text, NORMAL_RATE, text));
    group.appendChild(button("slow", "Play " + text + " slowly", SLOW_RATE, text));
    if (inlineNote) {
      var note = document.createElement("span");
      note.className = "hc-speak-note";
      note.hidden = true;
      group.appendChild(note);
    }
    if (state.known) {
      update(group);
    } else {
      state.waiting.push(group);
    }
    return group;
  }

  /** Add the buttons after every [data-hc-say] element under `root` that has none yet. */
  function enhance(root) {
    var scope = root || document;
    var found = scope.querySelectorAll ? scope.querySelectorAll("[data-hc-say]") : [];
    Array.prototype.forEach.call(found, function (el) {
      var text = (el.getAttribute("data-hc-say") || "").trim();
      if (!text || el.hasAttribute(DONE)) {
        return;
      }
      el.setAttribute(DONE, "");
      el.parentNode.insertBefore(controls(text), el.nextSibling);
    });
  }

  window.HanziSpeak = {
    version: "1",
    slowRate: SLOW_RATE,
    controls: controls,
    enhance: enhance,
    speak: speak,
    pickVoice: pickVoice
  };

  findVoice();
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { enhance(document); });
  } else {
    enhance(document);
  }
})();
