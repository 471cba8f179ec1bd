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
const Replay = lazy(() => import("./replay/Replay").then((m) => ({ default: m.Replay })));
const Debrief = lazy(() => import("./debrief/Debrief").then((m) => ({ default: m.Debrief })));
const Cohort = lazy(() => import("./cohort/Cohort").then((m) => ({ default: m.Cohort })));

/** The screens, by path. */
export function App() {
  const { path } = useRouter();
  const join = match("/join/:gameId", path);
  const play = match("/play/:gameId", path);
  const setup = match("/facilitator/games/:gameId", path);
  const sheets = match("/facilitator/games/:gameId/sheets", path);
  const replay = match("/replay/:gameId", path);
  const debrief = match("/debrief/:gameId", path);
  const cohort = match("/facilitator/cohort/:scenarioId", path);
  let screen: React.ReactNode = <Home />;
  if (join) screen = <Join gameId={join.gameId!} />;
  else if (play) screen = <Play key={play.gameId} gameId={play.gameId!} />;
  else if (match("/facilitator", path)) screen = <Dashboard />;
  else if (match("/facilitator/new", path)) screen = <NewGame />;
  else if (setup) screen = <Setup gameId={setup.gameId!} />;
  else if (sheets) screen = <Sheets gameId={sheets.gameId!} />;
  else if (replay) screen = <Replay key={replay.gameId} gameId={replay.gameId!} />;
  else if (debrief) screen = <Debrief key={debrief.gameId} gameId={debrief.gameId!} />;
  else if (cohort) screen = <Cohort key={cohort.scenarioId} scenarioId={cohort.scenarioId!} />;
  return (
    <>
      <a className="skip" href="#main">
        Skip to content
      </a>
      <Suspense fallback={<p>{t.common.loading}</p>}>{screen}</Suspense>
    </>
  );
}
