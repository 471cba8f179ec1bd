import { access } from "./access";
import { classConsole } from "./classConsole";
import { classes } from "./classes";
import { classroom } from "./classroom";
import { common } from "./common";
import { control } from "./control";
import { facilitator } from "./facilitator";
import { lab } from "./lab";
import { projector } from "./projector";
import { replay } from "./replay";
import { seat } from "./seat";

/**
 * Every text the web client shows lives in this folder, one file per area, so a translation can
 * be added later: another set of the same shape, chosen at start-up. Functions take what they
 * interpolate.
 */
export const en = {
  ...common,
  access,
  seat,
  facilitator,
  projector,
  replay,
  classroom,
  classes,
  classConsole,
  control,
  lab,
};
export type Texts = typeof en;
export const t: Texts = en;
