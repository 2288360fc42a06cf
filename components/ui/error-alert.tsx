/** An error message announced as it appears: the alert region stays in the page, empty until there is one. */
export function ErrorAlert({ message, testId }: { message: string | null; testId?: string }) {
  return (
    <div role="alert" data-testid={testId}>
      {message ? (
        <p className="rounded-lg border border-rose-300 bg-rose-50 px-3 py-2 text-sm text-rose-900 dark:border-rose-700 dark:bg-rose-950 dark:text-rose-100">
          {message}
        </p>
      ) : null}
    </div>
  );
}
