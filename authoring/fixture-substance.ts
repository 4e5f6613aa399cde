/**
 * What a fixture says about the service, without what changes on every recording: when it was
 * recorded, the values the test generated (ids, a certificate's thumbprint and dates), and the GUIDs the service assigned. Two recordings with
 * the same substance need no review.
 */
export function fixtureSubstance(text: string): string {
  const fixture = JSON.parse(text) as { provenance?: Record<string, unknown>; values?: Record<string, string> };
  const { recordedAt: _recordedAt, ...provenance } = fixture.provenance ?? {};
  let json = JSON.stringify({ ...fixture, provenance });
  // Longest first, so a value that contains another is replaced whole.
  const values = Object.entries(fixture.values ?? {}).sort(([, a], [, b]) => b.length - a.length);
  for (const [label, value] of values) if (value.length > 0) json = json.split(value).join(`<value:${label}>`);
  return json.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, '<guid>');
}
