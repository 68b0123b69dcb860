import { ApiErrorAlert } from '../../ui/errors.tsx';

/** A refused step: the server's message and each rule in its own words (lifecycle guards, APL-42/51). */
export function StepError({ error, style }: { error: unknown; style?: React.CSSProperties }) {
  return <ApiErrorAlert error={error} style={style} testId="step-error" />;
}
