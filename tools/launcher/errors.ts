/** A problem the person running the command can fix; printed as one paragraph, without a stack trace. */
export class LauncherError extends Error {
  override name = 'LauncherError';
}

export const INSTALL_HINT =
  'On Debian or Ubuntu: `sudo apt-get update && sudo apt-get install -y postgresql redis-server` ' +
  '(the launcher then starts private servers from those binaries under .data/, you need not configure them). ' +
  'Or point Breakwater at servers you already run: `DATABASE_URL=postgres://user:password@host:5432/breakwater ' +
  'REDIS_URL=redis://host:6379 npm start` (or `npm test`).';
