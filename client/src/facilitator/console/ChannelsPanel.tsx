import { useEffect, useId, useRef, useState } from "react";
import type { GameProps } from "../../core/gameProps";
import { t } from "../../texts";
import { ErrorText } from "../ErrorText";
import { clockTime, type Labels } from "./labels";
import { useMove } from "./useMove";

const T = t.facilitator.console.channels;

/** Every channel (the facilitator reads them all), one at a time, and a message from Control. */
export function ChannelsPanel({ view, send, labels }: Pick<GameProps, "view" | "send"> & { labels: Labels }) {
  const [selected, setSelected] = useState<string>(() => view.channels[0]?.id ?? "");
  const [seen, setSeen] = useState<Record<string, number>>({});
  const id = useId();
  const channel = view.channels.find((c) => c.id === selected) ?? view.channels[0];
  const messages = channel?.messages ?? [];
  const logRef = useRef<HTMLOListElement>(null);

  // What is on screen counts as read.
  useEffect(() => {
    if (channel) setSeen((s) => (s[channel.id] === messages.length ? s : { ...s, [channel.id]: messages.length }));
    const el = logRef.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [channel, messages.length]);

  return (
    <section className="card con-channels" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{T.title}</h2>
      <fieldset className="con-channel-list">
        <legend className="visually-hidden">{T.choose}</legend>
        {view.channels.map((c) => {
          const count = c.messages?.length ?? 0;
          const unread = Math.max(0, count - (seen[c.id] ?? 0));
          return (
            <button
              key={c.id}
              type="button"
              className={c.id === channel?.id ? "con-channel con-channel-on" : "con-channel secondary"}
              aria-pressed={c.id === channel?.id}
              onClick={() => setSelected(c.id)}
              data-testid={`channel-${c.id}`}
            >
              {c.title}
              <span className="con-count">{unread > 0 ? T.unread(unread) : T.count(count)}</span>
            </button>
          );
        })}
      </fieldset>
      {channel && (
        <>
          <p className="hint">
            {channel.members
              ? T.members(channel.members.map(labels.seat).join(", "))
              : channel.kind === "team"
                ? T.team(labels.side(channel.id.replace(/^team:/, "")))
                : T.open(channel.kind)}
          </p>
          {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling log must be reachable by keyboard to be scrolled */}
          <ol className="con-messages" ref={logRef} aria-label={T.log(channel.title)} tabIndex={0}>
            {messages.length === 0 && <li className="hint">{T.empty}</li>}
            {messages.map((m) => (
              <li key={m.seq}>
                <span className="con-from">{labels.seat(m.from)}</span> <span className="hint">{clockTime(m.at)}</span>
                <div>{m.text}</div>
              </li>
            ))}
          </ol>
          <ControlMessage key={channel.id} channelId={channel.id} press={channel.kind === "press"} send={send} />
        </>
      )}
    </section>
  );
}

function ControlMessage({ channelId, press, send }: { channelId: string; press: boolean; send: GameProps["send"] }) {
  const move = useMove(send);
  const [text, setText] = useState("");
  const id = useId();
  return (
    <form
      className="con-control-msg"
      onSubmit={async (e) => {
        e.preventDefault();
        if (!text.trim()) return;
        const ok = await move.run(
          press ? { type: "statement", text: text.trim() } : { type: "chat", channel: channelId, text: text.trim() },
        );
        if (ok) setText("");
      }}
    >
      <label htmlFor={id}>{press ? T.statementLabel : T.chatLabel}</label>
      <div className="fac-inline">
        <input id={id} value={text} onChange={(e) => setText(e.target.value)} data-testid="control-chat-text" />
        <button
          type="submit"
          className="secondary"
          disabled={move.busy || !text.trim()}
          data-testid="control-chat-send"
        >
          {T.send}
        </button>
      </div>
      <ErrorText message={move.error} />
    </form>
  );
}
