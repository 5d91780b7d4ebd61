/** PEP 503 name normalisation: "Django_REST.framework" and "django-rest-framework" are one project. */
export function normalizePyName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}
