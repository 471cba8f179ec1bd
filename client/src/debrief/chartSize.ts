import { type RefObject, useLayoutEffect, useRef, useState } from "react";
import { flushSync } from "react-dom";

/** About the printable width of an A4 or Letter page at 96 dpi, margins taken off. */
export const PRINT_WIDTH = 680;

/**
 * The width a chart should draw at: its box's width on screen (followed as it changes), and a
 * page's width while printing, switched before the print layout is taken so the report's charts
 * fit the page whatever the window's size.
 */
export function useChartWidth(): [RefObject<HTMLDivElement | null>, number] {
  const ref = useRef<HTMLDivElement | null>(null);
  const [width, setWidth] = useState(0);
  const [printing, setPrinting] = useState(false);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => setWidth(Math.floor(el.clientWidth));
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    const before = () => flushSync(() => setPrinting(true));
    const after = () => setPrinting(false);
    const media = window.matchMedia("print");
    const onMedia = (e: MediaQueryListEvent) => (e.matches ? before() : after());
    window.addEventListener("beforeprint", before);
    window.addEventListener("afterprint", after);
    media.addEventListener("change", onMedia);
    if (media.matches) setPrinting(true);
    return () => {
      observer.disconnect();
      window.removeEventListener("beforeprint", before);
      window.removeEventListener("afterprint", after);
      media.removeEventListener("change", onMedia);
    };
  }, []);
  return [ref, printing ? PRINT_WIDTH : width];
}
