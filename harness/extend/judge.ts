import { divergenceIdOf, findDivergence } from '../divergence/registry.ts';
import { checkClaim, checkWholeTest } from '../divergence/divergence-check.ts';
import { requestLine } from '../transport/exchange.ts';
import { describeExchange } from '../transport/traffic.ts';
import { runStopReason, sharedRunStop } from '../config/run-stop.ts';
import { isNotTested, notTested } from '../verdict/not-tested.ts';

import { permissionAnnotation, permissionDivergence, permissionOf } from '../permissions/permission-annotations.ts';
import type { HarnessFixtures, Judge } from './types.ts';
import { ANNOTATION } from '../shared/annotations.ts';

/**
 * Runs with every test and writes down its verdict's inputs: who answered, what a known
 * divergence makes of the outcome, which exchange a failure blames, why a test that could not
 * ask the service is not tested rather than failed, and (live and record) what the page's
 * permissions table makes of the token.
 */
export const judgeFixtures: HarnessFixtures = {
  // First, and with nothing set up: a run the preflight stopped reports each test not tested, and starts none.
  _runStop: [
    async ({ graphVersion }, use, testInfo) => {
      // Before anything can stop the test: the contract matrix keys every test that started by its version.
      testInfo.annotations.push({ type: ANNOTATION.graphVersion, description: graphVersion });
      const stop = sharedRunStop(process.env);
      if (stop) {
        const reason = runStopReason(stop);
        testInfo.annotations.push(
          { type: ANNOTATION.notTested, description: reason },
          { type: ANNOTATION.runStopped, description: stop.shard ? `shard ${stop.shard}: ${stop.why}` : stop.why },
        );
        testInfo.skip(true, reason);
      }
      await use(undefined);
    },
    { auto: true, box: 'self' },
  ],

  _judge: [
    async ({ _runStop: _first, _session, _traffic, _mode }, use, testInfo) => {
      const { answeredBy } = _session;
      testInfo.annotations.push({ type: ANNOTATION.answeredBy, description: _session.answeredByDescription });
      const permission = permissionOf(testInfo.annotations, _mode.pagePermissions);
      if (permission) testInfo.annotations.push(permissionAnnotation(permission));
      const divergences = testInfo.annotations
        .filter((annotation) => annotation.type === ANNOTATION.knownDivergence)
        .map((annotation) => findDivergence(divergenceIdOf(annotation.description) ?? ''));
      const wholeTest = divergences.filter((entry) => entry.scope === 'test');
      if (answeredBy === 'service' && wholeTest.length > 0) {
        testInfo.fail(true, `the service diverges from the page as known: ${wholeTest.map((entry) => entry.id).join(', ')}`);
      }
      const judge: Judge = { answeredBy, divergences, claimed: new Set() };
      await use(judge);

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
          const problem = checkWholeTest(entry, testInfo.status === 'passed', _traffic.exchanges);
          if (!problem) continue;
          // Red, whatever test.fail said: the divergence is gone, or this failure is not the known one.
          testInfo.expectedStatus = 'passed';
          blame();
          if (problem.kind === 'not tested') throw notTested(problem.problem);
          if (problem.kind === 'gone') testInfo.annotations.push({ type: ANNOTATION.divergenceGone, description: problem.problem });
          throw new Error(problem.problem);
        }
      }
      if (testInfo.status !== testInfo.expectedStatus) blame();
      const unneeded = testInfo.status === 'passed' ? permissionDivergence(permission, _traffic.exchanges) : undefined;
      if (unneeded) testInfo.annotations.push({ type: ANNOTATION.permissionDivergence, description: unneeded });
      const unclaimed = divergences.filter((entry) => entry.scope === 'claim' && !judge.claimed.has(entry.id));
      if (unclaimed.length > 0 && testInfo.status === 'passed') {
        throw new Error(
          `The test is annotated with ${unclaimed.map((entry) => entry.id).join(', ')} but never called divergences.claim for it.`,
        );
      }

      /** The last answer before the failure: the exchange a support case starts from. */
      function blame(): void {
        const last = _traffic.last();
        if (last) testInfo.annotations.push({ type: ANNOTATION.atFault, description: describeExchange(last) });
      }
    },
    { auto: true, box: 'self' },
  ],

  divergences: [
    async ({ _judge }, use, testInfo) => {
      const claim = (id: string, body: unknown): void => {
        const entry = _judge.divergences.find((candidate) => candidate.id === id && candidate.scope === 'claim');
        const problem = entry
          ? checkClaim(entry, _judge.answeredBy, body)
          : { problem: `divergences.claim("${id}"): annotate the test with divergence("${id}") first.`, gone: false };
        _judge.claimed.add(id);
        if (!problem) return;
        if (problem.gone) testInfo.annotations.push({ type: ANNOTATION.divergenceGone, description: problem.problem });
        const error = new Error(entry ? `Known divergence [${id}]: ${problem.problem}` : problem.problem);
        // Point the report at the spec line that made the claim.
        Error.captureStackTrace(error, claim);
        throw error;
      };
      await use({ claim });
    },
    { box: 'self' },
  ],
};
