import { useEffect, useState } from "react";
import { type StoredSeat, storage } from "./storage";

/**
 * One seat's stored token, kept current: when another tab re-joins the seat, a reset stores a new
 * facilitator token, or "Forget this device" clears everything, the page follows at once.
 */
export function useStoredSeat(gameId: string, seatId: string): StoredSeat | null {
  const read = () => storage.seat(gameId, seatId);
  const [seat, setSeat] = useState<StoredSeat | null>(read);
  // biome-ignore lint/correctness/useExhaustiveDependencies: read depends only on gameId and seatId
  useEffect(() => {
    const update = () =>
      setSeat((prev) => {
        const next = read();
        return prev?.token === next?.token && prev?.name === next?.name ? prev : next;
      });
    update();
    return storage.subscribe(update);
  }, [gameId, seatId]);
  return seat;
}

/** The facilitator key, kept current the same way. */
export function useFacilitatorKey(): string | null {
  const [key, setKey] = useState<string | null>(() => storage.facilitatorKey());
  useEffect(() => {
    const update = () => setKey(storage.facilitatorKey());
    update();
    return storage.subscribe(update);
  }, []);
  return key;
}
