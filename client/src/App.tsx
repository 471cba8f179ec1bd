import { lazy, Suspense } from "react";
import { match, useRouter } from "./core/router";
import { Home } from "./home/Home";
import { Join } from "./join/Join";
import { JoinByCode } from "./join/JoinByCode";
import { LegacyPlay } from "./join/LegacyPlay";
import { SeatPage } from "./join/SeatPage";
import { t } from "./texts";

const Dashboard = lazy(() => import("./facilitator/Dashboard").then((m) => ({ default: m.Dashboard })));
const Invite = lazy(() => import("./facilitator/Invite").then((m) => ({ default: m.Invite })));
const NewGame = lazy(() => import("./facilitator/NewGame").then((m) => ({ default: m.NewGame })));
const NewClass = lazy(() => import("./facilitator/NewClass").then((m) => ({ default: m.NewClass })));
const ClassPage = lazy(() => import("./facilitator/ClassPage").then((m) => ({ default: m.ClassPage })));
const ClassConsole = lazy(() => import("./facilitator/ClassConsole").then((m) => ({ default: m.ClassConsole })));
const ClassCards = lazy(() => import("./facilitator/ClassCards").then((m) => ({ default: m.ClassCards })));
const Setup = lazy(() => import("./facilitator/Setup").then((m) => ({ default: m.Setup })));
const Sheets = lazy(() => import("./facilitator/Sheets").then((m) => ({ default: m.Sheets })));
// The console and the projector load on demand: a student's phone never downloads them.
const ConsolePage = lazy(() => import("./facilitator/ConsolePage").then((m) => ({ default: m.ConsolePage })));
const ScreenPage = lazy(() => import("./projector/ScreenPage").then((m) => ({ default: m.ScreenPage })));
const Replay = lazy(() => import("./replay/Replay").then((m) => ({ default: m.Replay })));
const Debrief = lazy(() => import("./debrief/Debrief").then((m) => ({ default: m.Debrief })));
// The guide and the handout are a teacher's reading, not a student's: loaded on demand too.
const GuidePage = lazy(() => import("./guide/GuidePage").then((m) => ({ default: m.GuidePage })));
const Handout = lazy(() => import("./handout/Handout").then((m) => ({ default: m.Handout })));
const Cohort = lazy(() => import("./cohort/Cohort").then((m) => ({ default: m.Cohort })));
const LabPage = lazy(() => import("./lab/LabPage").then((m) => ({ default: m.LabPage })));

/**
 * The screens, by path. Every seat of a game has its own address (the console, the projector,
 * each player's table), so tabs of one browser never trade seats.
 */
export function App() {
  const { path } = useRouter();
  const join = match("/join/:gameId", path);
  const seat = match("/play/:gameId/:seatId", path);
  const legacy = match("/play/:gameId", path);
  const consoleAt = match("/console/:gameId", path);
  const screen = match("/screen/:gameId", path);
  const setup = match("/facilitator/games/:gameId", path);
  const sheets = match("/facilitator/games/:gameId/sheets", path);
  const replay = match("/replay/:gameId", path);
  const debrief = match("/debrief/:gameId", path);
  const cohort = match("/facilitator/cohort/:scenarioId", path);
  const classAt = match("/facilitator/classes/:classId", path);
  const cards = match("/facilitator/classes/:classId/cards", path);
  const classConsole = match("/facilitator/classes/:classId/console", path);
  const handout = match("/handout/:scenarioId", path);
  let node: React.ReactNode = <Home />;
  if (join) node = <Join gameId={join.gameId!} />;
  else if (match("/join", path)) node = <JoinByCode />;
  else if (seat) node = <SeatPage key={path} gameId={seat.gameId!} seatId={seat.seatId!} />;
  else if (legacy) node = <LegacyPlay key={path} gameId={legacy.gameId!} />;
  else if (consoleAt) node = <ConsolePage key={path} gameId={consoleAt.gameId!} />;
  else if (screen) node = <ScreenPage key={path} gameId={screen.gameId!} />;
  else if (match("/facilitator", path)) node = <Dashboard />;
  else if (match("/facilitator/invite", path)) node = <Invite />;
  else if (match("/facilitator/lab", path)) node = <LabPage />;
  else if (match("/facilitator/new", path)) node = <NewGame />;
  else if (match("/facilitator/new-class", path)) node = <NewClass />;
  else if (classAt) node = <ClassPage key={classAt.classId} classId={classAt.classId!} />;
  else if (classConsole) node = <ClassConsole key={classConsole.classId} classId={classConsole.classId!} />;
  else if (cards) node = <ClassCards key={cards.classId} classId={cards.classId!} />;
  else if (setup) node = <Setup gameId={setup.gameId!} />;
  else if (sheets) node = <Sheets gameId={sheets.gameId!} />;
  else if (replay) node = <Replay key={replay.gameId} gameId={replay.gameId!} />;
  else if (debrief) node = <Debrief key={debrief.gameId} gameId={debrief.gameId!} />;
  else if (cohort) node = <Cohort key={cohort.scenarioId} scenarioId={cohort.scenarioId!} />;
  else if (match("/guide", path)) node = <GuidePage />;
  else if (handout) node = <Handout key={handout.scenarioId} scenarioId={handout.scenarioId!} />;
  return (
    <>
      <a className="skip" href="#main">
        Skip to content
      </a>
      <Suspense fallback={<p>{t.common.loading}</p>}>{node}</Suspense>
    </>
  );
}
