// The page's side of a core worker: each request gets a promise of its answer.

export class CoreClient {
  constructor(url, name = "core") {
    this.worker = new Worker(url, { type: "module", name });
    this.name = name;
    this.pending = new Map();
    this.next = 1;
    this.worker.onmessage = ({ data }) => {
      if (data.id === 0) {
        // Where the first preview's time goes (web/bench/run.mjs prints these).
        const at = (t) => ({ startTime: t - performance.timeOrigin });
        performance.mark(`cse-${name}-started`, at(data.startedAt));
        performance.mark(`cse-${name}-instantiated`, at(data.readyAt));
        return;
      }
      const p = this.pending.get(data.id);
      if (!p) return;
      this.pending.delete(data.id);
      if (data.error) p.reject(new Error(data.error));
      else p.resolve(data);
    };
    this.worker.onerror = (e) => this.fail(new Error(e.message || "the worker stopped"));
  }

  /** Give the worker the compiled core (a `WebAssembly.Module`). */
  giveModule(module) {
    this.worker.postMessage({ module });
  }

  /** Every request waiting fails with `error` (the core could not load). */
  fail(error) {
    this.failed = error;
    for (const p of this.pending.values()) p.reject(error);
    this.pending.clear();
  }

  /**
   * Ask the core. `images` maps a file name to its bytes (copied, so the
   * page keeps its own). Resolves to { answer, pdfs: [ArrayBuffer],
   * fonts: [ArrayBuffer], ms }.
   */
  request(request, images = {}) {
    const id = this.next++;
    const copies = {};
    for (const [name, bytes] of Object.entries(images)) copies[name] = bytes.slice().buffer;
    return new Promise((resolve, reject) => {
      if (this.failed) return reject(this.failed);
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ id, ...request, images: copies }, Object.values(copies));
    });
  }
}
