import { useEffect, useState } from "react";
import { type PublicScenario, publicScenarioSchema } from "../../../shared/index";
import { api } from "../core/api";
import { storage } from "../core/storage";

/**
 * Public scenarios by id and version, fetched once per page load (they never change). The key goes
 * along: a facilitator's own uploads are readable by that key only.
 */
const cache = new Map<string, Promise<PublicScenario>>();

export function fetchScenario(id: string, version?: number): Promise<PublicScenario> {
  const k = `${id}@${version ?? "latest"}`;
  let p = cache.get(k);
  if (!p) {
    const query = version === undefined ? "" : `?version=${version}`;
    p = api(`/api/scenarios/${encodeURIComponent(id)}${query}`, publicScenarioSchema, {
      token: storage.facilitatorKey(),
    });
    p.catch(() => cache.delete(k));
    cache.set(k, p);
  }
  return p;
}

/** A public scenario, or null while it loads (or if it cannot be had). */
export function useScenario(id: string | null | undefined, version?: number): PublicScenario | null {
  const [scenario, setScenario] = useState<PublicScenario | null>(null);
  useEffect(() => {
    if (!id) return;
    let live = true;
    fetchScenario(id, version).then(
      (s) => live && setScenario(s),
      () => live && setScenario(null),
    );
    return () => {
      live = false;
    };
  }, [id, version]);
  return scenario;
}
