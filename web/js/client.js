// The page's side of the worker: each request gets a promise of its answer.

export class CoreClient {
  constructor(url, name = "core") {
    this.worker = new Worker(url, { type: "module", name });
    this.pending = new Map();
    this.next = 1;
    this.worker.onmessage = ({ data }) => {
      if (data.module) {
        // Where the first preview's time goes (web/bench/run.mjs prints these).
        performance.mark("cse-worker-started", { startTime: data.startedAt - performance.timeOrigin });
        performance.mark("cse-wasm-ready", { startTime: data.loadedAt - performance.timeOrigin });
        this.onModule?.(data.module);
        return;
      }
      const p = this.pending.get(data.id);
      if (!p) return;
      this.pending.delete(data.id);
      if (data.error) p.reject(new Error(data.error));
      else p.resolve(data);
    };
    this.worker.onerror = (e) => {
      for (const p of this.pending.values()) p.reject(new Error(e.message || "the worker stopped"));
      this.pending.clear();
    };
  }

  /** Give a helper worker the module another worker compiled. */
  giveModule(module) {
    this.worker.postMessage({ module });
  }

  /**
   * Ask the core. `images` maps a file name to its bytes (copied, so the
   * page keeps its own). Resolves to { answer, pdfs: [ArrayBuffer], ms }.
   */
  request(request, images = {}) {
    const id = this.next++;
    const copies = {};
    for (const [name, bytes] of Object.entries(images)) copies[name] = bytes.slice().buffer;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ id, ...request, images: copies }, Object.values(copies));
    });
  }
}
