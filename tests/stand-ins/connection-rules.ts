/**
 * The externalConnection create rules of the resource page (`id`, `name`), as the facts sheet
 * lists them; docs/stand-ins.md says which error code is documented and which is assumed.
 */
export const RESERVED_CONNECTION_IDS = [
  'None',
  'Directory',
  'Exchange',
  'ExchangeArchive',
  'LinkedIn',
  'Mailbox',
  'OneDriveBusiness',
  'SharePoint',
  'Teams',
  'Yammer',
  'Connectors',
  'TaskFabric',
  'PowerBI',
  'Assistant',
  'TopicEngine',
  'MSFT_All_Connectors',
] as const;

export const MAX_CONNECTION_NAME = 128;

export interface RuleOptions {
  /** Let a hyphen through the id rule (the `accepts-hyphenated-id` break). */
  allowHyphen?: boolean;
}

/** Why Graph refuses this create body with 400, or undefined when the rules pass. */
export function connectionInputError(body: Record<string, unknown>, { allowHyphen = false }: RuleOptions = {}): string | undefined {
  const id = body.id;
  const idPattern = allowHyphen ? /^[A-Za-z0-9-]{3,32}$/ : /^[A-Za-z0-9]{3,32}$/;
  if (typeof id !== 'string' || !idPattern.test(id)) return 'The connection id must be 3 to 32 letters and digits.';
  if (id.startsWith('Microsoft')) return 'The connection id must not begin with Microsoft.';
  // The page lists the names without saying whether case matters: compared case-insensitively (assumed).
  if (RESERVED_CONNECTION_IDS.some((name) => name.toLowerCase() === id.toLowerCase())) return `The connection id ${id} is reserved.`;
  if (typeof body.name !== 'string' || body.name === '') return 'name is required.';
  if (body.name.length > MAX_CONNECTION_NAME) return `name must be at most ${MAX_CONNECTION_NAME} characters.`;
  return undefined;
}
