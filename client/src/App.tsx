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
  const join = match("/join/:gameId", path);
  const play = match("/play/:gameId", path);
  const setup = match("/facilitator/games/:gameId", path);
  const sheets = match("/facilitator/games/:gameId/sheets", path);
  let screen: React.ReactNode = <Home />;
  if (join) screen = <Join gameId={join.gameId!} />;
  else if (play) screen = <Play key={play.gameId} gameId={play.gameId!} />;
  else if (match("/facilitator", path)) screen = <Dashboard />;
  else if (match("/facilitator/new", path)) screen = <NewGame />;
  else if (setup) screen = <Setup gameId={setup.gameId!} />;
  else if (sheets) screen = <Sheets gameId={sheets.gameId!} />;
  return (
    <>
      <a className="skip" href="#main">
        Skip to content
      </a>
      <Suspense fallback={<p>{t.common.loading}</p>}>{screen}</Suspense>
    </>
  );
}
