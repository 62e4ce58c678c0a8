import { fileURLToPath } from 'node:url';

/** The rules shipped with GridCase, wherever the command is run from. */
export const DEFAULT_RULES_DIR = fileURLToPath(new URL('../../rules', import.meta.url));
