// The glue between JavaScript and the core's C ABI (web/core/src/abi.rs):
// a request is a little-endian u32 length, that much JSON, then blobs; so is
// an answer. No wasm-bindgen, no imports: the module needs nothing from us.

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export class Core {
  /** @param {WebAssembly.Instance} instance */
  constructor(instance) {
    this.exports = instance.exports;
  }

  /** Fetch and compile the module (streaming where the host serves `application/wasm`). */
  static async compile(url) {
    try {
      return await WebAssembly.compileStreaming(fetch(url));
    } catch {
      // A host that serves .wasm with the wrong type: compile from the bytes.
      return WebAssembly.compile(await (await fetch(url)).arrayBuffer());
    }
  }

  /** An instance of a compiled module: it imports nothing. */
  static async instantiate(module) {
    return new Core(await WebAssembly.instantiate(module, {}));
  }

  /**
   * One call: `request` as JSON, `blobs` (Uint8Arrays) after it, each given
   * in the JSON as { at, len }. Returns { answer, data } where `data` is the
   * bytes after the answer's JSON (the PDFs, at each document's `at`).
   */
  call(request, blobs = []) {
    const json = encoder.encode(JSON.stringify(request));
    const total = 4 + json.length + blobs.reduce((n, b) => n + b.length, 0);
    const { cse_alloc, cse_free, cse_call, memory } = this.exports;
    const ptr = cse_alloc(total);
    let view = new Uint8Array(memory.buffer, ptr, total);
    new DataView(memory.buffer, ptr, 4).setUint32(0, json.length, true);
    view.set(json, 4);
    let at = 4 + json.length;
    for (const b of blobs) {
      view.set(b, at);
      at += b.length;
    }
    const out = cse_call(ptr, total);
    cse_free(ptr, total);
    // The call may have grown memory: take fresh views.
    const count = new DataView(memory.buffer, out, 4).getUint32(0, true);
    const body = new Uint8Array(memory.buffer, out + 4, count);
    const jsonLen = new DataView(memory.buffer, out + 4, 4).getUint32(0, true);
    const answer = JSON.parse(decoder.decode(body.subarray(4, 4 + jsonLen)));
    const data = body.slice(4 + jsonLen);
    cse_free(out, count + 4);
    return { answer, data };
  }
}
