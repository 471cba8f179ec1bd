import { lazy, Suspense } from "react";
import { match, useRouter } from "./core/router";
import { Home } from "./home/Home";
import { Join } from "./join/Join";
import { Play } from "./join/Play";
import { t } from "./texts";

const Dashboard = lazy(() => import("./facilitator/Dashboard").then((m) => ({ default: m.Dashboard })));
const NewGame = lazy(() => import("./facilitator/NewGame").then((m) => ({ default: m.NewGame })));
const Setup = lazy(() => import("./facilitator/Setup").then((m) => ({ default: m.Setup })));
const Sheets = lazy(() => import("./facilitator/Sheets").then((m) => ({ default: m.Sheets })));

/** The screens, by path. */
export function App() {
  const { path } = useRouter();
  let screen: React.ReactNode;
  let m: Record<string, string> | null;
  if ((m = match("/join/:gameId", path))) screen = <Join gameId={m.gameId!} />;
  else if ((m = match("/play/:gameId", path))) screen = <Play key={m.gameId} gameId={m.gameId!} />;
  else if (match("/facilitator", path)) screen = <Dashboard />;
  else if (match("/facilitator/new", path)) screen = <NewGame />;
  else if ((m = match("/facilitator/games/:gameId", path))) screen = <Setup gameId={m.gameId!} />;
  else if ((m = match("/facilitator/games/:gameId/sheets", path))) screen = <Sheets gameId={m.gameId!} />;
  else screen = <Home />;
  return (
    <>
      <a className="skip" href="#main">
        Skip to content
      </a>
      <Suspense fallback={<p>{t.common.loading}</p>}>{screen}</Suspense>
    </>
  );
}
