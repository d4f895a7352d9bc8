// Print a PDF's text as pdf.js (Firefox) gives it: each page's text items,
// a line break where pdf.js marks one. Usage: node extract.mjs FILE.pdf
// pdfjs-dist is the web page's (web/node_modules); exit status 3 without it.
// pdfjs-dist 6 needs Promise.withResolvers (Node 22); older Node lacks it.
Promise.withResolvers ??= function () {
  let resolve, reject;
  const promise = new Promise((res, rej) => { resolve = res; reject = rej; });
  return { promise, resolve, reject };
};
let pdfjs;
try {
  pdfjs = await import('../../web/node_modules/pdfjs-dist/legacy/build/pdf.mjs');
} catch (e) {
  process.stderr.write(`pdfjs-dist is not installed (npm ci in web/): ${e.message}\n`);
  process.exit(3);
}
const doc = await pdfjs.getDocument({ url: process.argv[2], verbosity: 0 }).promise;
let out = '';
for (let i = 1; i <= doc.numPages; i++) {
  const content = await (await doc.getPage(i)).getTextContent();
  for (const item of content.items) out += item.str + (item.hasEOL ? '\n' : '');
  out += '\n';
}
process.stdout.write(out);
