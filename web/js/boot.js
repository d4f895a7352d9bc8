// The core's workers, started before the rest of the page (pdf.js is a much
// bigger download than this), with the first requests already on their way:
// the core compiles, loads the content and makes the first preview's PDF
// while the page is still loading and filling in its choices.
import { CoreClient } from "./client.js";

/** Today as YYYY-MM-DD (local time), or `?today=` to check against another date. */
export const today = (() => {
  const asked = new URLSearchParams(location.search).get("today");
  if (asked && /^\d{4}-\d{2}-\d{2}$/.test(asked)) return asked;
  const d = new Date();
  const p = (n) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
})();

const WORKER = new URL("../worker.js", import.meta.url);
export const core = new CoreClient(WORKER);
/**
 * A second core for the ZIP (two cores, two workers), started with the page
 * so nothing is fetched later; it is given the first one's compiled module
 * once the first preview is drawn.
 */
export const helper = new CoreClient(WORKER, "helper");
/** The module the first worker compiled, for the helper. */
export const compiled = new Promise((resolve) => (core.onModule = resolve));

/** What there is to choose from. */
export const info = core.request({ op: "info", today });

/** The page's first preview before anyone has typed: the form's defaults. */
const FIRST = { today, org_toml: null, langs: ["en"], products: ["poster-a4"], nation: "england", bleed: false };
let first = core.request({ op: "build", ...FIRST });

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
