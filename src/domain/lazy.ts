// A value built the first time it is asked for: Apps Script runs the bundle's top level on every execution.

/**
 * `lazy(() => z.object({...}))` gives a function that builds the value once and then returns it.
 * Schemas made this way cost nothing in executions that never use them (an onEdit, a poll that
 * only parses its own small request), and the bundle's load stays a few milliseconds.
 */
export function lazy<T>(make: () => T): () => T {
  let built: { value: T } | null = null;
  return () => {
    if (built === null) built = { value: make() };
    return built.value;
  };
}
