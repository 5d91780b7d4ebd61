/** PEP 503 name normalisation: "Django_REST.framework" and "django-rest-framework" are one project. */
const cache = new Map<string, string>();

export function normalizePyName(name: string): string {
  let n = cache.get(name);
  if (n === undefined) {
    n = name.toLowerCase().replace(/[-_.]+/g, '-');
    // Bounded: names seen in one scan (lockfiles + matching records) are a few thousand.
    if (cache.size >= 100_000) cache.clear();
    cache.set(name, n);
  }
  return n;
}
