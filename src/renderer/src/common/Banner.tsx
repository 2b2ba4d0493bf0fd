// Messages that need the user's eye: errors in words (role=alert), notes (role=status).
import type { ReactNode } from 'react';

/** An error sentence, with an optional action such as "Try again". */
export function ErrorBanner({
  title,
  children,
  action,
}: {
  title?: string;
  children: ReactNode;
  action?: ReactNode;
}) {
  return (
    <div className="banner error" role="alert">
      <div className="grow">
        {title ? <strong>{title} </strong> : null}
        {children}
      </div>
      {action}
    </div>
  );
}

/** A note that updates politely for screen readers. */
export function InfoBanner({
  children,
  tone = 'info',
}: {
  children: ReactNode;
  tone?: 'info' | 'warn';
}) {
  return (
    <div className={`banner ${tone}`} role="status">
      <div className="grow">{children}</div>
    </div>
  );
}
