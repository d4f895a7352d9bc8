// Everything the first preview needs, started before the rest of the page
// has loaded, all at once: the core's module compiles here (its download
// began with the page: `<link rel=preload>` in index.html) while the core's
// worker and pdf.js's worker start, and the first preview's request is
// already waiting in the worker for the module.
import { CoreClient } from "./client.js";
import { Core } from "./core.js";

performance.mark("cse-boot");

/** Today as YYYY-MM-DD (local time), or `?today=` to check against another date. */
export const today = (() => {
  const asked = new URLSearchParams(location.search).get("today");
  if (asked && /^\d{4}-\d{2}-\d{2}$/.test(asked)) return asked;
  const d = new Date();
  const p = (n) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
})();

/** The core, compiled once and shared by both workers. */
export const compiled = Core.compile(new URL("../core.wasm", import.meta.url));

/**
 * pdf.js's worker, started now rather than when pdf.js itself (a bigger
 * download) has loaded and asks for it.
 */
export const pdfWorker = new Worker(new URL("../vendor/pdf.worker.min.mjs", import.meta.url), {
  type: "module",
  name: "pdf.js",
});

const WORKER = new URL("../worker.js", import.meta.url);
/** The core that makes every preview. */
export const core = new CoreClient(WORKER);
/**
 * A second core for the ZIP (two processor cores, two workers), started
 * with the page so nothing is fetched later; it is given the module once
 * the first preview is drawn (`startHelper`), so it takes no time from it.
 */
export const helper = new CoreClient(WORKER, "helper");

compiled.then(
  (module) => {
    // Where the first preview's time goes (web/bench/run.mjs prints these).
    performance.mark("cse-wasm-ready");
    core.giveModule(module);
  },
  (e) => {
    core.fail(e);
    helper.fail(e);
  },
);

/** Let the helper instantiate the core. */
export function startHelper() {
  compiled.then((module) => helper.giveModule(module));
}

/**
 * The page's first preview before anyone has typed: the form's defaults.
 * Made first: loading the content is most of its time, and the list of
 * choices (asked next, from the same loaded content) then takes little.
 */
export const FIRST = { today, org_toml: null, langs: ["en"], products: ["poster-a4"], nation: "england", bleed: false };
let first = core.request({ op: "build", ...FIRST });

/** What there is to choose from. */
export const info = core.request({ op: "info", today });

/**
 * The answer made ahead for `request`, if it is the first preview's (once
 * only; later requests go to the core as they come).
 */
export function takeFirst(request, images) {
  const same =
    first &&
    request.op === "build" &&
    !Object.keys(images).length &&
    Object.keys(FIRST).every((k) => JSON.stringify(request[k]) === JSON.stringify(FIRST[k])) &&
    Object.keys(request).length === Object.keys(FIRST).length + 1;
  const answer = same ? first : null;
  first = null;
  return answer;
}
