/**
 * Sockets open per token in this process. A slot is taken when a handshake is accepted and given
 * back once, however the socket ends (a socket whose client left during the handshake never
 * `connect`s, so its engine connection's close is what gives its slot back).
 */
export class SocketSlots {
  private readonly open = new Map<string, number>();

  constructor(private readonly perToken: number) {}

  /** A release function if `token` may open one more socket; null if it holds its limit. */
  take(token: string): (() => void) | null {
    const n = this.open.get(token) ?? 0;
    if (n >= this.perToken) return null;
    this.open.set(token, n + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.open.get(token) ?? 1) - 1;
      if (left > 0) this.open.set(token, left);
      else this.open.delete(token);
    };
  }

  count(token: string): number {
    return this.open.get(token) ?? 0;
  }
}
