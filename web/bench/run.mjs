// The page's benchmark (not a test): transfer size, first preview, preview
// after a keystroke, and the ZIP of every product in every language.
//   web/build.sh && node web/bench/run.mjs
import { brotliCompressSync, constants } from "node:zlib";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { serve } from "../serve.mjs";

const WEB = fileURLToPath(new URL("..", import.meta.url));
const EDITS = Number(process.env.EDITS ?? 20);
const { server, url } = await serve({ dir: join(WEB, "dist") });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: ["--no-sandbox"],
});

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

try {
  // A cold load: a new context has an empty cache and no service worker.
  const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const bodies = new Map();
  page.on("response", async (r) => {
    if (!r.url().startsWith("http")) return;
    try {
      bodies.set(new URL(r.url()).pathname, await r.body());
    } catch {
      // A redirect or a response without a body.
    }
  });
  await page.goto(`${url}?today=2026-12-01`);
  await page.waitForFunction(() => document.body.dataset.previewAt, null, { timeout: 60_000 });
  const firstPreview = Number(await page.evaluate(() => document.body.dataset.previewAt));
  await page.waitForSelector("body[data-ready=true]", { timeout: 60_000 });
  const marks = await page.evaluate(() =>
    performance.getEntriesByType("mark").map((m) => `${m.name} at ${m.startTime.toFixed(0)} ms${m.detail?.coreMs ? ` (core ${m.detail.coreMs.toFixed(0)} ms)` : ""}`),
  );

  let raw = 0;
  let brotli = 0;
  const rows = [];
  for (const [path, body] of bodies) {
    const b = brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
    raw += body.length;
    brotli += b;
    rows.push([path, body.length, b]);
  }

  // Preview after the last keystroke, an A4 poster with a school's details.
  await page.getByLabel("Name of your organisation").fill("St Aidan's Primary School");
  await page.getByLabel("Logo").setInputFiles(join(WEB, "..", "tests", "fixtures", "org", "logo.png"));
  const lead = page.locator("#f-dsl-name");
  await lead.fill("Mrs Amira Okafor");
  await page.locator("#f-dsl-phone").fill("01632 960123");
  await page.waitForTimeout(1000);
  const latencies = [];
  const coreTimes = [];
  for (let i = 0; i < EDITS; i++) {
    const n = await page.evaluate(() => Number(document.body.dataset.previews));
    await lead.press(i % 2 ? "Backspace" : "x");
    await page.waitForFunction((k) => Number(document.body.dataset.previews) > k, n);
    await page.waitForTimeout(100); // let a coalesced second build finish
    const [at, input, coreMs] = await page.evaluate(() =>
      [document.body.dataset.previewAt, document.body.dataset.inputAt, document.body.dataset.coreMs].map(Number),
    );
    latencies.push(at - input);
    coreTimes.push(coreMs);
  }

  // Every product in every language, one organisation, as one ZIP.
  if (process.env.SKIP_ZIP) {
    console.log(`first preview (cold): ${firstPreview.toFixed(0)} ms; ${marks.join("; ")}`);
    console.log(`preview after a keystroke: median ${median(latencies).toFixed(0)} ms, core ${median(coreTimes).toFixed(0)} ms`);
    process.exit(0);
  }
  for (const box of await page.locator("#langs input, #products input").all()) await box.check();
  const started = Date.now();
  const [download] = await Promise.all([
    page.waitForEvent("download", { timeout: 120_000 }),
    page.getByRole("button", { name: /Download all chosen/ }).click(),
  ]);
  const zipMs = Date.now() - started;
  const count = await page.locator("#zip-status").innerText();

  console.log("file                                   raw KB   brotli KB");
  for (const [p, r, b] of rows.sort((a, b) => b[2] - a[2])) {
    console.log(`${p.padEnd(38)} ${(r / 1024).toFixed(0).padStart(7)} ${(b / 1024).toFixed(0).padStart(10)}`);
  }
  console.log(`transfer: ${(raw / 1048576).toFixed(2)} MB raw, ${(brotli / 1048576).toFixed(2)} MB brotli`);
  console.log(`first preview after opening the page (cold): ${firstPreview.toFixed(0)} ms`);
  console.log(`  ${marks.join("; ")}`);
  console.log(
    `preview after a keystroke, A4 poster: median ${median(latencies).toFixed(0)} ms over ${EDITS} edits (min ${Math.min(...latencies).toFixed(0)}, max ${Math.max(...latencies).toFixed(0)})`,
  );
  console.log(`  of which the core's layout and PDF (in the worker): median ${median(coreTimes).toFixed(0)} ms`);
  console.log(`ZIP of every product in every language: ${(zipMs / 1000).toFixed(1)} s (${count}; file ${download.suggestedFilename()})`);
} finally {
  await browser.close();
  server.close();
}
