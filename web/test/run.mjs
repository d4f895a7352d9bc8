// Browser tests of the page, as a safeguarding lead would use it: headless
// Chromium driven by playwright-core, fields found by their labels, axe-core
// for accessibility, pdftotext for what the PDFs say.
//
//   node web/test/run.mjs      (after web/build.sh; CSE_PACK_BIN=path/to/cse-pack
//                               adds the byte-for-byte comparison with the CLI)
// Screenshots go to web/test/out/ (SHOTS=1 to take them).
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, mkdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { serve } from "../serve.mjs";
import { readZip } from "./zipread.mjs";

const WEB = fileURLToPath(new URL("..", import.meta.url));
const ROOT = join(WEB, "..");
const FIXTURES = join(ROOT, "tests", "fixtures");
const TODAY = "2026-12-01";
const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";
const SHOTS = process.env.SHOTS === "1";
const tmp = mkdtempSync(join(tmpdir(), "cse-pack-web-"));

let browser, server, url, context, page;
/** Every request the page made after it said it was ready. */
let late = [];
let ready = false;
const early = [];
/** Script errors in the page or its workers. */
const pageErrors = [];

async function download(click) {
  const [d] = await Promise.all([page.waitForEvent("download"), click()]);
  const path = join(tmp, d.suggestedFilename());
  await d.saveAs(path);
  return { name: d.suggestedFilename(), path, bytes: readFileSync(path) };
}

function pdftotext(path) {
  return execFileSync("pdftotext", ["-layout", path, "-"], { encoding: "utf8" });
}

/** Wait until the preview shows `product` in `lang`, with no error showing. */
async function previewOf(lang, product) {
  await page.waitForFunction(
    (of) => document.body.dataset.previewOf === of && !document.querySelector("#status.error"),
    `${lang} ${product}`,
    { timeout: 30_000 },
  );
}

async function axe() {
  // Evaluated, not added as a script tag: the page's CSP allows no inline script.
  await page.evaluate(readFileSync(join(WEB, "node_modules", "axe-core", "axe.min.js"), "utf8"));
  const result = await page.evaluate(() => window.axe.run(document, { runOnly: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"] }));
  return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
}

async function shot(name, width) {
  if (!SHOTS) return;
  mkdirSync(join(WEB, "test", "out"), { recursive: true });
  await page.setViewportSize({ width, height: 900 });
  await page.waitForTimeout(300);
  await page.screenshot({ path: join(WEB, "test", "out", `${name}-${width}.png`), fullPage: true });
  // The whole page is too tall to read at a glance on a phone: tiles too.
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  for (let y = 0, i = 0; width < 800 && y < height; y += 1200, i++) {
    const clip = { x: 0, y, width, height: Math.min(1200, height - y) };
    await page.screenshot({ path: join(WEB, "test", "out", `${name}-${width}-${i}.png`), fullPage: true, clip });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

before(async () => {
  ({ server, url } = await serve({ dir: join(WEB, "dist") }));
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox"] });
  context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1280, height: 900 } });
  context.on("request", (r) => {
    if (r.url().startsWith("blob:") || r.url().startsWith("data:")) return;
    (ready ? late : early).push(r.url());
  });
  page = await context.newPage();
  page.on("pageerror", (e) => pageErrors.push(String(e)));
  await page.goto(`${url}?today=${TODAY}`);
  await page.waitForSelector("body[data-ready=true]", { timeout: 60_000 });
  ready = true;
});

after(async () => {
  await browser?.close();
  server?.close();
  rmSync(tmp, { recursive: true, force: true });
});

describe("the page", { concurrency: 1 }, () => {
  test("loads only its own files, and shows a poster", async () => {
    const origin = new URL(url).origin;
    const foreign = early.filter((u) => new URL(u).origin !== origin);
    assert.deepEqual(foreign, [], "requests to other hosts while loading");
    assert.ok(await page.locator("#pages canvas").count(), "a page of the PDF is drawn");
    await shot("empty", 1280);
  });

  test("every language's name is readable, in the font its PDFs use", async () => {
    const names = await page.evaluate(() =>
      [...document.querySelectorAll("#langs .native")].map((s) => ({
        text: s.textContent,
        font: getComputedStyle(s).fontFamily,
        wanted: s.dataset.font,
      })),
    );
    assert.ok(names.some((n) => n.text === "বাংলা"), "Bengali's own name is listed");
    for (const n of names.filter((n) => n.wanted !== "NotoSans")) {
      const family = n.wanted.replace(/(?<=.)([A-Z])/g, " $1");
      assert.ok(n.font.startsWith(`"${family}"`), `${n.text} is set in ${family}, not ${n.font}`);
      // Loaded (from the core's own copy, not fetched), and covering the name.
      const loaded = await page.evaluate(
        ([f, text]) => [...document.fonts].some((face) => face.family === f && face.status === "loaded") && document.fonts.check(`16px "${f}"`, text),
        [family, n.text],
      );
      assert.ok(loaded, `${family} is loaded for ${n.text}`);
    }
  });

  test("a school with a logo: the preview follows, the A4 poster carries the lead's name and number", async () => {
    const before = await page.evaluate(() => document.body.dataset.previewSha);
    await page.getByLabel("Name of your organisation").fill("St Aidan's Primary School");
    await page.getByLabel("What sort of organisation").selectOption("school");
    await page.getByLabel("Logo").setInputFiles(join(FIXTURES, "org", "logo.png"));
    await page.getByLabel("Web page with more information").fill("https://www.st-aidans.example.org.uk/safeguarding");
    const lead = page.getByRole("group", { name: "Designated Safeguarding Lead" });
    await lead.getByLabel("Name", { exact: true }).fill("Mrs Amira Okafor");
    await lead.getByLabel("Phone number").fill("01632 960123");
    await lead.getByLabel("E-mail address").fill("dsl@st-aidans.example.org.uk");
    await lead.getByLabel("Where to find them").fill("Main office, by reception");
    const deputy = page.getByRole("group", { name: "Deputy Safeguarding Lead" });
    await deputy.getByLabel("Name", { exact: true }).fill("Mr Daniel Hughes");
    await deputy.getByLabel("Phone number").fill("01632 960124");
    await page.getByLabel("Children's services (or MASH): name").fill("Children's Front Door");
    await page.getByLabel("Children's services: phone number").fill("01632 960200");
    await page.getByLabel("Out of hours: phone number").fill("01632 960201");
    await page.waitForFunction(
      (sha) => document.body.dataset.previewSha !== sha && !document.querySelector(".msg.error"),
      before,
      { timeout: 30_000 },
    );
    const after = await page.evaluate(() => document.body.dataset.previewSha);
    assert.notEqual(after, before, "the preview changed");
    const pdf = await download(() => page.getByRole("button", { name: "Download this PDF" }).click());
    assert.equal(pdf.name, "st-aidans-primary-school_en_poster-a4.pdf");
    assert.equal(pdf.bytes.subarray(0, 5).toString(), "%PDF-");
    const text = pdftotext(pdf.path);
    assert.match(text, /Amira Okafor/);
    assert.match(text, /01632 960123/);
    await shot("school", 1280);
    await shot("school", 390);
  });

  test("axe finds nothing wrong with the form filled in", async () => {
    assert.deepEqual(await axe(), []);
  });

  test("a brand colour that fails contrast: the message is beside the field", async () => {
    const field = page.getByLabel("Brand colour", { exact: true });
    await field.fill("#FFE600");
    await page.locator("#m-brand.error").waitFor({ timeout: 30_000 });
    const describedBy = await field.getAttribute("aria-describedby");
    assert.ok(describedBy.split(" ").includes("m-brand"), "the message describes the field");
    assert.match(await page.locator("#m-brand").innerText(), /below the 4\.5:1 that WCAG AA requires/);
    assert.equal(await field.getAttribute("aria-invalid"), "true");
    assert.match(await page.locator("#c-brand").innerText(), /too low/);
    // The live readout offers the shade the core's own hint names.
    const hinted = /passes is (#[0-9A-F]{6})/.exec(await page.locator("#m-brand").innerText())[1];
    assert.match(await page.locator("#b-shade").innerText(), new RegExp(`^Use ${hinted} `));
    assert.match(await page.locator("#alerts").innerText(), /problem/);
    assert.deepEqual(await axe(), [], "axe with an error showing");
    await shot("brand-error", 1280);
    await shot("brand-error", 390);
    await page.getByRole("button", { name: /^Use #/ }).click();
    await page.locator("#m-brand.error").waitFor({ state: "detached", timeout: 30_000 }).catch(() => {});
    await page.waitForFunction(() => !document.querySelector("#m-brand.error"), null, { timeout: 30_000 });
  });

  test("an Urdu leaflet", async () => {
    await page.getByRole("checkbox", { name: /^Urdu/ }).check();
    await page.getByRole("checkbox", { name: /^A5 leaflet/ }).check();
    await page.getByLabel("Product", { exact: true }).selectOption("leaflet-a5");
    await page.getByLabel("Language", { exact: true }).selectOption("ur");
    await previewOf("ur", "leaflet-a5");
    const pdf = await download(() => page.getByRole("button", { name: "Download this PDF" }).click());
    assert.equal(pdf.name, "st-aidans-primary-school_ur_leaflet-a5.pdf");
    const text = pdftotext(pdf.path);
    assert.match(text, /[\u0600-\u06FF]{3}/, "Urdu text");
    assert.match(text, /01632 960123/);
    await shot("urdu", 1280);
    await shot("urdu", 390);
  });

  test("the ZIP holds every chosen PDF, the manifest and the printing sheet", async () => {
    const zip = await download(() => page.getByRole("button", { name: /Download all chosen/ }).click());
    const files = readZip(zip.bytes);
    const names = [...files.keys()].sort();
    const pdfs = names.filter((n) => n.endsWith(".pdf"));
    assert.deepEqual(pdfs, [
      "st-aidans-primary-school_en_leaflet-a5.pdf",
      "st-aidans-primary-school_en_poster-a4.pdf",
      "st-aidans-primary-school_ur_leaflet-a5.pdf",
      "st-aidans-primary-school_ur_poster-a4.pdf",
    ]);
    const manifest = JSON.parse(files.get("manifest.json").toString());
    assert.deepEqual(manifest.files.map((f) => f.path), pdfs);
    for (const f of manifest.files) {
      const bytes = files.get(f.path);
      assert.equal(f.bytes, bytes.length);
      assert.equal(f.sha256, (await import("node:crypto")).createHash("sha256").update(bytes).digest("hex"));
      assert.equal(f.org, "st-aidans-primary-school");
    }
    const sheet = files.get("how-to-print.html").toString();
    assert.match(sheet, /How to print these/);
    assert.match(sheet, /flipping on the long edge/);
    assert.match(files.get("org.toml").toString(), /name = "St Aidan's Primary School"/);
  });

  test("saved details load back, and give the CLI's bytes", async () => {
    const saved = await download(() => page.getByRole("button", { name: "Save details (org.toml)" }).click());
    const toml = saved.bytes.toString();
    assert.match(toml, /\[dsl\]\nname = "Mrs Amira Okafor"/);
    const org = join(FIXTURES, "orgs", "oakwood-park-academy");
    await page.getByLabel("Product", { exact: true }).selectOption("poster-a4");
    await page.getByLabel("Language", { exact: true }).selectOption("en");
    await previewOf("en", "poster-a4");
    const shown = await page.evaluate(() => document.body.dataset.previewSha);
    await page.locator("#f-load").setInputFiles([join(org, "org.toml"), join(org, "logo.png"), join(org, "dsl.png")]);
    await page.waitForFunction(
      (sha) => document.body.dataset.previewSha !== sha && document.body.dataset.previewOf === "en poster-a4",
      shown,
      { timeout: 30_000 },
    );
    assert.equal(await page.getByLabel("Name of your organisation").inputValue(), "Oakwood Park Academy, part of the Northern Lights Multi-Academy Trust");
    assert.equal(await page.locator("#f-dsl-phone").inputValue(), "0113 496 0100");
    assert.match(await page.locator("#m-load").innerText(), /^Loaded org\.toml\.$/);
    const pdf = await download(() => page.getByRole("button", { name: "Download this PDF" }).click());
    assert.equal(pdf.name, "oakwood-park-academy-part-of-the-northern-lights-multi-academy-trust_en_poster-a4.pdf");
    const bin = process.env.CSE_PACK_BIN;
    if (!bin) {
      console.log("# skipped the comparison with the CLI: CSE_PACK_BIN is not set");
      return;
    }
    const out = join(tmp, "cli");
    execFileSync(bin, ["build", "--org", join(org, "org.toml"), "--product", "poster-a4", "--lang", "en", "--out", out], {
      env: { ...process.env, CSE_PACK_TODAY: TODAY, SOURCE_DATE_EPOCH: "" },
    });
    const cli = readFileSync(join(out, "en", "poster-a4.pdf"));
    assert.ok(cli.equals(pdf.bytes), `the page's PDF (${pdf.bytes.length} bytes) is the CLI's (${cli.length} bytes)`);
  });

  test("no request left the page after it loaded", async () => {
    assert.deepEqual(late, []);
  });

  test("once loaded, it works offline, and no script failed", async () => {
    await context.setOffline(true);
    try {
      await page.reload();
      await page.waitForSelector("body[data-ready=true]", { timeout: 60_000 });
      assert.ok(await page.locator("#pages canvas").count(), "a poster is drawn offline");
    } finally {
      await context.setOffline(false);
    }
    assert.deepEqual(pageErrors, []);
  });
});
