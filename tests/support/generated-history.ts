import {
  HISTORY_FORMAT,
  type NightOperation,
  type NightRecord,
  type NightTest,
  type RequestEntry,
} from '../../authoring/history/night-record.ts';
import { operationIdentity, testCase, testId } from '../../harness/report/test-identity.ts';
import type { MetadataChange } from '../../harness/report/metadata-drift-file.ts';
import type { Outcome } from '../../harness/verdict/outcome.ts';
import { SUITE_OPERATIONS, SUITE_PAGES, WHOLE_TEST_DIVERGENCES } from './suite-facts.ts';

/**
 * A made-up but lifelike history, the same for the same seed: most tests pass every night, a few
 * are known divergences, some flake, one breaks and stays broken, one breaks and is fixed, one's
 * divergence goes; one night could test nothing, one lost a shard; throttling comes in spells,
 * leftovers now and then, and Graph is slower to show what was created for a week. The metadata
 * drifts twice: an announced change reported three nights (until its pull request is merged), and
 * a silent one tonight.
 */
export interface GeneratedHistoryOptions {
  nights: number;
  /** The suite's own operations and tests (22), or this many made-up tests in operations of ten. */
  tests?: number;
  seed?: number;
  /** The first night's date. */
  from?: string;
}

type Behaviour = 'steady' | 'divergence' | 'flaky' | 'breaks' | 'broken-then-fixed' | 'divergence-goes';

interface PlannedTest {
  operation: NightOperation;
  id: string;
  title: string;
  case: string;
  behaviour: Behaviour;
  /** The night its behaviour turns: it breaks, is fixed, or its divergence goes. */
  turn: number;
  baseMs: number;
  creates: boolean;
  polls: boolean;
}

export function generatedHistory({ nights, tests, seed = 7, from = '2026-02-01' }: GeneratedHistoryOptions): NightRecord[] {
  const random = seeded(seed);
  const planned = plan(tests, nights, random);
  const start = Date.parse(`${from}T03:17:00Z`);
  const noToken = Math.floor(nights * 0.37);
  const lostShard = Math.floor(nights * 0.71);
  const slowWeek = Math.floor(nights * 0.55);
  const leftoverNight = Math.floor(nights * 0.8);
  const drift = metadataDrift(nights);
  return Array.from({ length: nights }, (_, night) => {
    const at = new Date(start + night * 86_400_000 + Math.floor(random() * 600) * 1000);
    const throttledNight = random() < 0.18;
    const operations = new Map<string, NightOperation>();
    const leftovers: NightRecord['leftovers'] = [];
    planned.forEach((test, index) => {
      const operation = operations.get(test.operation.id) ?? { ...test.operation, tests: [] };
      operations.set(operation.id, operation);
      const stopped = night === noToken || (night === lostShard && index >= planned.length / 2);
      const outcome = stopped ? 'not tested' : outcomeOf(test, night, random);
      const slow = night >= slowWeek && night < slowWeek + 7 ? 3 : 1;
      const requests = stopped ? [] : requestsOf(test, outcome, random);
      const entry: NightTest = {
        id: test.id,
        title: test.title,
        case: test.case,
        outcome,
        ...(reasonOf(test, outcome, night, noToken, requests[0]?.[3] ?? uuid(random)) ?? {}),
        ms: stopped ? 0 : Math.round(test.baseMs * (0.8 + random() * 0.5) * (test.polls ? slow : 1)),
        requests,
        ...(!stopped && test.creates && !test.polls
          ? { cleanup: [['DELETE', `/${test.operation.version}${test.operation.path}/{id}`, 202, uuid(random)]] }
          : {}),
      };
      if (!stopped && test.polls)
        entry.polls = [
          { path: `${test.operation.path}/{id}`, until: 200, status: 200, attempts: 1 + Math.floor(random() * 3 * slow), waited: 0 },
        ];
      for (const poll of entry.polls ?? []) poll.waited = (poll.attempts - 1) * 2;
      if (!stopped && throttledNight && test.creates && random() < 0.3) {
        const retryAfter = ['1', '2', '2', '5', '30'][Math.floor(random() * 5)] ?? '2';
        entry.throttled = [{ path: `/${test.operation.version}${test.operation.path}`, retryAfter, seconds: Number(retryAfter) }];
      }
      if (!stopped && test.creates && (random() < 0.004 || (night === leftoverNight && index === 1)))
        leftovers.push({
          operationId: test.operation.id,
          testId: test.id,
          description: `DELETE /${test.operation.version}${test.operation.path}/gcs0${night}left was refused three times (503): not proven deleted`,
        });
      operation.tests.push(entry);
    });
    return {
      format: HISTORY_FORMAT,
      night: at.toISOString().slice(0, 10),
      generatedAt: at.toISOString(),
      mode: 'record',
      runUrl: `https://github.com/contoso/graph-contracts/actions/runs/${9_000_000_000 + night * 1117}`,
      reportUrl: `https://github.com/contoso/graph-contracts/actions/runs/${9_000_000_000 + night * 1117}/artifacts/${4_000_000_000 + night * 31}`,
      ...(night === noToken
        ? {
            notTested: 'no token from Entra ID; nothing was sent to Graph. AADSTS7000215: Invalid client secret provided. (invalid_client)',
          }
        : {}),
      stoppedShards:
        night === lostShard
          ? [
              {
                shard: '2/2',
                why: 'no answer from login.microsoftonline.com:443 within 30 s',
                tests: planned.length - Math.ceil(planned.length / 2),
              },
            ]
          : [],
      leftovers,
      metadataDrift: { checked: true },
      operations: [...operations.values()].map((operation) => ({ ...operation, metadata: drift(operation.id, night) })),
    };
  });
}

/** What the drift check reports per operation and night: the changes it still finds in tonight's metadata. */
function metadataDrift(nights: number): (operationId: string, night: number) => MetadataChange[] {
  const announcedFrom = Math.floor(nights * 0.6);
  return (operationId, night) => {
    if (operationId === 'POST /beta/external/connections' && night >= announcedFrom && night < announcedFrom + 3)
      return [
        {
          type: 'microsoft.graph.externalConnectors.externalConnection',
          change: 'property enabledContentExperiences added',
          kind: 'property added',
          member: 'enabledContentExperiences',
          direction: 'harmless',
          announced: { date: '2026-03-10', text: 'Added the **enabledContentExperiences** property to the externalConnection resource.' },
        },
      ];
    if (operationId === 'POST /beta/identity/apiConnectors' && night === nights - 1)
      return [
        {
          type: 'microsoft.graph.pkcs12CertificateInformation',
          change: 'property isActive removed',
          kind: 'property removed',
          member: 'isActive',
          direction: 'breaks a reader and a writer',
        },
      ];
    return [];
  };
}

function plan(tests: number | undefined, nights: number, random: () => number): PlannedTest[] {
  const suite: [string, string, readonly string[]][] =
    tests === undefined
      ? Object.entries(SUITE_OPERATIONS).map(([describe, titles]) => [describe, pageOf(describe).version, titles])
      : Array.from({ length: Math.ceil(tests / 10) }, (_, op) => [
          `POST /external/connections${op === 0 ? '' : `/{connectionsId}/items${op}`}`,
          op % 5 === 4 ? 'v1.0' : 'beta',
          Array.from({ length: Math.min(10, tests - op * 10) }, (_, t) => madeUpTitle(t)),
        ]);
  let behaviours = 0;
  return suite.flatMap(([describe, version, titles], op) => {
    // A describe with spaces in a placeholder (`{id | userPrincipalName}`) keys history by its whole title; here, by its method and path.
    const identity = operationIdentity(describe.replace(/\s+(?=[^{}]*\})/g, ''), version);
    const operation: NightOperation = {
      id: identity.operationId,
      method: identity.method,
      path: identity.path,
      version,
      page: tests === undefined ? pageOf(describe).page : `page-${op}`,
      metadata: [],
      tests: [],
    };
    return titles.map((title) => {
      const key = testCase(title, `code of ${describe} ${title}`, 1);
      const behaviour = behaviourOf(title, behaviours++, random);
      return {
        operation,
        id: testId(operation.id, operation.page, key),
        title,
        case: key,
        behaviour,
        // What breaks, breaks tonight: the morning's news.
        turn: behaviour === 'breaks' ? nights - 1 : Math.floor(nights * (0.3 + random() * 0.5)),
        baseMs: title.startsWith('4') ? 120 + random() * 200 : 400 + random() * 1600,
        creates: title.startsWith('201') || title.startsWith('404') || title.startsWith('503'),
        polls: title.startsWith('404 once deleted'),
      };
    });
  });
}

function behaviourOf(title: string, index: number, random: () => number): Behaviour {
  if ((WHOLE_TEST_DIVERGENCES as readonly string[]).includes(title)) return index % 2 === 0 ? 'divergence-goes' : 'divergence';
  if (title.startsWith('409')) return 'broken-then-fixed';
  if (title.startsWith('503')) return 'flaky';
  if (title === '201 answers a certificate upload with its thumbprint and validity, never the certificate or its password') return 'breaks';
  const roll = random();
  return roll < 0.03 ? 'flaky' : roll < 0.05 ? 'divergence' : roll < 0.06 ? 'breaks' : roll < 0.07 ? 'broken-then-fixed' : 'steady';
}

function outcomeOf(test: PlannedTest, night: number, random: () => number): Outcome {
  switch (test.behaviour) {
    case 'steady':
      return random() < 0.002 ? 'fail' : 'pass';
    case 'divergence':
      return 'expected divergence';
    case 'flaky':
      return random() < 0.15 ? 'fail' : 'pass';
    case 'breaks':
      return night >= test.turn ? 'fail' : 'pass';
    case 'broken-then-fixed':
      return night >= test.turn && night < test.turn + 4 ? 'fail' : 'pass';
    case 'divergence-goes':
      // Gone the night it turns and the next; then the registry is updated and it passes.
      return night < test.turn ? 'expected divergence' : night < test.turn + 2 ? 'divergence gone' : 'pass';
  }
}

function reasonOf(test: PlannedTest, outcome: Outcome, night: number, noToken: number, requestId: string): { reason: string } | undefined {
  const line = `${test.operation.method} /${test.operation.version}${test.operation.path}`;
  switch (outcome) {
    case 'pass':
      return undefined;
    case 'fail':
      return {
        reason: `Expected: ${test.title.slice(0, 3)} · Received: 400 Bad Request (error code InvalidRequest, request-id ${requestId}) (at fault: ${line} → 400, request-id ${requestId})`,
      };
    case 'expected divergence':
      return { reason: `the service diverges from the page as known: ${test.operation.page}-divergence` };
    case 'divergence gone':
      return {
        reason: `Divergence [${test.operation.page}-divergence] is gone: the service now matches the page: update the registry (known-divergences.json).`,
      };
    case 'not tested':
      return {
        reason:
          night === noToken
            ? 'the run stopped before its first test: no token from Entra ID; nothing was sent to Graph.'
            : 'did not run: shard 2/2 stopped before its tests: no answer from login.microsoftonline.com:443 within 30 s',
      };
  }
}

function requestsOf(test: PlannedTest, outcome: Outcome, random: () => number): RequestEntry[] {
  const path = `/${test.operation.version}${test.operation.path}`;
  const status = outcome === 'fail' ? 400 : Number(test.title.slice(0, 3)) || 200;
  const requests: RequestEntry[] = [[test.operation.method, path, test.polls ? 201 : status, uuid(random)]];
  if (test.polls)
    requests.push(
      ['GET', `${path}/{id}`, 200, uuid(random)],
      ['DELETE', `${path}/{id}`, 202, uuid(random)],
      ['GET', `${path}/{id}`, 404, uuid(random)],
    );
  return requests;
}

/** The page and version of one of the suite's operations. */
function pageOf(operation: string): { page: string; version: string } {
  return SUITE_PAGES.find((spec) => spec.operation === operation) ?? { page: 'unknown-page', version: 'v1.0' };
}

const MADE_UP = [
  '201 creates the item in its initial state',
  '400 for an id shorter than 3 characters',
  '400 for an id longer than 32 characters',
  '400 for a body without a name',
  '400 for a reserved id',
  '409 for a second create with the same id',
  '401 without a token',
  '401 with a malformed token',
  '404 once deleted: the item is read back (200), deleted (202), then gone',
  '503 for a broken result-layout card, then 409 on retry',
];

function madeUpTitle(index: number): string {
  return MADE_UP[index % MADE_UP.length] ?? MADE_UP[0] ?? '';
}

/** A small, seeded generator (mulberry32): the same history for the same seed, on any machine. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function uuid(random: () => number): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16)).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20)}`;
}
