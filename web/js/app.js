// The page: the form's values become `org.toml`, the core (in a worker)
// builds the chosen product from it, pdf.js draws the real PDF. Problems come
// back from the core with the `org.toml` key they concern and are shown
// beside that field. Nothing leaves the page: every file it needs is fetched
// while it loads, and downloads are made here.
import { FIRST, core, helper, info, startHelper, takeFirst, today } from "./boot.js";
import { AA, contrastWithWhite, nearestPassing, parseHex, toHex } from "./contrast.js";
import { KEYS, flatten, writeToml } from "./orgtoml.js";
import { Preview } from "./preview.js";
import { downloadZip, zipName } from "./pack.js";

const $ = (sel, root = document) => root.querySelector(sel);
const $$ = (sel, root = document) => [...root.querySelectorAll(sel)];

const STORAGE_KEY = "cse-pack.details";
const TITLES = {
  school: ["Designated Safeguarding Lead", "Deputy Safeguarding Lead"],
  "gp-practice": ["Safeguarding Lead", "Deputy Safeguarding Lead"],
  charity: ["Designated Safeguarding Officer", "Deputy Designated Safeguarding Officer"],
};
const IMAGE_KEYS = ["logo", "dsl.photo", "deputy-dsl.photo"];

const state = {
  info: null,
  /** `org.toml` key → { name, bytes: Uint8Array, url } */
  images: {},
  langs: new Set(["en"]),
  products: new Set(["poster-a4"]),
  lastAnswer: null,
  /** True once the user has typed or loaded anything: then the org is built. */
  personal: false,
};

const preview = new Preview($("#pages"));

// ---- the form's values ----------------------------------------------------

function values() {
  const v = {};
  for (const el of $$("[data-key]")) v[el.dataset.key] = el.value;
  if (v.kind === "school") delete v.kind; // the default: the file need not say it
  for (const key of IMAGE_KEYS) if (state.images[key]) v[key] = state.images[key].name;
  return v;
}

function setValues(v) {
  for (const el of $$("[data-key]")) {
    el.value = v[el.dataset.key] ?? (el.dataset.key === "kind" ? "school" : "");
  }
  syncBrand();
  syncKind();
}

function orgToml() {
  return writeToml(values(), { today });
}

/** Image bytes by the name `org.toml` gives them. */
function imageBytes() {
  const out = {};
  for (const img of Object.values(state.images)) out[img.name] = img.bytes;
  return out;
}

function selection() {
  return {
    // Before the choices are filled in, the first preview's.
    nation: $("#f-nation").value || FIRST.nation,
    bleed: $('input[name="mode"]:checked').value === "press",
  };
}

// ---- the preview ---------------------------------------------------------

let building = false;
let dirty = false;
let timer = 0;
let firstShown = null;
const firstPreview = new Promise((resolve) => (firstShown = resolve));

/** Build again soon; a build already running is followed by one more. */
function schedule() {
  clearTimeout(timer);
  timer = setTimeout(run, 30);
}

async function run() {
  if (building) {
    dirty = true;
    return;
  }
  building = true;
  dirty = false;
  const started = performance.now();
  try {
    const product = $("#f-show-product").value || FIRST.products[0];
    const lang = $("#f-show-lang").value || FIRST.langs[0];
    const request = {
      op: "build",
      today,
      org_toml: state.personal ? orgToml() : null,
      langs: [lang],
      products: [product],
      ...selection(),
    };
    const images = state.personal ? imageBytes() : {};
    const { answer, pdfs, ms } = await (takeFirst(request, images) ?? core.request(request, images));
    document.body.dataset.coreMs = String(Math.round(ms));
    if (!document.body.dataset.previews) performance.mark("cse-first-build", { detail: { coreMs: ms } });
    state.lastAnswer = answer;
    showProblems(answer.diagnostics);
    if (answer.ok && pdfs.length) {
      const doc = answer.documents[0];
      state.shown = { doc, bytes: new Uint8Array(pdfs[0]) };
      await preview.show(state.shown.bytes, describe(doc));
      // For the benchmark (web/bench/run.mjs): when each preview was drawn.
      document.body.dataset.previewAt = String(performance.now());
      document.body.dataset.previewMs = String(Math.round(performance.now() - started));
      document.body.dataset.previews = String(Number(document.body.dataset.previews || 0) + 1);
      document.body.dataset.previewSha = doc.sha256;
      document.body.dataset.previewOf = `${doc.lang} ${doc.product}`;
      setStatus(`Preview of the ${productName(doc.product)} in ${langName(doc.lang)} is up to date.`);
      firstShown();
    } else {
      preview.stale();
      const n = answer.diagnostics.filter((d) => d.severity === "error").length;
      setStatus(`The preview is not up to date: ${n} problem${n === 1 ? "" : "s"} to fix.`, true);
    }
  } catch (e) {
    setStatus(`Something went wrong making the PDF: ${e.message}. Please report this as a bug.`, true);
  } finally {
    building = false;
    if (dirty) run();
  }
}

function describe(doc) {
  return `Preview of the ${productName(doc.product)} in ${langName(doc.lang)}, ${doc.pages} page${doc.pages === 1 ? "" : "s"}`;
}

function productName(id) {
  return state.info?.products.find((p) => p.id === id)?.name ?? id;
}

function langName(code) {
  return code
    .split("+")
    .map((c) => state.info?.languages.find((l) => l.code === c)?.name ?? c)
    .join(" and ");
}

// ---- problems beside their fields -----------------------------------------

let announced = "";

/** Text with `code` in backticks, as the core writes names, made safe as DOM nodes. */
function rich(text) {
  const frag = document.createDocumentFragment();
  text.split("`").forEach((part, i) => {
    const named = i % 2 ? plainName(part) : null;
    if (named) {
      const b = document.createElement("strong");
      b.textContent = named;
      frag.append(b);
    } else if (i % 2) {
      const c = document.createElement("code");
      c.textContent = part;
      frag.append(c);
    } else if (part) {
      frag.append(part);
    }
  });
  return frag;
}

/**
 * What the form calls a name the core gives in backticks (`deputy-dsl`,
 * `leaflet-a5`): a product's name, a field's label, or the heading of the
 * fields a table of `org.toml` fills; null for anything else (a value).
 */
function plainName(key) {
  const product = state.info?.products.find((p) => p.id === key);
  if (product) return product.name;
  const field = $(`[data-key="${CSS.escape(key)}"]`);
  if (field) return $(`label[for="${field.id}"]`)?.textContent ?? null;
  const first = $(`[data-key^="${CSS.escape(key)}."]`);
  if (!first) return null;
  const set = first.closest("fieldset");
  const all = set ? $$("[data-key]", set) : [];
  if (all.length && all.every((el) => el.dataset.key.startsWith(key + "."))) {
    return $("legend", set)?.textContent ?? null;
  }
  // `out-of-hours.name` is labelled "Out of hours (emergency duty team): name".
  return $(`label[for="${first.id}"]`)?.textContent.split(":")[0] ?? null;
}

/** The `.msg` beside a key's field: the key itself, else its table's first field. */
function slotFor(field) {
  if (!field) return null;
  return $(`.msg[data-for="${CSS.escape(field)}"]`) ?? $(`.msg[data-for^="${CSS.escape(field)}."]`);
}

function showProblems(diagnostics) {
  for (const m of $$(".msg[data-for]")) {
    if (m.id === "m-load") continue;
    m.textContent = "";
    m.className = "msg";
  }
  for (const el of $$("[aria-invalid]")) el.removeAttribute("aria-invalid");
  const list = $("#problems");
  list.textContent = "";
  if (!diagnostics.length) return announce("");
  const h = document.createElement("h3");
  const errors = diagnostics.filter((d) => d.severity === "error");
  h.textContent = errors.length
    ? `${errors.length} problem${errors.length === 1 ? "" : "s"} to fix`
    : `${diagnostics.length} thing${diagnostics.length === 1 ? "" : "s"} to know`;
  const ul = document.createElement("ul");
  for (const d of diagnostics) {
    const slot = slotFor(d.field);
    const li = document.createElement("li");
    li.className = d.severity;
    const label = d.severity === "error" ? "Problem: " : "Note: ";
    if (slot) {
      if (slot.textContent) slot.append(document.createElement("br"));
      slot.classList.add(d.severity === "error" ? "error" : "warning");
      slot.append(label, rich(d.message));
      if (d.hint) {
        const hint = document.createElement("span");
        hint.className = "hint-text";
        hint.append(rich(d.hint));
        slot.append(hint);
      }
      const input = $(`[aria-describedby~="${slot.id}"]`);
      if (input && d.severity === "error") input.setAttribute("aria-invalid", "true");
      const a = document.createElement("a");
      a.href = "#" + (input?.id ?? slot.id);
      a.append(rich(d.message));
      li.append(a);
    } else {
      li.append(rich(d.message));
      if (d.hint) li.append(" (", rich(d.hint), ")");
    }
    ul.append(li);
  }
  list.append(h, ul);
  announce(errors.length ? `${h.textContent}. ${errors[0].message.replaceAll("`", "")}` : "");
}

/** Tell a screen reader about errors once each time they change. */
function announce(text) {
  if (text === announced) return;
  announced = text;
  $("#alerts").textContent = text;
}

function setStatus(text, error = false) {
  const s = $("#status");
  s.textContent = text;
  s.classList.toggle("error", error);
}

// ---- brand colour, kind, images ------------------------------------------

function syncBrand() {
  const text = $("#f-brand");
  const out = $("#c-brand");
  const button = $("#b-shade");
  const rgb = parseHex(text.value);
  button.hidden = true;
  out.className = "contrast";
  if (!text.value.trim()) {
    out.textContent = "";
    return;
  }
  if (!rgb) {
    out.textContent = "Write it as # and six hex digits, e.g. #005EA5.";
    return;
  }
  $("#f-brand-pick").value = toHex(rgb).toLowerCase();
  const ratio = contrastWithWhite(rgb);
  if (ratio >= AA) {
    out.textContent = `Contrast with white text ${ratio.toFixed(1)}:1, passes (4.5:1 needed).`;
    out.classList.add("pass");
  } else {
    const shade = nearestPassing(rgb);
    out.textContent = `Contrast with white text ${ratio.toFixed(1)}:1, too low (4.5:1 needed).`;
    out.classList.add("fail");
    button.textContent = `Use ${toHex(shade)} instead (${contrastWithWhite(shade).toFixed(1)}:1)`;
    button.dataset.shade = toHex(shade);
    button.hidden = false;
  }
}

function syncKind() {
  const [lead, deputy] = TITLES[$("#f-kind").value] ?? TITLES.school;
  $("#l-dsl").textContent = lead;
  $("#l-deputy").textContent = deputy;
}

async function pickImage(key, file) {
  if (!file) return;
  const bytes = new Uint8Array(await file.arrayBuffer());
  setImage(key, file.name, bytes);
}

/** Keep `bytes` for `key` under a name no other image of the form has. */
function setImage(key, name, bytes) {
  const taken = Object.entries(state.images)
    .filter(([k]) => k !== key)
    .map(([, img]) => img.name);
  let unique = name;
  for (let n = 2; taken.includes(unique); n++) unique = name.replace(/(\.[^.]*)?$/, `-${n}$1`);
  clearImage(key, false);
  const url = URL.createObjectURL(new Blob([bytes]));
  state.images[key] = { name: unique, bytes, url };
  const img = $(`#i-${key.replace(".", "-")}`);
  img.src = url;
  img.alt = `Chosen: ${unique}`;
  img.hidden = false;
  $(`[data-clear="${key}"]`).hidden = false;
  changed();
}

function clearImage(key, rebuild = true) {
  const old = state.images[key];
  if (old) URL.revokeObjectURL(old.url);
  delete state.images[key];
  const img = $(`#i-${key.replace(".", "-")}`);
  img.hidden = true;
  img.removeAttribute("src");
  $(`[data-clear="${key}"]`).hidden = true;
  const input = $(`[data-image="${key}"]`);
  if (rebuild) {
    input.value = "";
    changed();
  }
}

// ---- choices --------------------------------------------------------------

function fillChoices(info) {
  const nation = $("#f-nation");
  for (const n of info.nations) {
    const o = new Option(n.replace("-", " ").replace(/\b\w/g, (c) => c.toUpperCase()), n);
    nation.append(o);
  }
  const langs = $("#langs");
  const pairs = info.bilingual.map((code) => ({
    code,
    name: `${langName(code)} together, ${langName(code.split("+")[0])} first`,
    native_name: "",
    status: code
      .split("+")
      .every((c) => info.languages.find((l) => l.code === c)?.status === "reviewed")
      ? "reviewed"
      : "draft",
  }));
  for (const l of [...info.languages, ...pairs]) {
    const label = document.createElement("label");
    label.className = "check";
    const box = Object.assign(document.createElement("input"), { type: "checkbox", value: l.code });
    box.checked = state.langs.has(l.code);
    box.dataset.lang = l.code;
    const text = document.createElement("span");
    text.textContent = l.name;
    if (l.native_name && l.native_name !== l.name) {
      const native = document.createElement("span");
      native.lang = l.code;
      native.textContent = l.native_name;
      if (l.rtl) native.dir = "rtl";
      native.className = "native";
      if (l.fonts?.[0]) native.dataset.font = l.fonts[0];
      text.append(" — ", native);
    }
    const badge = document.createElement("span");
    badge.className = `badge ${l.status}`;
    badge.textContent = l.status === "reviewed" ? "reviewed" : "draft, not yet reviewed";
    // In the name's line, so on a phone it wraps after the name as words do.
    text.append(" ", badge);
    label.append(box, text);
    langs.append(label);
  }
  const products = $("#products");
  for (const p of info.products) {
    const label = document.createElement("label");
    label.className = "check";
    const box = Object.assign(document.createElement("input"), { type: "checkbox", value: p.id });
    box.checked = state.products.has(p.id);
    box.dataset.product = p.id;
    const pic = document.createElement("span");
    pic.className = "product-pic";
    pic.dataset.pic = p.id;
    const shape = document.createElement("span");
    const scale = 36 / Math.max(p.width_mm, p.height_mm);
    shape.style.width = `${Math.max(4, p.width_mm * scale)}px`;
    shape.style.height = `${Math.max(4, p.height_mm * scale)}px`;
    shape.setAttribute("aria-hidden", "true");
    pic.append(shape);
    const text = document.createElement("span");
    text.textContent = `${p.name}, ${Math.round(p.width_mm)}\u00a0×\u00a0${Math.round(p.height_mm)}\u00a0mm`; // the size never split across lines
    label.append(box, pic, text);
    products.append(label);
  }
  syncShown();
}

/**
 * The languages' names in their own scripts, in the fonts the PDFs use:
 * the core hands over its own copies of the shipped Noto fonts (a system
 * may have none for Bengali, Gujarati or Gurmukhi), so nothing is fetched.
 */
async function nativeFonts() {
  const spans = $$(".native[data-font]").filter((s) => s.dataset.font !== "NotoSans");
  const families = [...new Set(spans.map((s) => s.dataset.font))];
  if (!families.length || typeof FontFace === "undefined") return;
  const { answer, fonts } = await core.request({ op: "fonts", families });
  if (!answer.ok) return;
  const css = new Map();
  await Promise.all(
    answer.fonts.map(async (f, i) => {
      const face = new FontFace(f.family, fonts[i]);
      document.fonts.add(await face.load());
      css.set(f.file.replace(/-Regular\.ttf$/, ""), f.family);
    }),
  );
  const base = getComputedStyle(document.body).fontFamily;
  for (const s of spans) {
    const family = css.get(s.dataset.font);
    if (family) s.style.fontFamily = `"${family}", ${base}`;
  }
}

/** The preview's product and language lists follow the choices above. */
function syncShown() {
  const info = state.info;
  const product = $("#f-show-product");
  const lang = $("#f-show-lang");
  const keepP = product.value;
  const keepL = lang.value;
  product.textContent = "";
  lang.textContent = "";
  const products = info.products.filter((p) => state.products.has(p.id));
  for (const p of products.length ? products : info.products) product.append(new Option(p.name, p.id));
  const family = info.products.find((p) => p.id === (keepP || product.value))?.family;
  const codes = [...info.languages.map((l) => l.code), ...info.bilingual].filter(
    (c) => state.langs.has(c) && (!c.includes("+") || family === "poster"),
  );
  for (const c of codes.length ? codes : ["en"]) lang.append(new Option(langName(c), c));
  if ([...product.options].some((o) => o.value === keepP)) product.value = keepP;
  if ([...lang.options].some((o) => o.value === keepL)) lang.value = keepL;
}

/** Every product in every chosen language, as `cse-pack build` would make them. */
function chosenJobs() {
  const langs = [...state.langs];
  const products = [...state.products];
  return { langs, products };
}

// ---- saving and loading ---------------------------------------------------

function save() {
  const blob = new Blob([orgToml()], { type: "application/toml" });
  offer(blob, "org.toml");
}

/** Hand `blob` to the browser as a download called `name`. */
function offer(blob, name) {
  const a = document.createElement("a");
  a.href = URL.createObjectURL(blob);
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
}

async function load(files) {
  const slot = $("#m-load");
  slot.textContent = "";
  slot.className = "msg";
  const toml = files.find((f) => f.name.endsWith(".toml"));
  const images = new Map(files.filter((f) => f !== toml).map((f) => [f.name, f]));
  if (!toml) {
    slot.classList.add("error");
    slot.textContent = "Choose an org.toml file (and the images it names, if any).";
    return;
  }
  const text = await toml.text();
  const { answer } = await core.request({ op: "parse", org_toml: text });
  if (!answer.ok) {
    slot.classList.add("error");
    const d = answer.diagnostics[0];
    slot.append(`Problem in ${toml.name}${d.line ? ` at line ${d.line}` : ""}: `, rich(d.message));
    announce(`Problem loading ${toml.name}: ${d.message.replaceAll("`", "")}`);
    return;
  }
  const v = flatten(answer.org);
  for (const key of IMAGE_KEYS) clearImage(key, false);
  setValues(v);
  const missing = [];
  for (const key of IMAGE_KEYS) {
    if (!v[key]) continue;
    const base = v[key].split(/[\\/]/).pop();
    const file = images.get(base);
    if (file) {
      setImage(key, v[key], new Uint8Array(await file.arrayBuffer()));
    } else {
      // Kept by name: the core says which image to choose again.
      state.images[key] = { name: v[key], bytes: new Uint8Array(), url: "" };
      missing.push(v[key]);
    }
  }
  for (const key of IMAGE_KEYS) if (state.images[key] && !state.images[key].bytes.length) delete state.images[key];
  slot.classList.add(missing.length ? "warning" : "ok");
  slot.textContent = missing.length
    ? `Loaded ${toml.name}. It names ${missing.join(", ")}: choose ${missing.length === 1 ? "that image" : "those images"} too (you can choose several files at once).`
    : `Loaded ${toml.name}.`;
  state.personal = true;
  changed();
}

function remember() {
  if (!$("#f-remember").checked) return;
  const images = {};
  for (const [k, img] of Object.entries(state.images)) {
    images[k] = { name: img.name, data: btoa(String.fromCharCode(...img.bytes)) };
  }
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify({ toml: orgToml(), images }));
  } catch {
    // A full or disabled storage: the details simply are not remembered.
  }
}

async function restore() {
  let saved;
  try {
    saved = JSON.parse(localStorage.getItem(STORAGE_KEY) || "null");
  } catch {
    saved = null;
  }
  if (!saved) return;
  $("#f-remember").checked = true;
  const { answer } = await core.request({ op: "parse", org_toml: saved.toml });
  if (!answer.ok) return;
  setValues(flatten(answer.org));
  for (const [k, img] of Object.entries(saved.images || {})) {
    const bytes = Uint8Array.from(atob(img.data), (c) => c.charCodeAt(0));
    setImage(k, img.name, bytes);
  }
  state.personal = true;
  return true;
}

// ---- wiring --------------------------------------------------------------

function changed() {
  document.body.dataset.inputAt = String(performance.now());
  state.personal = true;
  remember();
  schedule();
}

function wire() {
  for (const el of $$("[data-key]")) el.addEventListener("input", changed);
  $("#f-kind").addEventListener("change", () => {
    syncKind();
    changed();
  });
  $("#f-brand").addEventListener("input", syncBrand);
  $("#f-brand-pick").addEventListener("input", (e) => {
    $("#f-brand").value = e.target.value.toUpperCase();
    syncBrand();
    changed();
  });
  $("#b-shade").addEventListener("click", (e) => {
    $("#f-brand").value = e.target.dataset.shade;
    syncBrand();
    changed();
    $("#f-brand").focus();
  });
  for (const input of $$("[data-image]")) {
    input.addEventListener("change", () => pickImage(input.dataset.image, input.files[0]));
  }
  for (const b of $$("[data-clear]")) {
    b.addEventListener("click", () => {
      clearImage(b.dataset.clear);
      $(`[data-image="${b.dataset.clear}"]`).focus();
    });
  }
  $("#langs").addEventListener("change", (e) => {
    const code = e.target.dataset.lang;
    if (e.target.checked) state.langs.add(code);
    else state.langs.delete(code);
    syncShown();
    if (e.target.checked) $("#f-show-lang").value = code;
    syncShown();
    schedule();
  });
  $("#products").addEventListener("change", (e) => {
    const id = e.target.dataset.product;
    if (e.target.checked) state.products.add(id);
    else state.products.delete(id);
    if (e.target.checked) $("#f-show-product").value = id;
    syncShown();
    if (e.target.checked) $("#f-show-product").value = id;
    schedule();
  });
  $("#f-show-product").addEventListener("change", () => {
    syncShown();
    schedule();
  });
  $("#f-show-lang").addEventListener("change", schedule);
  $("#f-nation").addEventListener("change", schedule);
  for (const r of $$('input[name="mode"]')) r.addEventListener("change", schedule);
  $("#f-remember").addEventListener("change", (e) => {
    if (e.target.checked) remember();
    else localStorage.removeItem(STORAGE_KEY);
  });
  $("#b-save").addEventListener("click", save);
  $("#f-load").addEventListener("change", (e) => {
    load([...e.target.files]);
    e.target.value = "";
  });
  $("#b-pdf").addEventListener("click", () => {
    if (!state.shown || !state.lastAnswer?.ok) {
      setStatus("Fix the problems shown first: the PDF is made from what the preview shows.", true);
      return;
    }
    const d = state.shown.doc;
    offer(new Blob([state.shown.bytes], { type: "application/pdf" }), zipName(d));
  });
  $("#b-zip").addEventListener("click", () =>
    downloadZip({
      cores: [core, helper],
      today,
      orgToml: state.personal ? orgToml() : null,
      images: state.personal ? imageBytes() : {},
      jobs: chosenJobs(),
      selection: selection(),
      info: state.info,
      status: $("#zip-status"),
      button: $("#b-zip"),
      offer,
      showProblems,
    }),
  );
  $("#form").addEventListener("submit", (e) => e.preventDefault());
}

// ---- start ---------------------------------------------------------------

async function start() {
  wire();
  syncKind();
  const started = performance.now();
  // The first preview (the form's defaults) is drawn as soon as it is made,
  // while the other worker lists the choices.
  run();
  const { answer, ms } = await info;
  // Where the first preview's time goes (web/bench/run.mjs prints these).
  performance.mark("cse-info", { detail: { coreMs: ms } });
  if (!answer.ok) {
    showProblems(answer.diagnostics);
    setStatus("The content could not be loaded; see the problems listed.", true);
    return;
  }
  state.info = answer.info;
  fillChoices(answer.info);
  // The status names the product and language once their names are known.
  if (state.shown && !building) setStatus(`Preview of the ${productName(state.shown.doc.product)} in ${langName(state.shown.doc.lang)} is up to date.`);
  if (await restore()) schedule();
  await firstPreview;
  startHelper();
  document.body.dataset.firstPreviewMs = String(Math.round(performance.now() - started));
  // Offline from the next visit on: the service worker caches the page's
  // files. Registered after the first preview so its downloads do not slow it.
  if ("serviceWorker" in navigator && location.protocol !== "file:") {
    navigator.serviceWorker.register("sw.js").catch(() => {});
    if (navigator.serviceWorker.controller === null) {
      await Promise.race([navigator.serviceWorker.ready, new Promise((r) => setTimeout(r, 5000))]);
    }
  }
  await nativeFonts();
  await preview.thumbnails(core, today, answer.info.products);
  document.body.dataset.ready = "true";
}

start().catch((e) => setStatus(`The page could not start: ${e.message}`, true));
