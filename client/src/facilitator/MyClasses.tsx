import { useEffect, useState } from "react";
import { type ClassSummary, classList } from "../../../shared/contract/index";
import { api } from "../core/api";
import { Link } from "../core/router";
import { t } from "../texts";
import { ErrorText } from "./ErrorText";
import { describeError } from "./errors";

const T = t.classes.list;

/** The dashboard's list of this key's classes, newest first, each a link to its class page. */
export function MyClasses({ keyValue }: { keyValue: string }) {
  const [classes, setClasses] = useState<ClassSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    api("/api/classes", classList, { token: keyValue }).then(
      (l) => live && setClasses(l),
      (err) => live && setError(describeError(err)),
    );
    return () => {
      live = false;
    };
  }, [keyValue]);
  if (!error && !classes?.length) return null;
  return (
    <section aria-labelledby="fac-classes-title">
      <h2 id="fac-classes-title">{T.title}</h2>
      <ErrorText message={error} />
      <ul data-testid="my-classes">
        {classes?.map((c) => (
          <li key={c.classId}>
            <Link to={`/facilitator/classes/${encodeURIComponent(c.classId)}`}>{c.title}</Link>{" "}
            <span className="hint">{T.tables(c.tables.map((x) => x.label))}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
