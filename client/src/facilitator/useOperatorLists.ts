import { useCallback, useEffect, useState } from "react";
import { type FacilitatorRow, facilitatorList, type InviteRow, inviteList } from "../../../shared/contract/index";
import { api } from "../core/api";
import { describeError } from "./errors";

/** The operator's lists: every facilitator key and every invite, newest first, reloaded after each change. */
export function useOperatorLists(key: string) {
  const [facilitators, setFacilitators] = useState<FacilitatorRow[] | null>(null);
  const [invites, setInvites] = useState<InviteRow[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  const reload = useCallback(async () => {
    try {
      const [f, i] = await Promise.all([
        api("/api/facilitators", facilitatorList, { token: key }),
        api("/api/invites", inviteList, { token: key }),
      ]);
      const newest = (a: { createdAt: string }, b: { createdAt: string }) => b.createdAt.localeCompare(a.createdAt);
      setFacilitators([...f].sort(newest));
      setInvites([...i].sort(newest));
      setError(null);
    } catch (err) {
      setError(describeError(err));
    }
  }, [key]);

  useEffect(() => {
    reload();
  }, [reload]);

  return { facilitators, invites, error, reload };
}
