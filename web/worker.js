// The core in a Web Worker, so the page stays responsive while it lays out
// and renders. Messages: { id, op, ...fields, images: { name: ArrayBuffer } }
// in; { id, answer, pdfs: [ArrayBuffer] } (or { id, error }) out.
import { Core } from "./js/core.js";

const ready = Core.load(new URL("./core.wasm", import.meta.url));

self.onmessage = async (event) => {
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
