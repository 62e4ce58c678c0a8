// Every problem in a rule set is reported as file:line:column plus what is wrong.
export interface Diagnostic {
  file: string;
  line: number;
  column: number;
  message: string;
}

export function formatDiagnostic(d: Diagnostic): string {
  return `${d.file}:${d.line}:${d.column}: ${d.message}`;
}

export class RuleSetError extends Error {
  readonly diagnostics: readonly Diagnostic[];

  constructor(diagnostics: readonly Diagnostic[]) {
    const sorted = [...diagnostics].sort(
      (a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column,
    );
    super(
      `rule set is invalid (${sorted.length} error${sorted.length === 1 ? '' : 's'}):\n${sorted.map(formatDiagnostic).join('\n')}`,
    );
    this.diagnostics = sorted;
  }
}
