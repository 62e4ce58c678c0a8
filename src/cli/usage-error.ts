/** A bad flag or flag value: reported with the flag's name, exit code 2. */
export class UsageError extends Error {}
