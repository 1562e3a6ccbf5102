// Accessibility audit run inside a page by tests/browser/test_pages.py: returns a list of
// problems (empty when the page passes). Checks what only a browser can: text contrast on the
// computed colours (WCAG AA), accessible names of fields, links and buttons, image text
// alternatives, and the language tag of Chinese text.
(options) => {
  const problems = [];
  const scope = options.root ? document.querySelector(options.root) : document.body;
  const han = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/;
  const short = (text) => text.replace(/\s+/g, " ").trim().slice(0, 50);
  const describe = (el) => {
    const classes = typeof el.className === "string" ? el.className.trim().split(/\s+/) : [];
    return `<${el.localName}${el.id ? "#" + el.id : ""}${classes[0] ? "." + classes.join(".") : ""}>`;
  };
  const visible = (el) => {
    if (!el.getClientRects().length) return false;
    const style = getComputedStyle(el);
    if (style.visibility === "hidden" || Number(style.opacity) === 0) return false;
    const rect = el.getBoundingClientRect();
    return rect.width > 1 && rect.height > 1;
  };

  if (options.lang) {
    const walker = document.createTreeWalker(scope, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      const node = walker.currentNode;
      if (!han.test(node.data)) continue;
      const el = node.parentElement;
      // A textarea holds editable text (a deck's source): it cannot carry markup.
      if (el.closest("script, style, noscript, template, textarea")) continue;
      const tagged = el.closest("[lang]");
      if (!tagged || !/^zh\b/i.test(tagged.getAttribute("lang"))) {
        problems.push(`Chinese text without a zh lang: "${short(node.data)}" in ${describe(el)}`);
      }
    }
  }

  for (const el of scope.querySelectorAll("input, select, textarea")) {
    if (el.type === "hidden" || el.hidden) continue;
    const named = (el.labels && el.labels.length) || el.getAttribute("aria-label") ||
      el.getAttribute("aria-labelledby");
    if (!named) problems.push(`form field without a label: ${describe(el)} name=${el.name}`);
  }
  for (const img of scope.querySelectorAll("img")) {
    if (!img.hasAttribute("alt")) problems.push(`image without alt: ${img.getAttribute("src")}`);
  }
  for (const el of scope.querySelectorAll("a[href], button")) {
    const named = el.textContent.trim() || el.getAttribute("aria-label") ||
      el.getAttribute("title") || el.querySelector("img[alt]:not([alt=''])");
    if (visible(el) && !named) problems.push(`link or button without a name: ${describe(el)}`);
  }
  if (!/^[a-z]/i.test(document.documentElement.getAttribute("lang") || "")) {
    problems.push("the page has no lang");
  }

  const parse = (value) => {
    const m = value.match(/rgba?\(([^)]+)\)/);
    if (!m) return [0, 0, 0, 0];
    const p = m[1].split(/[\s,/]+/).filter(Boolean).map(Number);
    return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
  };
  const over = (top, bottom) =>
    [0, 1, 2].map((i) => top[i] * top[3] + bottom[i] * (1 - top[3])).concat([1]);
  const backgroundOf = (el) => {
    const layers = [];
    for (let e = el; e; e = e.parentElement) {
      const c = parse(getComputedStyle(e).backgroundColor);
      if (c[3] > 0) layers.push(c);
      if (c[3] >= 1) break;
    }
    let colour = [255, 255, 255, 1]; // the canvas behind an unpainted page
    for (let i = layers.length - 1; i >= 0; i--) colour = over(layers[i], colour);
    return colour;
  };
  const luminance = (c) => {
    const [r, g, b] = c.slice(0, 3).map((v) => {
      v /= 255;
      return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  for (const el of [scope, ...scope.querySelectorAll("*")]) {
    const own = Array.from(el.childNodes).some((n) => n.nodeType === 3 && n.data.trim());
    if (!own || !visible(el) || el.closest("svg")) continue;
    const style = getComputedStyle(el);
    const bg = backgroundOf(el);
    const fg = over(parse(style.color), bg);
    const [light, dark] = [luminance(fg), luminance(bg)].sort((x, y) => y - x);
    const ratio = (light + 0.05) / (dark + 0.05);
    const size = parseFloat(style.fontSize);
    const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
    const need = large ? 3 : 4.5;
    if (ratio < need) {
      problems.push(
        `contrast ${ratio.toFixed(2)} < ${need} for "${short(el.textContent)}" in ${describe(el)}`
      );
    }
  }
  return problems;
}
