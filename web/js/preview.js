// The preview: pdf.js draws the very PDF the download gives, page by page.
// Its worker was started with the page (js/boot.js), so that drawing later
// fetches nothing.
import * as pdfjs from "../vendor/pdf.min.mjs";
import { pdfWorker } from "./boot.js";

const OPTIONS = { isEvalSupported: false, disableAutoFetch: true, disableStream: true, useSystemFonts: false, disableFontFace: true };

export class Preview {
  constructor(container) {
    this.container = container;
    this.worker = new pdfjs.PDFWorker({ port: pdfWorker });
    this.task = null;
    this.generation = 0;
  }

  /** Draw `bytes` (a PDF) into the container, replacing what was there. */
  async show(bytes, label) {
    const generation = ++this.generation;
    const task = pdfjs.getDocument({ ...OPTIONS, data: bytes.slice(), worker: this.worker });
    const doc = await task.promise;
    try {
      const width = Math.max(200, this.container.clientWidth || 600);
      const canvases = [];
      for (let n = 1; n <= doc.numPages; n++) {
        if (generation !== this.generation) return;
        canvases.push(await draw(doc, n, width));
      }
      if (generation !== this.generation) return;
      this.container.replaceChildren(...canvases);
      this.container.setAttribute("aria-label", label);
      this.container.classList.remove("stale");
    } finally {
      task.destroy();
    }
  }

  /** The last good preview stays, marked as out of date. */
  stale() {
    this.container.classList.add("stale");
  }

  /**
   * A small picture of each product (English, no organisation) beside its
   * check box, one after another so the preview comes first.
   */
  async thumbnails(core, today, products) {
    for (const p of products) {
      const { answer, pdfs } = await core.request({
        op: "build",
        today,
        org_toml: null,
        langs: ["en"],
        products: [p.id],
        nation: "england",
      });
      if (!answer.ok || !pdfs.length) continue;
      const task = pdfjs.getDocument({ ...OPTIONS, data: new Uint8Array(pdfs[0]), worker: this.worker });
      const doc = await task.promise;
      try {
        const box = document.querySelector(`[data-pic="${CSS.escape(p.id)}"]`);
        const page = await doc.getPage(1);
        const base = page.getViewport({ scale: 1 });
        const scale = 40 / Math.max(base.width, base.height);
        const canvas = await draw(doc, 1, base.width * scale * 2);
        canvas.style.width = `${Math.round(base.width * scale)}px`;
        canvas.style.height = `${Math.round(base.height * scale)}px`;
        canvas.setAttribute("aria-hidden", "true");
        box?.replaceChildren(canvas);
      } finally {
        task.destroy();
      }
    }
  }
}

/** Page `n` of `doc` drawn `width` CSS pixels wide, sharp on this screen. */
async function draw(doc, n, width) {
  const page = await doc.getPage(n);
  const base = page.getViewport({ scale: 1 });
  const ratio = Math.min(window.devicePixelRatio || 1, 2);
  const viewport = page.getViewport({ scale: (width / base.width) * ratio });
  const canvas = document.createElement("canvas");
  canvas.width = Math.round(viewport.width);
  canvas.height = Math.round(viewport.height);
  canvas.setAttribute("aria-hidden", "true");
  // For the style sheet: a page fits the preview's height without stretching.
  canvas.style.setProperty("--ratio", (base.width / base.height).toFixed(4));
  await page.render({ canvas, canvasContext: canvas.getContext("2d"), viewport }).promise;
  return canvas;
}
