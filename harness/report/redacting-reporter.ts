import type { Reporter, TestCase, TestError, TestResult, TestStep } from '@playwright/test/reporter';
import { Redactor } from '../redaction/redact.ts';

/**
 * Listed first among the reporters, it redacts errors in place before the others see them.
 * Needed because Playwright's own call log, in the error of a failed request and of its step,
 * lists every request header, Authorization included.
 */
export default class RedactingReporter implements Reporter {
  private redactor = Redactor.fromEnvironment(process.env);

  /** Again once global setup has run: the run's first token is in the environment only from then. */
  onBegin(): void {
    this.redactor = Redactor.fromEnvironment(process.env);
  }

  printsToStdio(): boolean {
    return false;
  }

  onStepEnd(_test: TestCase, _result: TestResult, step: TestStep): void {
    this.step(step);
  }

  onTestEnd(_test: TestCase, result: TestResult): void {
    for (const error of result.errors) this.error(error);
    if (result.error) this.error(result.error);
    for (const step of result.steps) this.step(step);
    for (const annotation of result.annotations)
      if (annotation.description) annotation.description = this.redactor.text(annotation.description);
  }

  onError(error: TestError): void {
    this.error(error);
  }

  private step(step: TestStep): void {
    if (step.error) this.error(step.error);
    for (const child of step.steps) this.step(child);
  }

  private error(error: TestError): void {
    for (const key of ['message', 'stack', 'snippet', 'value'] as const) {
      const text = error[key];
      if (text !== undefined) error[key] = this.redactor.text(text);
    }
    if (error.cause) this.error(error.cause);
  }
}
