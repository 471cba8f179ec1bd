import { moveSchemas } from "../../../../shared/moves";

/** Whole minutes as the extend and lastCall moves take them: their schema's bounds (shared/moves.ts), not a copy. */
export function minutesOf(value: string): number | null {
  const parsed = moveSchemas.extend.shape.minutes.safeParse(Number(value));
  return parsed.success ? parsed.data : null;
}

/** The console's minutes field (extend, last call): a number from 1 to 15, flagged when out of range. */
export function MinutesInput({
  id,
  value,
  onChange,
  testId,
  describedBy,
}: {
  id: string;
  value: string;
  onChange: (value: string) => void;
  testId: string;
  describedBy?: string;
}) {
  return (
    <input
      id={id}
      type="number"
      min={1}
      max={15}
      step={1}
      inputMode="numeric"
      value={value}
      onChange={(e) => onChange(e.target.value)}
      aria-invalid={minutesOf(value) === null}
      aria-describedby={describedBy}
      data-testid={testId}
    />
  );
}
