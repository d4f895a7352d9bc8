// The core in a Web Worker, so the page stays responsive while it lays out
// and renders. Messages: { id, op, ...fields, images: { name: ArrayBuffer } }
// in; { id, answer, pdfs: [ArrayBuffer] } (or { id, error }) out.
//
// The first worker compiles `core.wasm` and hands the compiled module to the
// page ({ id: 0, module }); a helper (named `helper`, for the ZIP) waits
// for that module ({ module }) instead of fetching and compiling its own, so
// it takes no time from the first preview and makes no request later.
import { Core } from "./js/core.js";

// By name, not by URL: a service worker's cached copy has the URL without a query.
const helper = self.name === "helper";
let given;
const module = helper
  ? new Promise((resolve) => (given = resolve))
  : Core.compile(new URL("./core.wasm", import.meta.url)).then((m) => {
      self.postMessage({
        id: 0,
        module: m,
        startedAt: performance.timeOrigin,
        loadedAt: performance.timeOrigin + performance.now(),
      });
      return m;
    });
const ready = module.then((m) => Core.instantiate(m));

self.onmessage = async (event) => {
  if (event.data.module) {
    given(event.data.module);
    return;
  }
  const { id, images = {}, ...request } = event.data;
  try {
    const core = await ready;
    const blobs = [];
    const refs = {};
    let at = 0;
    for (const [name, buffer] of Object.entries(images)) {
      const bytes = new Uint8Array(buffer);
      refs[name] = { at, len: bytes.length };
      blobs.push(bytes);
      at += bytes.length;
    }
    if (request.op === "build") request.images = refs;
    const started = performance.now();
    const { answer, data } = core.call(request, blobs);
    const ms = performance.now() - started;
    const pdfs = answer.documents.map((d) => data.slice(d.at, d.at + d.len).buffer);
    self.postMessage({ id, answer, pdfs, ms }, pdfs);
  } catch (e) {
    self.postMessage({ id, error: String(e && e.stack ? e.stack : e) });
  }
};
