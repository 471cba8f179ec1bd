import { useEffect, useRef, useState } from "react";
import { type ChannelView, checkMove, onSeatAt } from "../../../shared/index";
import type { GameProps } from "../core/gameProps";
import { t } from "../texts";
import { listOf, type Model, timeOf } from "./model";
import { Reason, ServerError } from "./Notes";
import { explain } from "./reasons";
import { useMove } from "./useMove";

/**
 * The seat's channels as tabs (arrow keys move between them), each with its count of messages
 * arrived since it was last looked at, its messages, and a send box that says why it is closed.
 */
export function Channels({ m, send }: { m: Model; send: GameProps["send"] }) {
  const c = t.seat.channels;
  const channels = m.view.channels;
  const team = channels.find((x) => x.kind === "team")?.id ?? channels[0]?.id ?? "";
  const [active, setActive] = useState(team);
  // What is typed in each channel's box stays there when switching tabs.
  const [drafts, setDrafts] = useState<Record<string, string>>({});
  const count = (id: string) => channels.find((x) => x.id === id)?.messages?.length ?? 0;
  // How many messages of each channel this seat has seen: what was there on arrival counts as seen.
  const [seen, setSeen] = useState<Record<string, number>>(() =>
    Object.fromEntries(channels.map((x) => [x.id, x.messages?.length ?? 0])),
  );
  const activeCount = count(active);
  useEffect(() => {
    setSeen((s) => (s[active] === activeCount ? s : { ...s, [active]: activeCount }));
  }, [active, activeCount]);
  const tabs = useRef<(HTMLButtonElement | null)[]>([]);
  const current = channels.find((x) => x.id === active) ?? channels[0];

  const onKey = (e: React.KeyboardEvent, i: number) => {
    const n = channels.length;
    const to =
      e.key === "ArrowRight" || e.key === "ArrowDown"
        ? (i + 1) % n
        : e.key === "ArrowLeft" || e.key === "ArrowUp"
          ? (i - 1 + n) % n
          : e.key === "Home"
            ? 0
            : e.key === "End"
              ? n - 1
              : -1;
    if (to < 0) return;
    e.preventDefault();
    setActive(channels[to]!.id);
    tabs.current[to]?.focus();
  };

  return (
    <section className="panel" aria-labelledby="channels-title" data-testid="channels">
      <div className="panel-head">
        <h2 id="channels-title">{c.title}</h2>
      </div>
      <div className="channel-tabs" role="tablist" aria-labelledby="channels-title">
        {channels.map((ch, i) => {
          const unread = Math.max(0, count(ch.id) - (seen[ch.id] ?? 0));
          const selected = ch.id === current?.id;
          return (
            <button
              key={ch.id}
              ref={(el) => {
                tabs.current[i] = el;
              }}
              type="button"
              role="tab"
              id={`channel-tab-${ch.id}`}
              aria-selected={selected}
              aria-controls="channel-panel"
              tabIndex={selected ? 0 : -1}
              className={`channel-tab channel-${ch.kind}`}
              onClick={() => setActive(ch.id)}
              onKeyDown={(e) => onKey(e, i)}
              data-testid={`channel-tab-${ch.id}`}
            >
              {ch.title}
              {unread > 0 && (
                <span className="unread" data-testid={`unread-${ch.id}`}>
                  {unread}
                  <span className="visually-hidden"> {c.unread}</span>
                </span>
              )}
            </button>
          );
        })}
      </div>
      {current && (
        <ChannelPanel
          key={current.id}
          m={m}
          channel={current}
          send={send}
          text={drafts[current.id] ?? ""}
          setText={(x) => setDrafts((d) => ({ ...d, [current.id]: x }))}
        />
      )}
    </section>
  );
}

type PanelProps = {
  m: Model;
  channel: ChannelView;
  send: GameProps["send"];
  text: string;
  setText: (text: string) => void;
};

function ChannelPanel({ m, channel, send, text, setText }: PanelProps) {
  const c = t.seat.channels;
  const { view, scenario } = m;
  const move = useMove(send, m);
  const list = useRef<HTMLDivElement>(null);
  const messages = channel.messages ?? [];
  const press = channel.kind === "press";
  const max = scenario.rules.chatMaxLength;

  // Keep the newest message in sight.
  const n = messages.length;
  useEffect(() => {
    const el = list.current;
    if (el && n >= 0) el.scrollTop = el.scrollHeight;
  }, [n]);

  const build = (body: string): Record<string, unknown> =>
    press ? { type: "statement", text: body } : { type: "chat", channel: channel.id, text: body };
  const probe = build(text.trim() || "…");
  const e = checkMove(view, probe);
  const closed = e && e.code !== "message_too_long" ? explain(m, e, probe) : null;
  const tooLong = e?.code === "message_too_long" ? explain(m, e, probe) : null;
  const reason = closed ?? tooLong;

  const submit = async () => {
    const body = text.trim();
    if (!body || reason || move.pending) return;
    if (await move.run(build(body))) setText("");
  };

  const others = (channel.members ?? []).filter((id) => id !== m.role.id).map((id) => m.seatTitle(id));
  const about =
    channel.kind === "team"
      ? c.aboutTeam(m.side.name)
      : channel.kind === "table"
        ? c.aboutTable
        : press
          ? c.aboutPress
          : c.aboutBackchannel(listOf(others));

  return (
    <div id="channel-panel" role="tabpanel" aria-labelledby={`channel-tab-${channel.id}`} className="channel-panel">
      <p className="hint">{about}</p>
      <div
        className="messages"
        ref={list}
        role="log"
        aria-label={c.messagesOf(channel.title)}
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard
        tabIndex={0}
        data-testid="messages"
      >
        <ol className="message-list">
          {messages.length === 0 && <li className="hint">{c.empty}</li>}
          {messages.map((msg) => {
            const seat = view.seats.find((s) => s.id === msg.from);
            // Only those on the seat when it was sent: someone who joined later did not write it.
            const by = onSeatAt(seat?.joins, msg.seq);
            const mine = msg.from === m.role.id;
            return (
              <li key={msg.seq} className={mine ? "message message-mine" : "message"}>
                <div className="message-meta">
                  <span className={seat ? `who side-text-${m.sideIndex(seat.side)}` : "who who-control"}>
                    {m.seatTitle(msg.from)}
                  </span>
                  {seat && seat.side !== m.side.id && <span className="who-side"> · {m.sideName(seat.side)}</span>}
                  {by.length ? <span className="who-names"> ({listOf(by)})</span> : null}
                  {mine && <span className="who-you"> · {c.you}</span>}
                  <time className="message-time"> {timeOf(msg.at)}</time>
                </div>
                <p className="message-text">{msg.text}</p>
              </li>
            );
          })}
        </ol>
      </div>
      <form
        className="send-box"
        onSubmit={(ev) => {
          ev.preventDefault();
          void submit();
        }}
      >
        <label htmlFor="chat-input">{press ? c.statementLabel : c.messageLabel(channel.title)}</label>
        <textarea
          id="chat-input"
          rows={2}
          value={text}
          // No maxLength: it would cut a long paste silently. The count shows it, the rule refuses it.
          disabled={closed !== null}
          aria-describedby={`chat-hint${reason ? " chat-reason" : ""}`}
          onChange={(ev) => setText(ev.target.value)}
          onKeyDown={(ev) => {
            if (ev.key === "Enter" && !ev.shiftKey && !ev.nativeEvent.isComposing) {
              ev.preventDefault();
              void submit();
            }
          }}
          data-testid="chat-input"
        />
        <div className="send-row">
          <span className="hint" id="chat-hint">
            {c.hint} · {c.count(text.length, max)}
          </span>
          <button
            type="submit"
            disabled={reason !== null || !text.trim() || move.pending}
            aria-describedby={reason ? "chat-reason" : undefined}
            data-testid="chat-send"
          >
            {press ? c.publish : c.send}
          </button>
        </div>
        <Reason id="chat-reason" reason={reason} />
        <ServerError error={move.error} />
      </form>
    </div>
  );
}
