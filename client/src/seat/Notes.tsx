import { t } from "../texts";

/** The server's last refusal for an area, announced as it appears. */
export function ServerError({ error, id }: { error: string | null; id?: string }) {
  if (!error) return null;
  return (
    <p className="error seat-error" role="alert" data-testid="server-error" id={id}>
      {t.seat.refused(error)}
    </p>
  );
}

/** Why a control is disabled, in words; the control points at it with aria-describedby. */
export function Reason({ id, reason }: { id: string; reason: string | null }) {
  if (!reason) return null;
  return (
    <p className="seat-reason" id={id}>
      {reason.charAt(0).toUpperCase() + reason.slice(1)}
    </p>
  );
}

/** A signed number of points, in words and a sign (never colour alone). */
export function Delta({ value, against }: { value: number; against: string }) {
  const cls = value > 0 ? "delta delta-up" : value < 0 ? "delta delta-down" : "delta";
  const text =
    value > 0
      ? t.seat.deltaUp(value, against)
      : value < 0
        ? t.seat.deltaDown(-value, against)
        : t.seat.deltaSame(against);
  return (
    <span className={cls}>
      <span aria-hidden="true">{value > 0 ? "▲ " : value < 0 ? "▼ " : "= "}</span>
      {text}
    </span>
  );
}
