import { DIVERGENCE_ANNOTATION, divergenceIdOf, findDivergence } from '../divergence/registry.ts';
import { claimVerdict, wholeTestVerdict } from '../divergence/verdict.ts';
import { requestLine } from '../transport/exchange.ts';
import { describeExchange } from '../transport/traffic.ts';
import { isNotTested, notTested } from '../verdict/not-tested.ts';
import { ANSWERED_BY, AT_FAULT, DIVERGENCE_GONE } from '../verdict/outcome.ts';
import { PERMISSION_DIVERGENCE, permissionAnnotation, permissionDivergence, permissionOf } from '../verdict/permission-verdict.ts';
import type { HarnessFixtures, VerdictInputs } from './types.ts';

/**
 * Runs with every test and writes down its verdict's inputs: who answered, what a known
 * divergence makes of the outcome, which exchange a failure blames, why a test that could not
 * ask the service is not tested rather than failed, and (live and record) what the page's
 * permissions table makes of the token.
 */
export const verdictFixtures: HarnessFixtures = {
  _verdict: [
    async ({ _session, _traffic, _mode }, use, testInfo) => {
      const { answeredBy } = _session;
      testInfo.annotations.push({ type: ANSWERED_BY, description: _session.answeredByDescription });
      const permission = permissionOf(testInfo.annotations, _mode.pagePermissions);
      if (permission) testInfo.annotations.push(permissionAnnotation(permission));
      const divergences = testInfo.annotations
        .filter((annotation) => annotation.type === DIVERGENCE_ANNOTATION)
        .map((annotation) => findDivergence(divergenceIdOf(annotation.description) ?? ''));
      const wholeTest = divergences.filter((entry) => entry.scope === 'test');
      if (answeredBy === 'service' && wholeTest.length > 0) {
        testInfo.fail(true, `the service diverges from the page as known: ${wholeTest.map((entry) => entry.id).join(', ')}`);
      }
      const inputs: VerdictInputs = { answeredBy, divergences, claimed: new Set() };
      await use(inputs);

      const unanswered = _traffic.unanswered();
      if (testInfo.status === 'timedOut' && unanswered && !isNotTested(testInfo)) {
        const seconds = Math.round((Date.now() - unanswered.since) / 1000);
        notTested(`no answer in time: ${requestLine(unanswered.request)} had waited ${seconds} s when the test timed out.`);
      }
      if (isNotTested(testInfo)) {
        // Red whatever test.fail said: a test that could not ask the service proves no divergence either.
        testInfo.expectedStatus = 'passed';
        return;
      }
      if (answeredBy === 'service') {
        for (const entry of wholeTest) {
          const verdict = wholeTestVerdict(entry, testInfo.status === 'passed', _traffic.exchanges);
          if (!verdict) continue;
          // Red, whatever test.fail said: the divergence is gone, or this failure is not the known one.
          testInfo.expectedStatus = 'passed';
          blame();
          if (verdict.kind === 'not tested') throw notTested(verdict.problem);
          if (verdict.kind === 'gone') testInfo.annotations.push({ type: DIVERGENCE_GONE, description: verdict.problem });
          throw new Error(verdict.problem);
        }
      }
      if (testInfo.status !== testInfo.expectedStatus) blame();
      const unneeded = testInfo.status === 'passed' ? permissionDivergence(permission, _traffic.exchanges) : undefined;
      if (unneeded) testInfo.annotations.push({ type: PERMISSION_DIVERGENCE, description: unneeded });
      const unclaimed = divergences.filter((entry) => entry.scope === 'claim' && !inputs.claimed.has(entry.id));
      if (unclaimed.length > 0 && testInfo.status === 'passed') {
        throw new Error(`The test is annotated with ${unclaimed.map((entry) => entry.id).join(', ')} but never called divergences.claim for it.`);
      }

      /** The last answer before the failure: the exchange a support case starts from. */
      function blame(): void {
        const last = _traffic.last();
        if (last) testInfo.annotations.push({ type: AT_FAULT, description: describeExchange(last) });
      }
    },
    { auto: true, box: 'self' },
  ],

  divergences: [
    async ({ _verdict }, use, testInfo) => {
      const claim = (id: string, body: unknown): void => {
        const entry = _verdict.divergences.find((candidate) => candidate.id === id && candidate.scope === 'claim');
        const verdict = entry ? claimVerdict(entry, _verdict.answeredBy, body) : { problem: `divergences.claim("${id}"): annotate the test with divergence("${id}") first.`, gone: false };
        _verdict.claimed.add(id);
        if (!verdict) return;
        if (verdict.gone) testInfo.annotations.push({ type: DIVERGENCE_GONE, description: verdict.problem });
        const error = new Error(entry ? `Known divergence [${id}]: ${verdict.problem}` : verdict.problem);
        // Point the report at the spec line that made the claim.
        Error.captureStackTrace(error, claim);
        throw error;
      };
      await use({ claim });
    },
    { box: 'self' },
  ],
};
