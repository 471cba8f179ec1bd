import guide from "../../../docs/facilitator-guide.md?raw";
import { Markdown } from "../common/Markdown";
import { Link } from "../core/router";
import { t } from "../texts";
import "../facilitator/facilitator.css";

/**
 * The facilitator guide, in the app. The text is docs/facilitator-guide.md itself, bundled at build
 * time (Vite's `?raw`), so the page and the repository never hold two versions of the guide.
 */
export function GuidePage() {
  return (
    <main className="page fac fac-narrow guide" id="main" data-testid="guide">
      <nav className="fac-crumbs no-print" aria-label={t.facilitator.nav.label}>
        <Link to="/">{t.facilitator.nav.home}</Link> · <Link to="/facilitator">{t.facilitator.nav.dashboard}</Link>
      </nav>
      <Markdown text={guide} headingLevel={1} />
    </main>
  );
}
