/* Bar and line charts drawn as SVG from a Vega-Lite spec's inline data; no external scripts. */
"use strict";
const ChuhaiChart = (() => {
  const NS = "http://www.w3.org/2000/svg";
  const W = 560, H = 280, PAD = { l: 56, r: 12, t: 24, b: 56 };

  function el(name, attrs, text) {
    const node = document.createElementNS(NS, name);
    for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function fieldOf(enc) { return enc && (enc.field || (enc.aggregate === "count" ? "count" : null)); }

  /** An SVG element for a bar or line spec, or null when the spec has no inline data to draw. */
  function render(spec) {
    const values = spec && spec.data && Array.isArray(spec.data.values) ? spec.data.values : null;
    const enc = (spec && spec.encoding) || {};
    const xField = fieldOf(enc.x), yField = fieldOf(enc.y);
    if (!values || !values.length || !xField || !yField) return null;
    const mark = typeof spec.mark === "string" ? spec.mark : (spec.mark && spec.mark.type) || "bar";
    const rows = values.map((r) => ({ x: String(r[xField]), y: Number(r[yField]) || 0 }));
    const max = Math.max(...rows.map((r) => r.y), 0) || 1;
    const min = Math.min(...rows.map((r) => r.y), 0);
    const iw = W - PAD.l - PAD.r, ih = H - PAD.t - PAD.b;
    const y = (v) => PAD.t + ih - ((v - min) / (max - min || 1)) * ih;
    const step = iw / rows.length;
    const svg = el("svg", { viewBox: `0 0 ${W} ${H}`, class: "chart", role: "img",
      "aria-label": spec.title ? String(spec.title.text || spec.title) : `${yField} by ${xField}` });
    if (spec.title) svg.appendChild(el("text", { x: PAD.l, y: 16, "font-size": 13 }, String(spec.title.text || spec.title)));
    svg.appendChild(el("line", { x1: PAD.l, y1: y(0), x2: W - PAD.r, y2: y(0), stroke: "#888" }));
    svg.appendChild(el("text", { x: 4, y: PAD.t + 8, "font-size": 11 }, formatNumber(max)));
    if (mark === "line" || mark === "area" || mark === "point") {
      const points = rows.map((r, i) => `${PAD.l + step * (i + 0.5)},${y(r.y)}`).join(" ");
      svg.appendChild(el("polyline", { points, fill: "none", stroke: "#b3261e", "stroke-width": 2 }));
    } else {
      rows.forEach((r, i) => {
        const top = Math.min(y(r.y), y(0));
        const bar = el("rect", { x: PAD.l + step * i + step * 0.1, y: top, width: step * 0.8,
          height: Math.abs(y(0) - y(r.y)), fill: "#b3261e" });
        bar.appendChild(el("title", {}, `${r.x}: ${formatNumber(r.y)}`));
        svg.appendChild(bar);
      });
    }
    const every = Math.ceil(rows.length / 12);
    rows.forEach((r, i) => {
      if (i % every) return;
      svg.appendChild(el("text", { x: PAD.l + step * (i + 0.5), y: H - PAD.b + 14, "font-size": 10,
        "text-anchor": "middle" }, r.x.length > 12 ? r.x.slice(0, 11) + "…" : r.x));
    });
    return svg;
  }

  function formatNumber(v) { return Math.abs(v) >= 1000 ? v.toLocaleString(undefined, { maximumFractionDigits: 0 }) : String(Math.round(v * 100) / 100); }

  return { render };
})();
