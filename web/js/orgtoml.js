// The form's values as `org.toml`, the file the CLI reads (`cse-pack build
// --org org.toml`), and back. Values are kept flat by their key in the file
// (`name`, `dsl.phone`); loading goes through the core's own parser (the
// `parse` request), which gives the file back as JSON.

/** Top-level keys, then each table's, in the order `cse-pack init` writes them. */
export const KEYS = {
  "": ["name", "kind", "logo", "website", "brand-colour"],
  dsl: ["name", "title", "phone", "email", "where", "photo"],
  "deputy-dsl": ["name", "title", "phone", "email", "where", "photo"],
  "childrens-services": ["name", "phone"],
  "out-of-hours": ["name", "phone"],
};

/** A TOML basic string: quotes, backslashes and control characters escaped. */
export function quote(s) {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0);
    if (ch === '"') out += '\\"';
    else if (ch === "\\") out += "\\\\";
    else if (ch === "\n") out += "\\n";
    else if (ch === "\t") out += "\\t";
    else if (ch === "\r") out += "\\r";
    else if (c < 0x20 || c === 0x7f) out += "\\u" + c.toString(16).padStart(4, "0").toUpperCase();
    else out += ch;
  }
  return out + '"';
}

/**
 * `values`: { key: string } (blank values are left out). A table is written
 * when any of its keys has a value; a service's `phone` is then always
 * written, since the file needs one (the core says so if it is empty).
 */
export function writeToml(values, { today } = {}) {
  const has = (v) => typeof v === "string" && v.trim() !== "";
  const lines = [
    "# Your organisation, printed on every poster, leaflet and card.",
    `# Saved from the cse-pack page${today ? " on " + today : ""}. Keep it in the same`,
    "# folder as the logo and photos it names, then build with:",
    "#   cse-pack build --org org.toml",
    "",
  ];
  for (const key of KEYS[""]) {
    if (has(values[key])) lines.push(`${key} = ${quote(values[key])}`);
  }
  if (!has(values.name)) lines.unshift('name = ""');
  for (const [table, keys] of Object.entries(KEYS)) {
    if (!table) continue;
    const set = keys.filter((k) => has(values[`${table}.${k}`]));
    if (!set.length) continue;
    lines.push("", `[${table}]`);
    for (const k of keys) {
      const v = values[`${table}.${k}`];
      const required = k === "phone" && KEYS[table].length === 2;
      if (has(v) || required) lines.push(`${k === "where" ? "where" : k} = ${quote(v ?? "")}`);
    }
  }
  return lines.join("\n") + "\n";
}

/** The core's parse of `org.toml` (JSON) → flat { key: string }. */
export function flatten(parsed) {
  const values = {};
  for (const [k, v] of Object.entries(parsed)) {
    if (v && typeof v === "object") {
      for (const [k2, v2] of Object.entries(v)) values[`${k}.${k2}`] = String(v2);
    } else {
      values[k] = String(v);
    }
  }
  return values;
}
