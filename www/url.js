// Settings from the page address. Anything that does not parse falls back to
// its default and is reported, so a bad link never breaks the page.

/**
 * Reads `params` against `schema` ({name: {parse(text) → value | undefined, fallback}}).
 * Returns the settings and the names whose values were refused.
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

/** A parser for finite numbers within [min, max]. */
export function numberIn(min, max) {
  return (text) => {
    if (!/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(text.trim())) return undefined;
    const v = Number(text);
    return Number.isFinite(v) && v >= min && v <= max ? v : undefined;
  };
}

/** A parser accepting one of `choices`. */
export function oneOf(choices) {
  return (text) => (choices.includes(text) ? text : undefined);
}
