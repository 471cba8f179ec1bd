import { useCallback, useEffect, useState } from "react";
import { type ClassSummary, classSummary } from "../../../shared/contract/index";
import { api } from "../core/api";
import { requireFacilitatorKey } from "./access";
import { describeError } from "./errors";

/** A class as its owner's key reads it (GET /api/classes/:classId), refreshed every `everyMs` if given. */
export function useClass(classId: string, everyMs?: number): { klass: ClassSummary | null; error: string | null } {
  const [klass, setKlass] = useState<ClassSummary | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(async () => {
    try {
      const key = requireFacilitatorKey();
      setKlass(await api(`/api/classes/${encodeURIComponent(classId)}`, classSummary, { token: key }));
      setError(null);
    } catch (err) {
      setError(describeError(err));
    }
  }, [classId]);
  useEffect(() => {
    load();
    if (!everyMs) return;
    const timer = setInterval(load, everyMs);
    return () => clearInterval(timer);
  }, [load, everyMs]);
  return { klass, error };
}
