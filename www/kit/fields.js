// Settings that travel in the address. One schema per scene both reads the
// address and writes it, so a copied link and the page can never disagree:
// every field has `parse(text) → value | undefined` (undefined: refused) and
// `write(value) → text`, and `parse(write(v))` gives `v` back.
//
// The host-page API refuses what these parsers refuse: a value from a host
// goes through `acceptValue` (numbers and strings only, no coercion of
// null, '', false or objects).

/**
 * @typedef {object} Field
 * @property {(text: string) => any} parse  the value, or undefined if refused
 * @property {(value: any) => string} [write]  the text in the address (default String)
 * @property {any} fallback  used when the address has no value, or a refused one
 */

const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i;

/** A finite decimal number within [min, max] (no hex, no Infinity, no blanks). */
export function numberIn(min, max) {
  return (text) => {
    if (typeof text !== 'string' || !NUMBER.test(text.trim())) return undefined;
    const v = Number(text);
    return Number.isFinite(v) && v >= min && v <= max ? v : undefined;
  };
}

/** A whole number within [min, max]. */
export function integerIn(min, max) {
  const number = numberIn(min, max);
  return (text) => {
    const v = number(text);
    return Number.isInteger(v) ? v : undefined;
  };
}

/** One of `choices` (compared as text). */
export function oneOf(choices) {
  const names = choices.map(String);
  return (text) => {
    const i = names.indexOf(text);
    return i < 0 ? undefined : choices[i];
  };
}

/** 1/true or 0/false. */
export function flag(text) {
  if (text === '1' || text === 'true') return true;
  if (text === '0' || text === 'false') return false;
  return undefined;
}
/** Writes a flag as 1 or 0. */
export const writeFlag = (on) => (on ? '1' : '0');

/** Names in a comma list, each a plain word; anything else is refused. */
export function nameList(text) {
  if (text === '') return [];
  const names = text.split(',').map((n) => n.trim());
  return names.every((n) => /^[a-z][a-z0-9-]{0,31}$/.test(n)) ? names : undefined;
}

/**
 * Reads `params` (URLSearchParams) against `schema`. Returns the settings and
 * the names whose values were refused (each falls back to its default).
 */
export function readSettings(params, schema) {
  const settings = {};
  const refused = [];
  for (const [name, field] of Object.entries(schema)) {
    if (!params.has(name)) {
      settings[name] = field.fallback;
      continue;
    }
    const value = field.parse(params.get(name));
    if (value === undefined) {
      refused.push(name);
      settings[name] = field.fallback;
    } else {
      settings[name] = value;
    }
  }
  return { settings, refused };
}

/** The address text of `values` under `schema`, in the schema's order; unset values are left out. */
export function writeSettings(schema, values) {
  const out = [];
  for (const [name, field] of Object.entries(schema)) {
    const value = values[name];
    if (value === undefined || value === null || value === '') continue;
    out.push([name, field.write ? field.write(value) : String(value)]);
  }
  return out;
}

/**
 * A value from a host page for `field`: a finite number or a string, read
 * with the address's own rules. Anything else (null, '', booleans, objects,
 * NaN) is refused: undefined.
 */
export function acceptValue(field, value) {
  if (typeof value === 'number') return Number.isFinite(value) ? field.parse(String(value)) : undefined;
  if (typeof value === 'string') return field.parse(value);
  return undefined;
}
