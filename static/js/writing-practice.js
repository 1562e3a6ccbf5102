/* Writing practice on a character page: a stroke-order quiz with Hanzi Writer (vendored in
 * static/vendor/hanzi-writer), fed by this project's own stroke data, never a CDN.
 *
 * The page's <section class="hc-practice"> carries data-char and data-strokes-url. On the web
 * the data comes from /api/strokes/<char>.json; on the static site (opened from disk, where
 * fetch of file:// is refused) a script beside the page registers it on window.hcStrokeData
 * first. Progress (times completed, fewest mistakes) stays in this browser's localStorage.
 */
(function () {
  "use strict";

  var HINT_AFTER_MISSES = 3;
  var STORAGE_PREFIX = "hanzi-companion:practice:";

  function plural(n, word) {
    var ending = /s$/.test(word) ? "es" : "s"; // miss, misses
    return n + " " + word + (n === 1 ? "" : ending);
  }

  function readProgress(key) {
    try {
      var saved = JSON.parse(window.localStorage.getItem(key) || "null");
      return saved && typeof saved.completed === "number" ? saved : null;
    } catch (err) {
      return null; // storage disabled or garbled: practise without keeping progress
    }
  }

  function writeProgress(key, progress) {
    try {
      window.localStorage.setItem(key, JSON.stringify(progress));
    } catch (err) {
      /* storage full or disabled: nothing to keep */
    }
  }

  function describeProgress(progress) {
    if (!progress) {
      return "Not completed in this browser yet.";
    }
    return "Completed " + plural(progress.completed, "time") + " in this browser; best: " +
      plural(progress.bestMistakes, "mistake") + ".";
  }

  function setup(section) {
    var char = section.getAttribute("data-char");
    var board = section.querySelector(".hc-practice-board");
    var status = section.querySelector(".hc-practice-status");
    var summary = section.querySelector(".hc-practice-summary");
    var progressLine = section.querySelector(".hc-practice-progress");
    var buttons = section.querySelectorAll("button[data-action]");
    var key = STORAGE_PREFIX + char;
    var strokeCount = 0;
    var missesByStroke = {};

    function say(text) {
      status.textContent = text;
    }

    function loadData(wanted, onLoad, onError) {
      var registered = window.hcStrokeData && window.hcStrokeData[wanted];
      if (registered) {
        strokeCount = registered.strokes.length;
        onLoad(registered);
        return;
      }
      fetch(section.getAttribute("data-strokes-url"))
        .then(function (response) {
          if (!response.ok) {
            throw new Error("HTTP " + response.status);
          }
          return response.json();
        })
        .then(function (data) {
          strokeCount = data.strokes.length;
          onLoad(data);
        }, onError);
    }

    var size = Math.max(160, Math.min(300, board.clientWidth || 300));
    var padding = Math.round(size / 30);
    board.setAttribute("data-size", String(size));
    board.setAttribute("data-padding", String(padding));
    progressLine.textContent = describeProgress(readProgress(key));

    var writer = HanziWriter.create(board, char, {
      width: size,
      height: size,
      padding: padding,
      showCharacter: false,
      showOutline: true,
      strokeColor: "#222222",
      outlineColor: "#dddddd",
      highlightColor: "#2f7ed8",
      drawingColor: "#333333",
      drawingWidth: 6,
      charDataLoader: loadData,
      onLoadCharDataSuccess: function () {
        section.classList.add("hc-practice-ready");
        startQuiz();
      },
      onLoadCharDataError: function () {
        say("The stroke data could not be loaded; the practice sheet below still works.");
        section.classList.add("hc-practice-failed");
      },
    });

    function startQuiz() {
      missesByStroke = {};
      summary.hidden = true;
      summary.textContent = "";
      section.classList.remove("hc-practice-complete");
      say("Draw stroke 1 of " + strokeCount + ".");
      board.setAttribute("aria-label", "Drawing area: draw " + char + " stroke by stroke, " +
        plural(strokeCount, "stroke") + " in all.");
      writer.quiz({
        showHintAfterMisses: HINT_AFTER_MISSES,
        highlightOnComplete: true,
        onCorrectStroke: function (data) {
          var next = data.strokeNum + 2;
          say(data.strokesRemaining > 0
            ? "Stroke " + (data.strokeNum + 1) + " is right. Draw stroke " + next + " of " +
              strokeCount + "."
            : "Stroke " + (data.strokeNum + 1) + " is right.");
        },
        onMistake: function (data) {
          missesByStroke[data.strokeNum] = data.mistakesOnStroke;
          var hint = data.mistakesOnStroke >= HINT_AFTER_MISSES
            ? " The stroke is now highlighted: follow it."
            : "";
          say("Not quite: try stroke " + (data.strokeNum + 1) + " again (" +
            plural(data.mistakesOnStroke, "miss") + ")." + hint);
        },
        onComplete: function (data) {
          finish(data.totalMistakes);
        },
      });
    }

    function finish(totalMistakes) {
      var previous = readProgress(key);
      var progress = {
        completed: (previous ? previous.completed : 0) + 1,
        bestMistakes: previous ? Math.min(previous.bestMistakes, totalMistakes) : totalMistakes,
        lastCompleted: new Date().toISOString(),
      };
      writeProgress(key, progress);
      var hard = Object.keys(missesByStroke).map(function (index) {
        return "stroke " + (Number(index) + 1) + " (" +
          plural(missesByStroke[index], "miss") + ")";
      });
      summary.textContent = "Done: " + plural(strokeCount, "stroke") + ", " +
        plural(totalMistakes, "mistake") + "." +
        (hard.length ? " Practise " + hard.join(", ") + "." : " Every stroke right first time.");
      summary.hidden = false;
      section.classList.add("hc-practice-complete");
      progressLine.textContent = describeProgress(progress);
      say("Character complete. " + summary.textContent);
    }

    Array.prototype.forEach.call(buttons, function (button) {
      button.addEventListener("click", function () {
        var action = button.getAttribute("data-action");
        if (action === "animate") {
          writer.cancelQuiz();
          say("Watch the strokes in order.");
          writer.animateCharacter({
            onComplete: function () {
              say("Animation done. Press Restart to draw it yourself.");
            },
          });
        } else if (action === "restart") {
          writer.cancelQuiz();
          writer.hideCharacter();
          startQuiz();
        }
      });
    });
  }

  if (typeof window.HanziWriter === "undefined") {
    return;
  }
  Array.prototype.forEach.call(document.querySelectorAll(".hc-practice"), setup);
})();
