// The HTML twins in headless Chromium: axe-core's WCAG 2.2 AA and best
// practice rules, and whether the page's embedded fonts loaded.
//
//   node tests/html/axe.mjs DIST LANG…   (playwright-core and axe-core from
//                                        web/node_modules; CHROMIUM names the browser)
// Prints one JSON line per page: {lang, violations, fonts}.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "../../web/node_modules/playwright-core/index.mjs";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const [dist, ...langs] = process.argv.slice(2);
const axe = readFileSync(join(ROOT, "web/node_modules/axe-core/axe.min.js"), "utf8");
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: ["--no-sandbox"],
});
try {
  for (const lang of langs) {
    for (const width of [1280, 390]) {
      const page = await browser.newPage({ viewport: { width, height: 900 } });
      await page.goto(`file://${join(dist, lang, "leaflet-a5.html")}`);
      await page.evaluate(() => document.fonts.ready);
      await page.evaluate(axe);
      const result = await page.evaluate(() =>
        window.axe.run(document, {
          runOnly: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"],
        }),
      );
      const violations = result.violations.map(
        (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`,
      );
      // Each embedded face, and whether the browser loaded it.
      const fonts = await page.evaluate(() =>
        [...document.fonts].map((f) => ({ family: f.family.replaceAll('"', ""), status: f.status })),
      );
      // Anything wider than the window (text that would be cut off on a phone).
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      console.log(JSON.stringify({ lang, width, violations, fonts, overflow }));
      await page.close();
    }
  }
} finally {
  await browser.close();
}
