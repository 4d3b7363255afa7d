/**
 * How the server's commands (`npm start`, `npm run relay`) run: `main` sets things up; a
 * failure ends the process with its one-sentence message and exit 1; SIGINT and SIGTERM
 * run the cleanup it returns, then exit 0.
 */
export function runMain(main: () => Promise<() => Promise<void>>) {
  main().then(
    (cleanup) => {
      const stop = () => void cleanup().then(() => process.exit(0));
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    },
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
