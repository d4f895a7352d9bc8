// The ZIP of everything chosen: the PDFs under descriptive names, the
// manifest (as `cse-pack build` writes it, with these names as paths), the
// details as `org.toml`, and a one-page "how to print these" sheet.
import { makeZip } from "./zip.js";

/** `st-aidans-primary_en_poster-a3.pdf` */
export function zipName(doc) {
  return `${doc.org ?? "cse-pack"}_${doc.lang}_${doc.product}.pdf`;
}

export async function downloadZip(ctx) {
  const { cores, today, orgToml, images, jobs, selection, info, status, button, offer, showProblems } = ctx;
  const families = new Map(info.products.map((p) => [p.id, p.family]));
  const calls = jobs.langs
    .map((lang) => ({
      lang,
      products: jobs.products.filter((p) => !lang.includes("+") || families.get(p) === "poster"),
    }))
    .filter((c) => c.products.length);
  // The slowest first, so no worker is left with one long language at the
  // end: right-to-left scripts (Urdu's Nastaliq above all), then other
  // scripts that need shaping, then the rest in the order chosen.
  const byCode = new Map(info.languages.map((l) => [l.code, l]));
  const cost = (call) =>
    Math.max(
      ...call.lang.split("+").map((c) => {
        const l = byCode.get(c);
        if (!l) return 0;
        return l.rtl ? 2 : /[^\u0000-\u024f]/u.test(l.native_name) ? 1 : 0;
      }),
    );
  calls.sort((a, b) => cost(b) - cost(a));
  if (!calls.length) {
    status.textContent = "Choose at least one language and one product.";
    return;
  }
  button.disabled = true;
  const started = performance.now();
  const files = [];
  const entries = [];
  const warnings = [];
  let version = "";
  try {
    // One language per call, shared out between the workers as each finishes.
    const results = new Array(calls.length);
    let next = 0;
    let done = 0;
    let failed = null;
    const work = async (core) => {
      while (next < calls.length && !failed) {
        const i = next++;
        const call = calls[i];
        const { answer, pdfs } = await core.request(
          { op: "build", today, org_toml: orgToml, langs: [call.lang], products: call.products, ...selection },
          images,
        );
        if (!answer.ok) failed = answer;
        results[i] = { answer, pdfs };
        status.textContent = `Making PDFs: ${++done} of ${calls.length} languages done…`;
      }
    };
    await Promise.all(cores.map(work));
    if (failed) {
      showProblems(failed.diagnostics);
      status.textContent = "The ZIP was not made: fix the problems shown, then try again.";
      return;
    }
    for (const { answer, pdfs } of results) {
      version = answer.content_version;
      warnings.push(...answer.diagnostics.filter((d) => d.severity === "warning"));
      answer.documents.forEach((d, k) => {
        const name = zipName(d);
        files.push({ name, bytes: new Uint8Array(pdfs[k]) });
        const { at, len, ...entry } = d;
        entries.push({ ...entry, path: name });
      });
    }
    entries.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    files.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const manifest = JSON.stringify({ files: entries, content_version: version }, null, 2) + "\n";
    const enc = new TextEncoder();
    const extra = [
      { name: "how-to-print.html", bytes: enc.encode(howToPrint(entries, info, selection, today)) },
      { name: "manifest.json", bytes: enc.encode(manifest) },
    ];
    if (orgToml) extra.push({ name: "org.toml", bytes: enc.encode(orgToml) });
    const [y, m, d] = today.split("-").map(Number);
    const zip = makeZip([...extra, ...files], { year: y, month: m, day: d });
    const org = entries[0]?.org ?? "cse-pack";
    offer(zip, `${org}_${selection.nation}.zip`);
    // What was left off a small product, say, is worth seeing beside its field.
    const unique = [...new Map(warnings.map((w) => [w.text, w])).values()];
    if (unique.length) showProblems(unique);
    const secs = ((performance.now() - started) / 1000).toFixed(1);
    document.body.dataset.zipMs = String(Math.round(performance.now() - started));
    status.textContent = `Made ${files.length} PDF${files.length === 1 ? "" : "s"} in ${secs} s (${Math.round(zip.size / 1024)} KB ZIP), with how-to-print.html.`;
  } finally {
    button.disabled = false;
  }
}

/** What paper, which sides, how to fold or cut: one printed page. */
export function howToPrint(entries, info, selection, today) {
  const byId = new Map(info.products.map((p) => [p.id, p]));
  const esc = (s) => String(s).replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]);
  const rows = [];
  const seen = new Set();
  for (const e of entries) {
    if (seen.has(e.product)) continue;
    seen.add(e.product);
    const p = byId.get(e.product);
    const files = entries.filter((x) => x.product === e.product).map((x) => x.path);
    rows.push(`<tr><th scope="row">${esc(p.name)}</th><td>${esc(paper(p))}</td><td>${esc(sides(p))}</td><td>${esc(finish(p))}</td><td>${files.length} file${files.length === 1 ? "" : "s"}, e.g. <code>${esc(files[0])}</code></td></tr>`);
  }
  const drafts = [...new Set(entries.flatMap((e) => e.lang.split("+")))]
    .map((c) => info.languages.find((l) => l.code === c))
    .filter((l) => l && l.status !== "reviewed")
    .map((l) => l.name);
  const press = selection.bleed
    ? "<p><strong>These files are for a print shop:</strong> each has 3 mm bleed and crop marks. Ask for them to be trimmed to the crop marks.</p>"
    : "<p>These files are for an office printer: everything stays at least 10 mm from the paper’s edge.</p>";
  return `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<title>How to print these</title>
<style>
@page { size: A4; margin: 15mm; }
body { font-family: system-ui, Arial, sans-serif; font-size: 11pt; line-height: 1.4; color: #000; max-width: 180mm; margin: 0 auto; }
h1 { font-size: 18pt; margin: 0 0 6pt; }
table { border-collapse: collapse; width: 100%; margin: 8pt 0; }
th, td { border: 1px solid #555; padding: 4pt 6pt; text-align: left; vertical-align: top; }
thead th { background: #eee; }
code { font-size: 9pt; word-break: break-all; }
</style>
</head>
<body>
<h1>How to print these</h1>
<p>Made on ${esc(today)} for the ${esc(selection.nation.replace("-", " "))} edition.</p>
<ul>
<li><strong>Print at actual size (100%)</strong>, not “fit to page”, so that the margins and cut guides land where they should.</li>
<li>Double-sided products say in their footer which edge to flip on; your printer’s dialogue calls it “flip on long edge” or “flip on short edge”.</li>
<li>Print one copy first and check it before printing many.</li>
</ul>
${press}
<table>
<thead><tr><th scope="col">Product</th><th scope="col">Paper</th><th scope="col">Sides</th><th scope="col">Then</th><th scope="col">Files</th></tr></thead>
<tbody>
${rows.join("\n")}
</tbody>
</table>
${drafts.length ? `<p><strong>Draft translations</strong> (${esc(drafts.join(", "))}) have not yet been checked by a native speaker: have them checked before printing many.</p>` : ""}
<p><code>manifest.json</code> lists every file with its size and SHA-256 checksum; <code>org.toml</code> holds your details for next time (the page’s “Load details” or <code>cse-pack build --org org.toml</code>).</p>
</body>
</html>
`;
}

const PAPER = [
  ["A1", 594, 841], ["A2", 420, 594], ["A3", 297, 420], ["A4", 210, 297], ["A5", 148, 210],
  ["US Letter", 216, 279], ["US Tabloid", 279, 432],
];

function paper(p) {
  const [w, h] = [Math.min(p.width_mm, p.height_mm), Math.max(p.width_mm, p.height_mm)];
  const named = PAPER.find(([, pw, ph]) => Math.abs(pw - w) < 2 && Math.abs(ph - h) < 2);
  const size = named ? named[0] : `${Math.round(p.width_mm)} × ${Math.round(p.height_mm)} mm`;
  const turn = p.width_mm > p.height_mm ? "landscape" : "portrait";
  return `${size}, ${turn}`;
}

function sides(p) {
  if (p.sides < 2) return "One side";
  const edge = p.print_note === "print.duplex-short-edge" ? "short" : "long";
  return `Double-sided, flipping on the ${edge} edge`;
}

function finish(p) {
  if (p.imposed) return "Cut along the guides into separate cards.";
  if (p.panels_per_side >= 3) return "Fold in three along the panel edges so the cover is on the front (the narrower flap folds in first).";
  if (p.panels_per_side === 2) return "Fold in half along the middle: page 1 is the cover.";
  return p.family === "poster" ? "Nothing: put it up at eye level." : "Nothing to fold.";
}
