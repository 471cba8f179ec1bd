/** Whole minutes from 1 to 15, as the extend and lastCall moves take them (shared/moves.ts). */
export function minutesOf(value: string): number | null {
  const n = Number(value);
  return Number.isInteger(n) && n >= 1 && n <= 15 ? n : null;
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
