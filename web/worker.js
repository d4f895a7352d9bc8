// The core in a Web Worker, so the page stays responsive while it lays out
// and renders. Messages: { id, op, ...fields, images: { name: ArrayBuffer } }
// in; { id, answer, pdfs: [ArrayBuffer], fonts: [ArrayBuffer] } (or
// { id, error }) out.
//
// The page compiles `core.wasm` once and gives each worker the compiled
// module ({ module }); requests sent before it arrives wait for it. Once
// instantiated, the worker says when it started and when it was ready
// ({ id: 0, startedAt, readyAt }, for the benchmark).
import { Core } from "./js/core.js";

let given;
const ready = new Promise((resolve) => (given = resolve))
  .then((module) => Core.instantiate(module))
  .then((core) => {
    self.postMessage({
      id: 0,
      startedAt: performance.timeOrigin,
      readyAt: performance.timeOrigin + performance.now(),
    });
    return core;
  });

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
    const cut = (d) => data.slice(d.at, d.at + d.len).buffer;
    const pdfs = answer.documents.map(cut);
    const fonts = (answer.fonts ?? []).map(cut);
    self.postMessage({ id, answer, pdfs, fonts, ms }, [...pdfs, ...fonts]);
  } catch (e) {
    self.postMessage({ id, error: String(e && e.stack ? e.stack : e) });
  }
};
