/**
 * One documented rule the Graph stand-in can be told to break, so that an end-to-end test proves
 * the suite goes red naming it. Each names the rule it violates; docs/stand-ins.md gives the source.
 */
export const GRAPH_RULE_BREAKS = {
  'accepts-hyphenated-id': 'creates a connection whose id has a hyphen (the id rule: letters and digits only)',
  'duplicate-answers-400': 'answers 400 to a duplicate connection id (documented: 409 Conflict)',
  'serves-without-token': 'serves requests without a valid bearer token (documented: Authorization required, else 401)',
  'get-after-delete-200': 'keeps answering 200 to GET after a delete (documented: the resource is gone)',
  'echoes-certificate-password': 'answers a certificate upload with the PKCS#12 password in it (documented: write-only)',
} as const;

export type GraphRuleBreak = keyof typeof GRAPH_RULE_BREAKS;
