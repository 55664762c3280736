/** Captures a server's log lines (JSON, one object per line) for tests: `startServer({ log: logs.log })`. */
export interface LogEntry {
  level: string;
  event?: string;
  msg?: string;
  [field: string]: unknown;
}

export class CapturedLogs {
  readonly lines: string[] = [];
  readonly log = (line: string): void => {
    this.lines.push(line);
  };

  /** Every line parsed; a line that is not a JSON object fails the test (the logs are structured). */
  entries(): LogEntry[] {
    return this.lines.map((line) => {
      const parsed = JSON.parse(line) as unknown;
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error(`not a JSON object log line: ${line}`);
      return parsed as LogEntry;
    });
  }

  events(event: string): LogEntry[] {
    return this.entries().filter((entry) => entry.event === event);
  }

  clear(): void {
    this.lines.length = 0;
  }
}
